// @options: --allow-behavior-change
// @expect: changes later-release-runs
import { open, type FileHandle } from 'node:fs/promises';

export async function timed(path: string): Promise<string> {
  const started = Date.now();
  let handle: FileHandle | undefined;
  try {
    handle = await open(path);
    return await handle.readFile('utf8');
  } finally {
    await handle?.close();
    console.log('took', Date.now() - started);
  }
}
