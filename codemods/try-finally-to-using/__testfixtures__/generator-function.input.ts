// @expect: exact
import { open } from 'node:fs/promises';

export async function* lines(path: string): AsyncGenerator<string> {
  const handle = await open(path);
  try {
    for await (const line of handle.readLines()) {
      yield line;
    }
  } finally {
    await handle.close();
  }
}
