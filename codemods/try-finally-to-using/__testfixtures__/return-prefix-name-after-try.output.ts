// @options: --allow-behavior-change
// @expect: fixes-leak
import { open } from 'node:fs/promises';

export async function sizeAfterRead(path: string): Promise<number> {
  await using handle = await open(path);
  const stats = await handle.stat();
  await handle.readFile();
  return stats.size;
}
