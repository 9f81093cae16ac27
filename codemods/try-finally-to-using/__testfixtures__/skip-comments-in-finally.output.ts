// @expect: skip comments-in-removed-code
import { open } from 'node:fs/promises';

export async function read(path: string): Promise<string> {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    // Always close: the handle is a file descriptor.
    await handle.close();
  }
}
