// @options: --stack
// @expect: fixes-leak
// @expect: exact
import { Pool } from 'undici';
import { step } from './work';

export async function run(): Promise<string> {
  const pool = new Pool('http://127.0.0.1:8080');
  await step('warm up');
  try {
    await using stack2 = new AsyncDisposableStack();
    const { body } = await pool.request({ path: '/', method: 'GET' });
    stack2.defer(() => body.dump());
    return await body.text();
  } finally {
    await pool.close();
  }
}
