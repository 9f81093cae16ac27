// @options: --fix-leaks
// @expect: fixes-leak
// @run: [[true], [false]]
import { acquireSync } from './resource';
import { stepSync } from './work';

export function run(verbose: boolean): void {
  const resource = acquireSync('a');
  stepSync('set-up');
  if (verbose) stepSync(resource.use('more'));
  resource.close();
  stepSync('after');
}
