// @expect: exact
import { open, type FileHandle } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path);
    const stats = await handle.stat();
    return stats.size;
  } finally {
    await handle?.close();
  }
}
