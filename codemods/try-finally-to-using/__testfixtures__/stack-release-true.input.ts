// @options: --stack
// @expect: exact
import type pg from 'pg';

export async function discard(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('discard all');
  } finally {
    client.release(true);
  }
}
