#!/usr/bin/env node
// `npm run soak`: every rule and the codemod over the whole rxjs source tree
// (tests/reliability/real-code.test.ts with SOAK=all; `npm test` runs a sample of it).
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', 'tests/reliability/real-code.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SOAK: 'all' },
});
process.exit(result.status ?? 1);
