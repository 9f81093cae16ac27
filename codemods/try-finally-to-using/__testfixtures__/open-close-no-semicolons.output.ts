// @options: --fix-leaks --stack
// @expect: fixes-leak
import type { Pool } from 'pg'

export async function count(pool: Pool): Promise<number> {
  using stack = new DisposableStack()
  const client = stack.adopt(await pool.connect(), (client) => client.release())
  const result = await client.query('select count(*) from jobs')
  return result.rows[0]?.count ?? 0
}
