// @expect: exact
// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function concat(a: string, b: string, out: string): Promise<void> {
  await using first = await open(a);
  await using second = await open(b);
  await using target = await open(out, 'w');
  await target.write(await first.readFile());
  await target.write(await second.readFile());
}
