// @options: --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
// @expect: fixes-leak
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<void> {
  await using outer = await acquire('outer');
  {
    await using inner = await acquire('inner');
    await step('with both');
  }
  await step('between');
}
