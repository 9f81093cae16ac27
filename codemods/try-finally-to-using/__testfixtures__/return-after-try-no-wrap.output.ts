// @expect: exact
import { open } from 'node:fs/promises';

export async function touch(path: string): Promise<void> {
  if (path === '') return;
  await using handle = await open(path, 'a');
  await handle.utimes(new Date(), new Date());
  return;
}
