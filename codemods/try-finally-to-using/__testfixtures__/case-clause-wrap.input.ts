// @expect: exact
import { open } from 'node:fs/promises';

export async function byKind(kind: 'file' | 'none', path: string): Promise<number> {
  switch (kind) {
    case 'file':
      const handle = await open(path);
      try {
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    default:
      return 0;
  }
}
