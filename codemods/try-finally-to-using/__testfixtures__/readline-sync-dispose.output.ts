// @expect: exact
import { createInterface } from 'node:readline';

export function ask(): void {
  using rl = createInterface({ input: process.stdin, output: process.stdout });
  rl.setPrompt('> ');
}
