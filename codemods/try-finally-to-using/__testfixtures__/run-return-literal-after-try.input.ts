// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  await step('before');
  const resource = await acquire('a');
  try {
    await resource.use();
  } finally {
    await resource.close();
  }
  return 'done';
}
