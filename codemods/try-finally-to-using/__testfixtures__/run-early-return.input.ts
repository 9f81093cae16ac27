// @expect: exact
// @run: [[true], [false]]
import { acquire } from './resource';
import { step } from './work';

export async function run(early: boolean): Promise<string> {
  const resource = await acquire('a');
  try {
    await step('check');
    if (early) return 'early';
    return await resource.use('late');
  } finally {
    await resource.close();
  }
}
