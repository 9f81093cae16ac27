// @expect: skip release-not-dispose
import mysql from 'mysql2/promise';

export async function version(uri: string): Promise<unknown> {
  const connection = await mysql.createConnection(uri);
  try {
    const [rows] = await connection.query('select version() as v');
    return rows;
  } finally {
    await connection.end();
  }
}
