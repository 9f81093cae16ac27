// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  {
    await using resource = await acquire('a');
    const text = await resource.use();
    console.log(text);
  }
  await step('after');
  const text = 'done';
  return text;
}
