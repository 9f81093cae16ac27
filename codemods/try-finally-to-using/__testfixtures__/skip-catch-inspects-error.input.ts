// @expect: skip catch-inspects-error
import { open } from 'node:fs/promises';

export async function exists(path: string): Promise<boolean> {
  try {
    const handle = await open(path);
    try {
      await handle.stat();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
