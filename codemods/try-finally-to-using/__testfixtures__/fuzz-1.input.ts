// @expect: exact
// @expect: exact
// @run: [[]]
// Found by tests/reliability (fast-check, shrunk): a `let`-shaped site nested in a converted
// site kept its `let` declaration next to the new `await using` of the same name (TS2451).
import { acquire } from './resource';

export async function run(): Promise<string> {
  const r1 = await acquire('r1');
  try {
    let r2: Awaited<ReturnType<typeof acquire>> | undefined;
    try {
      r2 = await acquire('r2');
    } finally {
      await r2?.close();
    }
  } finally {
    await r1.close();
  }
  return 'done';
}
