// @expect: exact
import { createInterface } from 'node:readline';

export function ask(): void {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    rl.setPrompt('> ');
  } finally {
    rl.close();
  }
}
