// @expect: skip unawaited-async-release
import { open } from 'node:fs/promises';

export async function fireAndForget(path: string): Promise<void> {
  const handle = await open(path);
  try {
    await handle.stat();
  } finally {
    void handle.close();
  }
}
