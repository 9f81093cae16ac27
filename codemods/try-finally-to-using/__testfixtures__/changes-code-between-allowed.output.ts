// @options: --allow-behavior-change
// @expect: fixes-leak
import { open } from 'node:fs/promises';

export async function header(path: string): Promise<string> {
  await using handle = await open(path);
  const stats = await handle.stat();
  return `${stats.size}: ${await handle.readFile('utf8')}`;
}
