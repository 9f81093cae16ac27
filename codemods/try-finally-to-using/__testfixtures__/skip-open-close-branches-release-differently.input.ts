// @options: --fix-leaks
// @expect: skip conditional-release
import { open } from 'node:fs/promises';

export async function touch(path: string, flush: boolean): Promise<void> {
  const handle = await open(path, 'a');
  await handle.appendFile('entry');
  if (flush) {
    await handle.sync();
    await handle.close();
  } else {
    void handle.close();
  }
}
