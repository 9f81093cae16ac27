// @options: --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  const first = await acquire('a');
  const second = await acquire('b');
  try {
    return (await first.use()) + (await second.use());
  } finally {
    await second.close();
    await first.close();
  }
}
