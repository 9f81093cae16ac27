// @expect: exact
import { open } from 'node:fs/promises';

export async function drain(queue: string[]): Promise<string[]> {
  const texts: string[] = [];
  while (queue.length > 0) {
    const path = queue.shift();
    if (path === undefined) continue;
    await using handle = await open(path);
    const text = await handle.readFile('utf8');
    if (text === '') continue;
    texts.push(text);
  }
  return texts;
}
