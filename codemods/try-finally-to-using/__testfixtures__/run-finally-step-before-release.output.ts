// @expect: changes release-on-early-throw
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  const resource = await acquire('a');
  try {
    return await resource.use();
  } finally {
    await step('flush');
    await resource.close();
  }
}
