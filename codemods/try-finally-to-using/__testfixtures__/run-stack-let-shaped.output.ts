// @options: --stack
// @expect: exact
// @run: [[]]
import { Pool, type PoolClient } from 'pg';

export async function run(): Promise<number> {
  const pool = new Pool();
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release());
  const result = await client.query('select 1');
  return result.rowCount ?? 0;
}
