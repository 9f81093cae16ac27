// @options: --stack
// @expect: exact
// @run: [[]]
import { Pool, type PoolClient } from 'pg';

export async function run(): Promise<number> {
  const pool = new Pool();
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    const result = await client.query('select 1');
    return result.rowCount ?? 0;
  } finally {
    client?.release();
  }
}
