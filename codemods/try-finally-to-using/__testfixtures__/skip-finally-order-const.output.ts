// @expect: skip finally-order
import { open } from 'node:fs/promises';

export async function logged(path: string): Promise<string> {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
    console.log('closed', path);
  }
}
