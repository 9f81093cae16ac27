// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  await using resource = await acquire('a');
  const result = await resource.use('query');
  return result;
}
