// @expect: exact
// @run: [["use"], ["other"]]
import { acquire } from './resource';
import { step } from './work';

export async function run(kind: string): Promise<string> {
  switch (kind) {
    case 'use':
      const resource = await acquire('a');
      try {
        await resource.use();
      } finally {
        await resource.close();
      }
    // falls through
    default:
      await step(`default after ${kind}`);
      return kind;
  }
}
