// @expect: skip reassigned
import { open } from 'node:fs/promises';

export async function primaryOrFallback(primary: string, fallback: string | undefined): Promise<string> {
  let handle = await open(primary);
  try {
    if (fallback !== undefined && (await handle.stat()).size === 0) handle = await open(fallback);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
