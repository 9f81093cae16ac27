// @options: --stack
// @expect: skip conditional-release
import { open, type FileHandle } from 'node:fs/promises';

export async function sizeOf(path: string, given?: FileHandle): Promise<number> {
  const handle = given ?? (await open(path));
  if (path.endsWith('.tmp')) given = undefined;
  try {
    return (await handle.stat()).size;
  } finally {
    if (!given) await handle.close();
  }
}
