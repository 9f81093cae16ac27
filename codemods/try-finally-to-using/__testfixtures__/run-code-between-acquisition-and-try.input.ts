// @options: --allow-behavior-change
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  const resource = await acquire('a');
  await step('between');
  try {
    return await resource.use();
  } finally {
    await resource.close();
  }
}
