// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[true], [false]]
import { acquireSync } from './resource';
import { stepSync } from './work';

export function run(verbose: boolean): void {
  {
    using resource = acquireSync('a');
    stepSync('set-up');
    if (verbose) stepSync(resource.use('more'));
  }
  stepSync('after');
}
