// @expect: exact
// @run: [[]]
import { acquireSync } from './resource';

export function run(): string {
  const resource = acquireSync('a');
  try {
    return resource.use();
  } finally {
    resource[Symbol.dispose]();
  }
}
