// @expect: exact
import { open } from 'node:fs/promises';

export async function sizes(paths: string[]): Promise<number[]> {
  const result: number[] = [];
  for (const path of paths) {
    await using handle = await open(path);
    result.push((await handle.stat()).size);
  }
  return result;
}
