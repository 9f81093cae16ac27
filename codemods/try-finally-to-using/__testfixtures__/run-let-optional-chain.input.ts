// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  let resource: Awaited<ReturnType<typeof acquire>> | undefined;
  try {
    resource = await acquire('a');
    await step('work');
    return await resource.use();
  } finally {
    await resource?.close();
  }
}
