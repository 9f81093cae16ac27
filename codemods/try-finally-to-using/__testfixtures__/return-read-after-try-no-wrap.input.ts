// @expect: exact
import { open } from 'node:fs/promises';

export async function total(paths: string[]): Promise<number> {
  const totals = { size: 0 };
  const handle = await open(paths[0] ?? '.');
  try {
    totals.size += (await handle.stat()).size;
  } finally {
    await handle.close();
  }
  return totals.size;
}
