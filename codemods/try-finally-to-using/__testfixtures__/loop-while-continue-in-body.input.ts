// @expect: exact
import { open } from 'node:fs/promises';

export async function drain(queue: string[]): Promise<string[]> {
  const texts: string[] = [];
  while (queue.length > 0) {
    const path = queue.shift();
    if (path === undefined) continue;
    const handle = await open(path);
    try {
      const text = await handle.readFile('utf8');
      if (text === '') continue;
      texts.push(text);
    } finally {
      await handle.close();
    }
  }
  return texts;
}
