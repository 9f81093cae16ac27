// @options: --stack
// @expect: exact
// @expect: exact
import type pg from 'pg';

export async function copyRows(source: pg.Pool, target: pg.Pool): Promise<void> {
  const from = await source.connect();
  try {
    const to = await target.connect();
    try {
      const { rows } = await from.query('select * from items');
      await to.query('insert into items select * from json_populate_recordset(null::items, $1)', [JSON.stringify(rows)]);
    } finally {
      to.release();
    }
  } finally {
    from.release();
  }
}
