// @expect: exact
import { open } from 'node:fs/promises';

export async function logged(path: string): Promise<string> {
  await using handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    console.log('read', path);
  }
}
