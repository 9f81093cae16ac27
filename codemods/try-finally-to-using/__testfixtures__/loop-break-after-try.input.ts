// @expect: exact
import { open } from 'node:fs/promises';

export async function firstNonEmpty(paths: string[]): Promise<string> {
  let found = '';
  for (const path of paths) {
    const handle = await open(path);
    try {
      found = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
    if (found !== '') break;
  }
  return found;
}
