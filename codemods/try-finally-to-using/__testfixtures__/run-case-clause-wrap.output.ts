// @expect: exact
// @run: [["use"], ["other"]]
import { acquire } from './resource';
import { step } from './work';

export async function run(kind: string): Promise<string> {
  switch (kind) {
    case 'use':
      {
        await using resource = await acquire('a');
        await resource.use();
      }
    // falls through
    default:
      await step(`default after ${kind}`);
      return kind;
  }
}
