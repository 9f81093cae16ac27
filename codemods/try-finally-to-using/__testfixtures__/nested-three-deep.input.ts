// @expect: exact
// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function concat(a: string, b: string, out: string): Promise<void> {
  const first = await open(a);
  try {
    const second = await open(b);
    try {
      const target = await open(out, 'w');
      try {
        await target.write(await first.readFile());
        await target.write(await second.readFile());
      } finally {
        await target.close();
      }
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
  }
}
