// @expect: skip multiple-declarators
import { open } from 'node:fs/promises';

export async function withLimit(path: string): Promise<string> {
  const handle = await open(path), limit = 1024;
  try {
    const text = await handle.readFile('utf8');
    return text.slice(0, limit);
  } finally {
    await handle.close();
  }
}
