// @expect: exact
import { open } from 'node:fs/promises';

export async function sizes(paths: string[]): Promise<number[]> {
  const result: number[] = [];
  for (let index = 0; index < paths.length; index++) {
    const handle = await open(paths[index] ?? '.');
    try {
      result.push((await handle.stat()).size);
    } finally {
      await handle.close();
    }
    continue;
  }
  return result;
}
