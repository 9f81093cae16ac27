// @expect: exact
import { open } from 'node:fs/promises';

export async function sizes(paths: string[]): Promise<number[]> {
  const result: number[] = [];
  for (const path of paths) {
    const handle = await open(path);
    try {
      result.push((await handle.stat()).size);
    } finally {
      await handle.close();
    }
  }
  return result;
}
