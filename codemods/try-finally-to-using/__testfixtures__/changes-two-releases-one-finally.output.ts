// @options: --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
import { open } from 'node:fs/promises';

export async function merge(a: string, b: string): Promise<string> {
  await using first = await open(a);
  await using second = await open(b);
  return (await first.readFile('utf8')) + (await second.readFile('utf8'));
}
