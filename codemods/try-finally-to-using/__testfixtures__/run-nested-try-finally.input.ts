// @expect: exact
// @expect: exact
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  const outer = await acquire('outer');
  try {
    const inner = await acquire('inner');
    try {
      return (await outer.use()) + (await inner.use());
    } finally {
      await inner.close();
    }
  } finally {
    await outer.close();
  }
}
