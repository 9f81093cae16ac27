// @expect: exact
// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  await using outer = await acquire('outer');
  {
    await using inner = await acquire('inner');
    await inner.use();
  }
  await step('between releases');
  return await outer.use();
}
