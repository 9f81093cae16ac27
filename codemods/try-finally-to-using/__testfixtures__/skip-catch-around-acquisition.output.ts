// @expect: skip catch-around-acquisition
import { open, type FileHandle } from 'node:fs/promises';

export async function readOrEmpty(path: string): Promise<string> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path);
    return await handle.readFile('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}
