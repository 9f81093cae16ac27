#!/usr/bin/env node
import { main } from '../codemods/migrate/cli.js';

process.exitCode = main(process.argv.slice(2));
