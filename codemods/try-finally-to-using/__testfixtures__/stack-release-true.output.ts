// @options: --stack
// @expect: exact
import type pg from 'pg';

export async function discard(pool: pg.Pool): Promise<void> {
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release(true));
  await client.query('discard all');
}
