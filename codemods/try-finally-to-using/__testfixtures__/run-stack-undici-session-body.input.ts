// @options: --stack
// @expect: exact
// @expect: exact
// @run: [[]]
import { Pool } from 'undici';

export async function run(): Promise<string> {
  const pool = new Pool('http://127.0.0.1:8080');
  try {
    const { statusCode, body } = await pool.request({ path: '/', method: 'GET' });
    try {
      if (statusCode !== 200) throw new Error(`status ${String(statusCode)}`);
      return await body.text();
    } finally {
      await body.dump();
    }
  } finally {
    await pool.close();
  }
}
