// @expect: exact
import { open } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  await using handle = await open(path);
  return (await handle.stat()).size;
}
