// @expect: skip conditional-release
import { open } from 'node:fs/promises';

export async function maybeKeep(path: string, keep: boolean): Promise<number> {
  const handle = await open(path);
  try {
    return (await handle.stat()).size;
  } finally {
    if (!keep) await handle.close();
  }
}
