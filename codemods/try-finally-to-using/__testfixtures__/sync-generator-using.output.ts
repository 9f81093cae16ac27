// @expect: exact
import { createInterface } from 'node:readline';

export function* prompts(names: string[]): Generator<string> {
  using rl = createInterface({ input: process.stdin });
  for (const name of names) {
    rl.setPrompt(`${name}> `);
    yield rl.getPrompt();
  }
}
