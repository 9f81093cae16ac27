// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  let used = '';
  let resource: Awaited<ReturnType<typeof acquire>> | undefined;
  try {
    resource = await acquire('a');
    used = await resource.use();
  } finally {
    await resource?.close();
  }
  await step('after');
  return used;
}
