// @expect: exact
// @run: [[["x", "y"], 5], [["x", "y"], 1]]
import { acquire } from './resource';
import { step } from './work';

async function* items(names: string[]): AsyncGenerator<string> {
  const resource = await acquire('gen');
  try {
    for (const name of names) {
      await step(name);
      yield await resource.use(name);
    }
  } finally {
    await resource.close();
  }
}

export async function run(names: string[], limit: number): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items(names)) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
