// @expect: exact
// @run: [[]]
import { acquireSync } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  const resource = acquireSync('a');
  try {
    await step('work');
    return resource.use();
  } finally {
    resource.close();
  }
}
