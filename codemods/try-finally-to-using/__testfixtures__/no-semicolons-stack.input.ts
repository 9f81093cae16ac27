// @options: --stack
// @expect: exact
import type pg from 'pg'

export async function count(pool: pg.Pool): Promise<number> {
  const client = await pool.connect()
  try {
    const result = await client.query('select 1')
    return result.rowCount ?? 0
  } finally {
    client.release()
  }
}
