// @options: --fix-leaks
// @expect: skip comments-in-removed-code
import { open } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  const handle = await open(path);
  const stats = await handle.stat();
  // Done with the file: give the descriptor back before the caller reads the size.
  await handle.close();
  return stats.size;
}
