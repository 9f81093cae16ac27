// @expect: exact
// @expect: exact
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  await using outer = await acquire('outer');
  await using inner = await acquire('inner');
  return (await outer.use()) + (await inner.use());
}
