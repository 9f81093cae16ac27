// @expect: exact
import { open, type FileHandle } from 'node:fs/promises';

export async function mode(path: string): Promise<number> {
  await using handle = await open(path);
  return (await handle.stat()).mode;
}
