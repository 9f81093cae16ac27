// A small user repository on top of node-postgres (pg). A `PoolClient` from `pool.connect()` must
// go back to the pool with `client.release()` on every path: a client that is never released
// stays checked out, and once all of them are, every later `pool.connect()` waits forever.
//
// pg's clients have no `[Symbol.dispose]` yet, so `using` is not available for them; the fix is a
// `try/finally` (or a DisposableStack that adopts the client).
import pg from 'pg';

export interface User {
  id: number;
  email: string;
  name: string;
  active: boolean;
}

export interface NewUser {
  email: string;
  name: string;
}

// ✅ Released in `finally`: on success, on an early `return`, and when the query throws.
export async function findUserById(pool: pg.Pool, id: number): Promise<User | undefined> {
  const client = await pool.connect();
  try {
    const result = await client.query<User>('select id, email, name, active from users where id = $1', [id]);
    return result.rows[0];
  } finally {
    client.release();
  }
}

// ✅ A transaction: rolled back on error, and the client released in `finally` either way.
export async function transferCredits(pool: pg.Pool, fromId: number, toId: number, amount: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('update accounts set credits = credits - $1 where user_id = $2', [amount, fromId]);
    await client.query('update accounts set credits = credits + $1 where user_id = $2', [amount, toId]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

// ✅ Released in the `catch` that rethrows (destroying a connection in an unknown state with
// `release(true)`), and on the normal path.
export async function insertUser(pool: pg.Pool, user: NewUser): Promise<User> {
  const client = await pool.connect();
  let result: pg.QueryResult<User>;
  try {
    result = await client.query<User>(
      'insert into users (email, name, active) values ($1, $2, true) returning id, email, name, active',
      [user.email, user.name],
    );
  } catch (error) {
    client.release(true);
    throw error;
  }
  client.release();
  const inserted = result.rows[0];
  if (!inserted) throw new Error(`insert of ${user.email} returned no row`);
  return inserted;
}

// ✅ A helper that owns the client for the duration of a callback.
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

export async function listActiveUsers(pool: pg.Pool): Promise<User[]> {
  return withClient(pool, async (client) => {
    const result = await client.query<User>('select id, email, name, active from users where active');
    return result.rows;
  });
}

// ❌ Released, but only if the query succeeds: a syntax error or a dropped connection throws
// before `release()`, and the client never goes back to the pool.
export async function countUsers(pool: pg.Pool): Promise<number> {
  const client = await pool.connect(); // expect: notReleasedOnThrow
  const result = await client.query<{ count: string }>('select count(*) as count from users');
  client.release();
  return Number(result.rows[0]?.count ?? 0);
}

// ❌ Handed to the caller, but the `set` runs first: when it throws, nobody releases the client.
export async function clientForTenant(pool: pg.Pool, schema: string): Promise<pg.PoolClient> {
  const client = await pool.connect(); // expect: notHandedOffOnThrow
  await client.query(`set search_path to ${pg.escapeIdentifier(schema)}`);
  return client;
}

// ❌ The early `return` for an unknown user skips `release()`.
export async function deactivateUser(pool: pg.Pool, id: number): Promise<boolean> {
  const client = await pool.connect(); // expect: notReleasedOnEveryPath
  const existing = await client.query('select 1 from users where id = $1', [id]);
  if (existing.rowCount === 0) {
    return false;
  }
  await client.query('update users set active = false where id = $1', [id]);
  client.release();
  return true;
}

// ❌ "Warm up" the pool by checking out a connection, and drop the client on the floor: it can
// never be released.
export async function warmUp(pool: pg.Pool): Promise<void> {
  await pool.connect(); // expect: discarded
}

// ❌ Two clients in parallel: if the second `connect()` rejects, the first client is already
// checked out and nobody holds it.
export async function compareSnapshots(pool: pg.Pool, left: string, right: string): Promise<boolean> {
  const [a, b] = await Promise.all([pool.connect(), pool.connect()]); // expect: promiseAll
  try {
    const [x, y] = await Promise.all([
      a.query('select payload from snapshots where name = $1', [left]),
      b.query('select payload from snapshots where name = $1', [right]),
    ]);
    return JSON.stringify(x.rows) === JSON.stringify(y.rows);
  } finally {
    a.release();
    b.release();
  }
}

