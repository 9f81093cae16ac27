// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[true], [false]]
import { acquire } from './resource';
import { step } from './work';

export async function run(empty: boolean): Promise<string> {
  const resource = await acquire('a');
  await step('query');
  if (empty) {
    await resource.close();
    return 'none';
  }
  const value = await resource.use('read');
  await resource.close();
  return value;
}
