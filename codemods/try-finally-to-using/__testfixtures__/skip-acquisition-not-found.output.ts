// @expect: skip acquisition-not-found
import { open, type FileHandle } from 'node:fs/promises';

export async function maybeOpen(path: string, lazy: boolean): Promise<number> {
  let handle: FileHandle | undefined;
  if (!lazy) handle = await open(path);
  try {
    handle ??= await open(path);
    return (await handle.stat()).size;
  } finally {
    await handle?.close();
  }
}
