// @expect: exact
import { open } from 'node:fs/promises';

export async function writable(path: string): Promise<boolean> {
  const handle = await open(path, 'a');
  try {
    await handle.appendFile('');
  } finally {
    await handle.close();
  }
  return true;
}
