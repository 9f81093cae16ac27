// @expect: exact
import { open } from 'node:fs/promises';

export async function byKind(kind: 'file' | 'none', path: string): Promise<number> {
  switch (kind) {
    case 'file':
      {
        await using handle = await open(path);
        return (await handle.stat()).size;
      }
    default:
      return 0;
  }
}
