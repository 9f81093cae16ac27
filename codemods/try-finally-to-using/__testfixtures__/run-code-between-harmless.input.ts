// @expect: exact
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  const resource = await acquire('a');
  const prefix = 'used: ';
  try {
    return prefix + (await resource.use());
  } finally {
    await resource.close();
  }
}
