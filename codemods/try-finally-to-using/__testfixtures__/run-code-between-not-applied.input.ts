// @expect: fixes-leak
// @run: [[]]
import { acquireSync } from './resource';
import { stepSync } from './work';

export function run(): string {
  const resource = acquireSync('a');
  stepSync('between');
  try {
    return resource.use();
  } finally {
    resource.close();
  }
}
