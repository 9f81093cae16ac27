// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  let used = '';
  {
    await using resource = await acquire('a');
    used = await resource.use();
  }
  await step('after');
  return used;
}
