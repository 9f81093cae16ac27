// @options: --stack
// @expect: exact
// @run: [[]]
import { Pool } from 'undici';

export async function run(): Promise<string> {
  await using stack = new AsyncDisposableStack();
  const pool = stack.adopt(new Pool('http://127.0.0.1:8080'), (session) => session.close());
  const { body } = await pool.request({ path: '/', method: 'GET' });
  try {
    return await body.text();
  } finally {
    await body.dump();
  }
}
