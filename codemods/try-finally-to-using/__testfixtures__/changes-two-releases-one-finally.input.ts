// @options: --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
import { open } from 'node:fs/promises';

export async function merge(a: string, b: string): Promise<string> {
  const first = await open(a);
  const second = await open(b);
  try {
    return (await first.readFile('utf8')) + (await second.readFile('utf8'));
  } finally {
    await second.close();
    await first.close();
  }
}
