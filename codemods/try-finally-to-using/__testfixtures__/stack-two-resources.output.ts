// @options: --stack
// @expect: exact
// @expect: exact
import type pg from 'pg';

export async function copyRows(source: pg.Pool, target: pg.Pool): Promise<void> {
  using stack = new DisposableStack();
  const from = stack.adopt(await source.connect(), (from) => from.release());
  const to = stack.adopt(await target.connect(), (to) => to.release());
  const { rows } = await from.query('select * from items');
  await to.query('insert into items select * from json_populate_recordset(null::items, $1)', [JSON.stringify(rows)]);
}
