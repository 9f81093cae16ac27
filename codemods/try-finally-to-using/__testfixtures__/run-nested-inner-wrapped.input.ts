// @expect: exact
// @expect: exact
// @run: [[]]
import { acquire } from './resource';
import { step } from './work';

export async function run(): Promise<string> {
  const outer = await acquire('outer');
  try {
    const inner = await acquire('inner');
    try {
      await inner.use();
    } finally {
      await inner.close();
    }
    await step('between releases');
    return await outer.use();
  } finally {
    await outer.close();
  }
}
