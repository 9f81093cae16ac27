// @options: --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  const outer = await acquire('outer');
  const inner = await acquire('inner');
  await inner[Symbol.asyncDispose]();
  await outer.close();
  return 'done';
}
