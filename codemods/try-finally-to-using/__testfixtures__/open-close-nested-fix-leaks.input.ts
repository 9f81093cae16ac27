// @options: --fix-leaks
// @expect: changes later-release-runs release-on-early-throw
// @expect: fixes-leak
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<void> {
  const outer = await acquire('outer');
  const inner = await acquire('inner');
  await step('with both');
  await inner.close();
  await step('between');
  await outer.close();
}
