// `npm run fuzz` (scripts/fuzz.js): the fuzz property with FUZZ_RUNS programs; skipped in `npm test`.
import { expect, it } from 'vitest';

import { formatFigures, fuzz } from './fuzz-run.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 0);

it.skipIf(runs === 0)('FUZZ_RUNS generated programs', async () => {
  const figures = await fuzz({
    runs,
    seed: Number(process.env['FUZZ_SEED'] ?? 1),
    maxTape: Number(process.env['FUZZ_MAX_TAPE'] ?? 60),
  });
  console.log(`fuzz: ${formatFigures(figures)}`);
  expect(figures.programs).toBe(runs);
}, 24 * 3600_000);
