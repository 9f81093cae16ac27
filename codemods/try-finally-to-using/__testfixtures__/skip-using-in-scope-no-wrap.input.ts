// @expect: skip using-in-scope
import { open } from 'node:fs/promises';

export async function copy(from: string, to: string): Promise<void> {
  const source = await open(from);
  await using target = await open(to, 'w');
  try {
    await target.write(await source.readFile());
  } finally {
    await source.close();
  }
}
