// @expect: skip exit-between-acquisition-and-try
import { open } from 'node:fs/promises';

export async function maybeRead(path: string, enabled: boolean): Promise<string> {
  const handle = await open(path);
  if (!enabled) return '';
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
