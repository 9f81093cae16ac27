// @expect: exact
import { open } from 'node:fs/promises';

export async function firstNonEmpty(paths: string[]): Promise<string> {
  let found = '';
  for (const path of paths) {
    {
      await using handle = await open(path);
      found = await handle.readFile('utf8');
    }
    if (found !== '') break;
  }
  return found;
}
