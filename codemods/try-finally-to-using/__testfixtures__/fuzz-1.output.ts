// @expect: exact
// @expect: exact
// @run: [[]]
// Found by tests/reliability (fast-check, shrunk): a `let`-shaped site nested in a converted
// site kept its `let` declaration next to the new `await using` of the same name (TS2451).
import { acquire } from './resource';

export async function run(): Promise<string> {
  await using r1 = await acquire('r1');
  await using r2 = await acquire('r2');
  return 'done';
}
