// @expect: exact
// @run: [[true], [false]]
import { acquireSync } from './resource';
import { stepSync } from './work';

export function run(early: boolean): string {
  using resource = acquireSync('a');
  stepSync('work');
  if (early) return 'early';
  return resource.use();
}
