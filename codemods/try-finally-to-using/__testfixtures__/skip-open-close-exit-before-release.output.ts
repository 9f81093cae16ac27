// @options: --fix-leaks
// @expect: skip exit-before-release
import { open } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  const handle = await open(path);
  const stats = await handle.stat();
  if (stats.size === 0) return 0;
  await handle.close();
  return stats.size;
}
