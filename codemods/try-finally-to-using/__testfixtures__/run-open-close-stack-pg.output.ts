// @options: --fix-leaks --stack
// @expect: fixes-leak
// @run: [[]]
import { Pool } from 'pg';
import { step } from './work';

export async function run(): Promise<number> {
  const pool = new Pool();
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release());
  await step('set-up');
  const result = await client.query('select 1');
  return result.rowCount ?? 0;
}
