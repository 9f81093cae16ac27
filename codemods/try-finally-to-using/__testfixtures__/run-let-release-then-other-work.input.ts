// @expect: changes later-release-runs
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  let resource: Awaited<ReturnType<typeof acquire>> | undefined;
  try {
    resource = await acquire('a');
    return await resource.use();
  } finally {
    await resource?.close();
    await step('after release');
  }
}
