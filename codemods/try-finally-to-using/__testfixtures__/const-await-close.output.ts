// @expect: exact
import { open } from 'node:fs/promises';

export async function firstLine(path: string): Promise<string> {
  await using handle = await open(path);
  const text = await handle.readFile('utf8');
  return text.split('\n')[0] ?? '';
}
