// @options: --fix-leaks
// @expect: skip used-after-release
import { open } from 'node:fs/promises';

export async function firstByte(path: string): Promise<number> {
  const handle = await open(path);
  const stats = await handle.stat();
  if (stats.size === 0) {
    await handle.close();
    return handle.fd;
  }
  await handle.close();
  return stats.size;
}
