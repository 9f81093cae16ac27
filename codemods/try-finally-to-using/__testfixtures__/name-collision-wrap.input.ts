// @expect: exact
import { open } from 'node:fs/promises';

export async function twice(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const text = await handle.readFile('utf8');
    console.log(text);
  } finally {
    await handle.close();
  }
  const text = 'done';
  return text;
}
