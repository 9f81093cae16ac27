// @expect: exact
// @run: [[false], [true]]
import { acquire } from './resource';
import { step } from './work';

export async function run(fail: boolean): Promise<string> {
  await using resource = await acquire('a');
  try {
    if (fail) throw new Error('body failed');
    return await resource.use();
  } catch (error) {
    console.log('caught', String(error));
    await step('recover');
    return 'recovered';
  }
}
