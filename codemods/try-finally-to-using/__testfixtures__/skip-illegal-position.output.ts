// @expect: skip illegal-position
import { open } from 'node:fs/promises';

export async function probe(path: string, deep: boolean): Promise<number> {
  const handle = await open(path);
  attempt: try {
    if (!deep) break attempt;
    await handle.readFile();
  } finally {
    await handle.close();
  }
  return 0;
}
