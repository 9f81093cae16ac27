// @expect: exact
import { open } from 'node:fs/promises';

export async function firstLine(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const text = await handle.readFile('utf8');
    return text.split('\n')[0] ?? '';
  } finally {
    await handle.close();
  }
}
