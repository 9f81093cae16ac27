// @expect: exact
import { open } from 'node:fs/promises';

export async function writable(path: string): Promise<boolean> {
  await using handle = await open(path, 'a');
  await handle.appendFile('');
  return true;
}
