// @options: --fix-leaks
// @expect: changes later-release-runs release-on-early-throw
// @expect: fixes-leak
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<void> {
  const outer = await acquire('outer');
  {
    await using inner = await acquire('inner');
    await step('with both');
  }
  await step('between');
  await outer.close();
}
