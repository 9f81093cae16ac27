// @expect: skip escapes
import { open, type FileHandle } from 'node:fs/promises';

export async function openTracked(path: string, handles: Map<string, FileHandle>): Promise<void> {
  const handle = await open(path);
  try {
    handles.set(path, handle);
    await handle.stat();
  } finally {
    await handle.close();
  }
  return;
}
