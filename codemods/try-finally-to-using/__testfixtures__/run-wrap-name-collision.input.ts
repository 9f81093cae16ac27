// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  const resource = await acquire('a');
  try {
    const text = await resource.use();
    console.log(text);
  } finally {
    await resource.close();
  }
  await step('after');
  const text = 'done';
  return text;
}
