// @options: --stack
// @expect: exact
// @run: [[]]
import { Client } from 'pg';

export async function run(): Promise<number> {
  await using stack = new AsyncDisposableStack();
  const client = stack.adopt(new Client(), (client) => client.end());
  await client.connect();
  const result = await client.query('select 1');
  return result.rowCount ?? 0;
}
