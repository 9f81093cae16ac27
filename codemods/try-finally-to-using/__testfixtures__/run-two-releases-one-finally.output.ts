// @options: --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  await using first = await acquire('a');
  await using second = await acquire('b');
  return (await first.use()) + (await second.use());
}
