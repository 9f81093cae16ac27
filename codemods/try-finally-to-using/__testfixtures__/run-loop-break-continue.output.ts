// @expect: exact
// @run: [[["a", "skip", "b"]], [["a", "stop", "b"]]]
import { acquire } from './resource';

export async function run(names: string[]): Promise<string[]> {
  const used: string[] = [];
  for (const name of names) {
    await using resource = await acquire(name);
    if (name === 'skip') continue;
    if (name === 'stop') break;
    used.push(await resource.use());
  }
  return used;
}
