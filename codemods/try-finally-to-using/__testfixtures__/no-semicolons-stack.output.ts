// @options: --stack
// @expect: exact
import type pg from 'pg'

export async function count(pool: pg.Pool): Promise<number> {
  using stack = new DisposableStack()
  const client = stack.adopt(await pool.connect(), (client) => client.release())
  const result = await client.query('select 1')
  return result.rowCount ?? 0
}
