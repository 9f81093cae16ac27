// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function copy(from: string, to: string): Promise<void> {
  await using source = await open(from);
  await using target = await open(to, 'w');
  await target.writeFile(await source.readFile());
}
