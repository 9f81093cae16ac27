// @options: --fix-leaks --stack
// @expect: fixes-leak
import type { Pool } from 'pg'

export async function count(pool: Pool): Promise<number> {
  const client = await pool.connect()
  const result = await client.query('select count(*) from jobs')
  client.release()
  return result.rows[0]?.count ?? 0
}
