// @expect: skip release-with-arguments
import type pg from 'pg';

export async function risky(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release(true);
  }
}
