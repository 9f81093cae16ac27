// @options: --allow-behavior-change
// @expect: changes release-on-early-throw
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  await using resource = await acquire('a');
  await step('between');
  return await resource.use();
}
