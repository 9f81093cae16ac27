// Half 1 of the seeded fuzz sample (see fuzz-run.ts); two files so that vitest runs them on
// both cores.
import { expect, it } from 'vitest';

import { formatFigures, fuzz } from './fuzz-run.js';

it('250 generated programs: no crash, no broken output, no behavior change, the lint oracle agrees', async () => {
  const figures = await fuzz({ runs: 250, seed: 20261125 });
  console.log(`fuzz 1/2: ${formatFigures(figures)}`);
  expect(figures.programs).toBe(250);
}, 300_000);
