#!/usr/bin/env node
import { main } from '../codemods/migrate/cli.js';

process.exitCode = await main(process.argv.slice(2));
