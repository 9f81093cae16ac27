// Every rule and the codemod over real third-party TypeScript (rxjs's shipped sources): no crash,
// output that parses and type-checks no worse, a second codemod run that changes nothing.
// A deterministic sample here; `npm run soak` (SOAK=all) runs the whole tree.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { copyTree, formatSoak, rxjsSources, RXJS_VERSION, sample, soak, type Tree } from './real-code.js';

const all = process.env['SOAK'] === 'all';
let tree: Tree;

beforeAll(() => {
  tree = copyTree(rxjsSources());
}, 180_000);

afterAll(() => {
  tree.dispose();
});

it(`rxjs ${RXJS_VERSION} (${all ? 'every file' : 'a sample of 40 files'}): no crash, no broken output, idempotent`, async () => {
  const files = all ? tree.files : sample(tree.files, 40);
  const figures = await soak(tree, files);
  console.log(`real code, rxjs ${RXJS_VERSION}:\n${formatSoak(figures)}`);
  expect(figures.files).toBe(files.length);
  expect(figures.crashes).toEqual([]);
  expect(figures.inputErrors).toEqual([]);
  expect(figures.brokenOutputs).toEqual([]);
  expect(figures.newTypeErrors).toEqual([]);
  expect(figures.transformedErrors).toBeLessThanOrEqual(figures.baselineErrors);
  expect(figures.notIdempotent).toEqual([]);
}, all ? 3_600_000 : 120_000);
