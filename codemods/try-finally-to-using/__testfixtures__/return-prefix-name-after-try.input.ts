// @options: --allow-behavior-change
// @expect: fixes-leak
import { open } from 'node:fs/promises';

export async function sizeAfterRead(path: string): Promise<number> {
  const handle = await open(path);
  const stats = await handle.stat();
  try {
    await handle.readFile();
  } finally {
    await handle.close();
  }
  return stats.size;
}
