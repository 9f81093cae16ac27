// @expect: exact
import { open } from 'node:fs/promises';

export async function sizes(paths: string[]): Promise<number[]> {
  const result: number[] = [];
  for (let index = 0; index < paths.length; index++) {
    await using handle = await open(paths[index] ?? '.');
    result.push((await handle.stat()).size);
    continue;
  }
  return result;
}
