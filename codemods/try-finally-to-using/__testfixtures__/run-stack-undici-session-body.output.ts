// @options: --stack
// @expect: exact
// @expect: exact
// @run: [[]]
import { Pool } from 'undici';

export async function run(): Promise<string> {
  await using stack = new AsyncDisposableStack();
  const pool = stack.adopt(new Pool('http://127.0.0.1:8080'), (pool) => pool.close());
  const { statusCode, body } = await pool.request({ path: '/', method: 'GET' });
  stack.defer(() => body.dump());
  if (statusCode !== 200) throw new Error(`status ${String(statusCode)}`);
  return await body.text();
}
