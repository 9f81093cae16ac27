// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[true], [false]]
import { acquire } from './resource';
import { step } from './work';

export async function run(fast: boolean): Promise<string> {
  await using resource = await acquire('a');
  await step('query');
  let value: string;
  if (fast) {
    value = 'cached';
  } else {
    value = await resource.use('read');
  }
  return value;
}
