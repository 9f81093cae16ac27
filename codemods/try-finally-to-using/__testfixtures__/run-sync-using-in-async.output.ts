// @expect: exact
// @run: [[]]
import { acquireSync } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  using resource = acquireSync('a');
  await step('work');
  return resource.use();
}
