// @expect: skip reassigned
import { open } from 'node:fs/promises';

export async function firstExisting(a: string, b: string): Promise<string> {
  let handle = await open(a);
  try {
    if ((await handle.stat()).size === 0) {
      await handle.close();
      handle = await open(b);
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
