// @expect: skip early-release
import { open } from 'node:fs/promises';

export async function sizeOrZero(path: string): Promise<number> {
  const handle = await open(path);
  try {
    const stats = await handle.stat();
    if (stats.size === 0) {
      await handle.close();
      return 0;
    }
    return stats.size;
  } finally {
    await handle.close();
  }
}
