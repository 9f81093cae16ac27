// @expect: exact
import { open, type FileHandle } from 'node:fs/promises';

export async function mode(path: string): Promise<number> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path);
    return (await handle.stat()).mode;
  } finally {
    if (handle) await handle.close();
  }
}
