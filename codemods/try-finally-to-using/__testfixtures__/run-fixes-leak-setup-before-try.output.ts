// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  await using resource = await acquire('a');
  // The set-up call stands before the `try`: when it throws, the original never releases.
  await resource.use('set-up');
  return await resource.use('query');
}
