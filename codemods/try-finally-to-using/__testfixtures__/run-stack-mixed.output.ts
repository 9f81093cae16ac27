// @options: --stack --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
// @run: [[]]
import { Pool } from 'pg';
import { acquire } from './resource';

export async function run(pool = new Pool()): Promise<string> {
  await using resource = await acquire('a');
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release());
  const result = await client.query(await resource.use());
  return String(result.rowCount);
}
