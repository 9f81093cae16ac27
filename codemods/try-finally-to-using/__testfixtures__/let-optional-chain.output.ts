// @expect: exact
import { open, type FileHandle } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  await using handle = await open(path);
  const stats = await handle.stat();
  return stats.size;
}
