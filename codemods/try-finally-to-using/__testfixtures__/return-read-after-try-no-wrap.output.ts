// @expect: exact
import { open } from 'node:fs/promises';

export async function total(paths: string[]): Promise<number> {
  const totals = { size: 0 };
  await using handle = await open(paths[0] ?? '.');
  totals.size += (await handle.stat()).size;
  return totals.size;
}
