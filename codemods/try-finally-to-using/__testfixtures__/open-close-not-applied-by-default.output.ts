// @expect: fixes-leak
import { open } from 'node:fs/promises';

export async function firstBytes(path: string): Promise<Buffer> {
  const handle = await open(path);
  const { buffer } = await handle.read(Buffer.alloc(16), 0, 16, 0);
  await handle.close();
  return buffer;
}
