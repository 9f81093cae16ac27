// @expect: exact
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  await using resource = await acquire('a');
  const prefix = 'used: ';
  return prefix + (await resource.use());
}
