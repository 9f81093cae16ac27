// @expect: exact
import { open } from 'node:fs/promises';

export async function touch(path: string): Promise<void> {
  if (path === '') return;
  const handle = await open(path, 'a');
  try {
    await handle.utimes(new Date(), new Date());
  } finally {
    await handle.close();
  }
  return;
}
