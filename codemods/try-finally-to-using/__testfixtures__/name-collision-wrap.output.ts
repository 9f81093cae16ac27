// @expect: exact
import { open } from 'node:fs/promises';

export async function twice(path: string): Promise<string> {
  {
    await using handle = await open(path);
    const text = await handle.readFile('utf8');
    console.log(text);
  }
  const text = 'done';
  return text;
}
