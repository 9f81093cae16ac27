// @expect: exact
// @run: [[["x", "y"], 5], [["x", "y"], 1]]
import { acquireSync } from './resource';
import { stepSync } from './work';

function* items(names: string[]): Generator<string> {
  const resource = acquireSync('gen');
  try {
    for (const name of names) {
      stepSync(name);
      yield resource.use(name);
    }
  } finally {
    resource.close();
  }
}

export function run(names: string[], limit: number): string[] {
  const out: string[] = [];
  for (const item of items(names)) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
