// @options: --stack
// @expect: exact
// @run: [[]]
import { Client } from 'pg';

export async function run(): Promise<number> {
  const client = new Client();
  try {
    await client.connect();
    const result = await client.query('select 1');
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
