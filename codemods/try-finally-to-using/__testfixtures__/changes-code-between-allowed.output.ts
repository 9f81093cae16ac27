// @options: --allow-behavior-change
// @expect: changes release-on-early-throw
import { open } from 'node:fs/promises';

export async function header(path: string): Promise<string> {
  await using handle = await open(path);
  const stats = await handle.stat();
  return `${stats.size}: ${await handle.readFile('utf8')}`;
}
