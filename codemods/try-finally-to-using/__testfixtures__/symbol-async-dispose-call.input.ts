// @expect: exact
import { open } from 'node:fs/promises';

export async function stat(path: string): Promise<number> {
  const handle = await open(path);
  try {
    return (await handle.stat()).mode;
  } finally {
    await handle[Symbol.asyncDispose]();
  }
}
