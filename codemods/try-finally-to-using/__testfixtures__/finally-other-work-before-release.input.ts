// @expect: exact
import { open } from 'node:fs/promises';

export async function logged(path: string): Promise<string> {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    console.log('read', path);
    await handle.close();
  }
}
