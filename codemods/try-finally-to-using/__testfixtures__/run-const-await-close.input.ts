// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  const resource = await acquire('a');
  try {
    await step('work');
    return await resource.use();
  } finally {
    await resource.close();
  }
}
