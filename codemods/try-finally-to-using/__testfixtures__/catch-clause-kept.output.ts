// @expect: exact
import { open } from 'node:fs/promises';

export async function tryRead(path: string): Promise<string | undefined> {
  await using handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } catch (error) {
    console.error('could not read', error);
    return undefined;
  }
}
