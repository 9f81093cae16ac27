// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  await using resource = await acquire('a');
  await step('work');
  return await resource.use();
}
