// @options: --fix-leaks --stack
// @expect: fixes-leak
// @run: [[]]
import { Pool } from 'pg';
import { step } from './work';

export async function run(): Promise<number> {
  const pool = new Pool();
  const client = await pool.connect();
  await step('set-up');
  const result = await client.query('select 1');
  client.release();
  return result.rowCount ?? 0;
}
