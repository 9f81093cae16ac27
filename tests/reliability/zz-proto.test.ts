import fc from 'fast-check';
import { it } from 'vitest';
import { programArbitrary } from './generator.js';
import { checkProgram, createScratch, formatProblem } from './fuzz-support.js';
it('proto', async () => {
const n = Number(process.env['N'] ?? 50);
const scratch = createScratch();
const samples = fc.sample(programArbitrary(Number(process.env['TAPE'] ?? 60)), { numRuns: n, seed: Number(process.env['SEED'] ?? 42) });
const t0 = Date.now();
let sites = 0, conv = 0, cmp = 0, leaky = 0;
const kinds: Record<string, number> = {};
const skip = (process.env['SKIP'] ?? '').split(',');
for (const [i, p] of samples.entries()) {
  const r = await checkProgram(scratch, p, { stack: i % 3 === 0, execute: process.env['EXEC'] !== '0' });
  sites += r.sites; conv += r.converted; cmp += r.compared; if (p.leaks.length) leaky++;
  for (const pr of r.problems) { kinds[pr.kind] = (kinds[pr.kind] ?? 0) + 1; if (kinds[pr.kind]! <= Number(process.env['PROBS'] ?? 2) && !skip.includes(pr.kind)) console.log(formatProblem(pr)); }
}
console.log({ n, ms: Date.now() - t0, sites, conv, cmp, leaky, kinds });
scratch.dispose();
}, 900000);
