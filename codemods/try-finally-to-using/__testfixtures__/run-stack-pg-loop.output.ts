// @options: --stack
// @expect: exact
// @run: [[["a", "skip", "b"]], [["a", "stop", "b"]]]
import { Pool } from 'pg';

export async function run(queries: string[]): Promise<number> {
  const pool = new Pool();
  let rows = 0;
  for (const query of queries) {
    using stack = new DisposableStack();
    const client = stack.adopt(await pool.connect(), (client) => client.release());
    if (query === 'skip') continue;
    if (query === 'stop') break;
    rows += (await client.query(query)).rowCount ?? 0;
  }
  return rows;
}
