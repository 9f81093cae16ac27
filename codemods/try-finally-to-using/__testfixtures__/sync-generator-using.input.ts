// @expect: exact
import { createInterface } from 'node:readline';

export function* prompts(names: string[]): Generator<string> {
  const rl = createInterface({ input: process.stdin });
  try {
    for (const name of names) {
      rl.setPrompt(`${name}> `);
      yield rl.getPrompt();
    }
  } finally {
    rl.close();
  }
}
