// @expect: exact
import { open, type FileHandle } from 'node:fs/promises';

export async function head(path: string): Promise<string> {
  await using handle = await open(path);
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
  return buffer.subarray(0, bytesRead).toString('utf8');
}
