// @expect: fixes-leak
import { open } from 'node:fs/promises';

export async function header(path: string): Promise<string> {
  const handle = await open(path);
  const stats = await handle.stat();
  try {
    return `${stats.size}: ${await handle.readFile('utf8')}`;
  } finally {
    await handle.close();
  }
}
