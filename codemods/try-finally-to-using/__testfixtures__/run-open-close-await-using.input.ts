// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  const resource = await acquire('a');
  const result = await resource.use('query');
  await resource.close();
  return result;
}
