// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<void> {
  const resource = await acquire('a');
  await step('query');
  await resource.close();
  await step('after');
}
