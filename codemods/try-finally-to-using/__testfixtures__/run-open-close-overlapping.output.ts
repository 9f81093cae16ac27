// @options: --allow-behavior-change
// @expect: skip used-after-release
// @expect: changes later-release-runs release-on-early-throw
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<void> {
  const first = await acquire('first');
  await using second = await acquire('second');
  await step('with both');
  await first.close();
  await step('with the second');
}
