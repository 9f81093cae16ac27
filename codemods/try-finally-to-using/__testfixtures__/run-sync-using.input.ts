// @expect: exact
// @run: [[true], [false]]
import { acquireSync } from './resource';
import { stepSync } from './work';

export function run(early: boolean): string {
  const resource = acquireSync('a');
  try {
    stepSync('work');
    if (early) return 'early';
    return resource.use();
  } finally {
    resource.close();
  }
}
