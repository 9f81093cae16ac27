// @expect: skip used-after-try
import { open } from 'node:fs/promises';

export async function descriptor(path: string): Promise<number> {
  const handle = await open(path);
  try {
    await handle.stat();
  } finally {
    await handle.close();
  }
  return handle.fd;
}
