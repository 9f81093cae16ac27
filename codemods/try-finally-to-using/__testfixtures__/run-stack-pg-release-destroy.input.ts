// @options: --stack
// @expect: exact
// @run: [[]]
import { Pool } from 'pg';

export async function run(): Promise<number> {
  const pool = new Pool();
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await client.query('select 1');
    return result.rowCount ?? 0;
  } finally {
    client.release(true);
  }
}
