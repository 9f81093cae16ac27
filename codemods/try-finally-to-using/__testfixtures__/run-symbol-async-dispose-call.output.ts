// @expect: exact
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  await using resource = await acquire('a');
  return await resource.use();
}
