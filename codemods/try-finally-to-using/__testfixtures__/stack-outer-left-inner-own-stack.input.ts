// @options: --stack
// @expect: fixes-leak
// @expect: exact
import { Pool } from 'undici';
import { step } from './work';

export async function run(): Promise<string> {
  const pool = new Pool('http://127.0.0.1:8080');
  await step('warm up');
  try {
    const { body } = await pool.request({ path: '/', method: 'GET' });
    try {
      return await body.text();
    } finally {
      await body.dump();
    }
  } finally {
    await pool.close();
  }
}
