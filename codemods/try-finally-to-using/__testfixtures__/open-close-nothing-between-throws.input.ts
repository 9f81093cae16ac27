import { openSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';

export async function touch(path: string): Promise<void> {
  const handle = await open(path, 'a');
  await handle.close();
  closeSync(openSync(path, 'r'));
}
