// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[true], [false]]
import { acquire } from './resource';
import { step } from './work';

export async function run(empty: boolean): Promise<string> {
  await using resource = await acquire('a');
  await step('query');
  if (empty) {
    return 'none';
  }
  const value = await resource.use('read');
  return value;
}
