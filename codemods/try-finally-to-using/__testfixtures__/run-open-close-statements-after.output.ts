// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<void> {
  {
    await using resource = await acquire('a');
    await step('query');
  }
  await step('after');
}
