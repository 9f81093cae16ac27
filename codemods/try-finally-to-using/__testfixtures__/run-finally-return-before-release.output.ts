// @expect: skip conditional-release
// @run: [[false], [true]]
import { acquire } from './resource';

export async function run(keepOpen: boolean): Promise<string> {
  const resource = await acquire('a');
  try {
    await resource.use();
  } finally {
    if (keepOpen) return 'kept open';
    await resource.close();
  }
  return 'closed';
}
