// @options: --fix-leaks
// @expect: skip used-after-release
import { open } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  const handle = await open(path);
  const stats = await handle.stat();
  await handle.close();
  console.log(handle.fd);
  return stats.size;
}
