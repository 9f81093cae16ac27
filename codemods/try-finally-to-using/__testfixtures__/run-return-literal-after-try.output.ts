// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  await step('before');
  await using resource = await acquire('a');
  await resource.use();
  return 'done';
}
