// @expect: exact
// @run: [[]]
import { acquireSync } from './resource';

export function run(): string {
  using resource = acquireSync('a');
  return resource.use();
}
