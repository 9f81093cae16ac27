#!/usr/bin/env node
// `npm run fuzz -- --runs 20000 [--seed N] [--max-tape 60]`: the property-based differential test
// of tests/reliability with more programs than `npm test` runs. It runs under vitest (the test
// sources are TypeScript), configured through environment variables.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const env = {
  ...process.env,
  FUZZ_RUNS: option('runs', '2000'),
  FUZZ_SEED: option('seed', String(Date.now() % 2 ** 31)),
  FUZZ_MAX_TAPE: option('max-tape', '60'),
};
console.log(`fuzz: ${env.FUZZ_RUNS} programs, seed ${env.FUZZ_SEED}, max tape ${env.FUZZ_MAX_TAPE}`);
const result = spawnSync('npx', ['vitest', 'run', 'tests/reliability/fuzz-long.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
