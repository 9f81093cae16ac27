// @expect: exact
// @run: [[true], [false]]
import { acquire } from './resource';
import { step } from './work';

export async function run(early: boolean): Promise<string> {
  await using resource = await acquire('a');
  await step('check');
  if (early) return 'early';
  return await resource.use('late');
}
