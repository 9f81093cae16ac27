// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function copy(from: string, to: string): Promise<void> {
  const source = await open(from);
  try {
    const target = await open(to, 'w');
    try {
      await target.writeFile(await source.readFile());
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
