// @expect: skip used-before-acquisition
import { open, type FileHandle } from 'node:fs/promises';

export async function reopen(path: string): Promise<number> {
  let handle: FileHandle | undefined;
  console.log('opening', path, handle === undefined ? 'fresh' : 'again');
  try {
    handle = await open(path);
    return (await handle.stat()).size;
  } finally {
    await handle?.close();
  }
}
