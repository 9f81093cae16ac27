// @expect: skip escapes
import { open, type FileHandle } from 'node:fs/promises';

export async function openChecked(path: string, keep: (handle: FileHandle) => void): Promise<void> {
  const handle = await open(path);
  try {
    keep(handle);
    setTimeout(() => void handle.stat(), 10);
  } finally {
    await handle.close();
  }
  return;
}
