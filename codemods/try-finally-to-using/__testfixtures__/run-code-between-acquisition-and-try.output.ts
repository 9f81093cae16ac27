// @options: --allow-behavior-change
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  await using resource = await acquire('a');
  await step('between');
  return await resource.use();
}
