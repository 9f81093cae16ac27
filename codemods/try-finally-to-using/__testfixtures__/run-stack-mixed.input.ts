// @options: --stack --allow-behavior-change
// @expect: changes later-release-runs release-on-early-throw
// @run: [[]]
import { Pool } from 'pg';
import { acquire } from './resource';

export async function run(pool = new Pool()): Promise<string> {
  const resource = await acquire('a');
  const client = await pool.connect();
  try {
    const result = await client.query(await resource.use());
    return String(result.rowCount);
  } finally {
    client.release();
    await resource.close();
  }
}
