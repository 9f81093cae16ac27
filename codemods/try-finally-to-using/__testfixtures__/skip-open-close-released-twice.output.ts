// @options: --fix-leaks
// @expect: skip released-twice
import { open } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  const handle = await open(path);
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  await handle.close();
  return size;
}
