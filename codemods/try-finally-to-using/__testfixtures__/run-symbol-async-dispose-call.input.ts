// @expect: exact
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  const resource = await acquire('a');
  try {
    return await resource.use();
  } finally {
    await resource[Symbol.asyncDispose]();
  }
}
