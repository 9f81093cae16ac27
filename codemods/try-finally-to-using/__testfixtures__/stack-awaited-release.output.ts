// @options: --stack
// @expect: exact
import mysql from 'mysql2/promise';

export async function version(uri: string): Promise<unknown> {
  await using stack = new AsyncDisposableStack();
  const connection = stack.adopt(await mysql.createConnection(uri), (connection) => connection.end());
  const [rows] = await connection.query('select version() as v');
  return rows;
}
