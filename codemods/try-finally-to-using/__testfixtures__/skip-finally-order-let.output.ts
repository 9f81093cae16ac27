// @expect: skip finally-order
import { open, type FileHandle } from 'node:fs/promises';

export async function logged(path: string): Promise<string> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path);
    return await handle.readFile('utf8');
  } finally {
    console.log('closing', path);
    await handle?.close();
  }
}
