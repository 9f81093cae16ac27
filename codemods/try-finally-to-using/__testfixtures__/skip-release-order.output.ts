// @expect: skip release-order
import { open } from 'node:fs/promises';

export async function merge(a: string, b: string): Promise<string> {
  const first = await open(a);
  const second = await open(b);
  try {
    return (await first.readFile('utf8')) + (await second.readFile('utf8'));
  } finally {
    await first.close();
    await second.close();
  }
}
