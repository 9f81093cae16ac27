import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// Inspections (a synchronous `is…`/`has…` returning a boolean, or a type guard) look at a resource
// and keep none of it; a resource that opens on its first use holds nothing until it is used, and
// a method that only makes a handle (presets' `inertMethods`) neither uses it nor throws.
ruleTester.run('no-leaked-resource: inspections and resources that open on first use', rule, {
  valid: [
    {
      name: 'a pg Pool only handed to an inspection inside an assertion never opens a connection',
      code: `
import { expect } from 'vitest';
import pg from 'pg';
declare function isDriverConfig(value: unknown): boolean;
export function rejectsPoolAsConfig() {
  const pool = new pg.Pool({ connectionString: 'postgres://localhost/app' });
  expect(isDriverConfig(pool)).toBe(false);
}
`,
    },
    {
      name: 'a pg Client inspected and ended, never connected, holds nothing',
      code: `
import pg from 'pg';
declare function isDriverConfig(value: unknown): boolean;
export async function clientIsNoConfig() {
  const client = new pg.Client({ connectionString: 'postgres://localhost/app' });
  const verdict = isDriverConfig(client);
  await client.end();
  return verdict;
}
`,
    },
    {
      name: 'a client wrapped in a literal for a type guard is not handed off, and is released here',
      code: `
import pg from 'pg';
declare function hasClient(value: unknown): value is { client: pg.PoolClient };
export async function checkedConnection(pool: pg.Pool) {
  const client = await pool.connect();
  const verdict = hasClient({ client });
  client.release();
  return verdict;
}
`,
    },
    {
      name: 'a mysql2 pool opens on its first query: one never queried holds nothing',
      code: `
import { expect } from 'vitest';
import { createPool } from 'mysql2';
declare function isDriverConfig(value: unknown): boolean;
export function poolIsNoConfig() {
  const pool = createPool({ uri: 'mysql://localhost/app' });
  expect(isDriverConfig({ client: pool })).toBe(true);
}
`,
    },
    {
      name: 'awaiting a mysql2/promise createPool, which returns the pool itself, does not open it',
      code: `
import mysql from 'mysql2/promise';
declare function isDriverConfig(value: unknown): boolean;
export async function promisePoolIsNoConfig() {
  const pool = await mysql.createPool({ uri: 'mysql://localhost/app' });
  const verdict = isDriverConfig(pool);
  await pool.end();
  return verdict;
}
`,
    },
    {
      name: 'a throw before the client is first connected or handed on leaves nothing open',
      code: `
import { MongoClient } from 'mongodb';
declare function checkSchema(url: string): Promise<void>;
export async function openStore(url: string) {
  const client = new MongoClient(url);
  await checkSchema(url);
  return client;
}
`,
    },
    {
      name: 'client.db(name) only makes a handle: it neither throws before the try nor connects the client, and nothing runs in code expected to throw',
      code: `
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
export async function prepare(url: string) {
  const client = new MongoClient(url);
  const db = client.db('app');
  try {
    await db.createCollection('jobs');
  } finally {
    await client.close();
  }
}
export function databaseName(url: string) {
  const client = new MongoClient(url);
  return client.db('app').databaseName;
}
export function refusesCallbacks(url: string) {
  const client = new MongoClient(url);
  expect(() => client.db('app').collection('jobs', {})).to.throw(TypeError);
}
`,
    },
    {
      name: 'a client whose shape is only read with Object.getPrototypeOf and Object.keys is never connected',
      code: `
import assert from 'node:assert';
import pg from 'pg';
export function clientShape() {
  const client = new pg.Client({ connectionString: 'postgres://localhost/app' });
  const prototype: unknown = Object.getPrototypeOf(client);
  assert.ok(Object.keys(client).length > 0);
  assert.equal(prototype, pg.Client.prototype);
}
`,
    },
    {
      name: 'a pg Pool connects its clients lazily: a check that throws before its first query leaks nothing',
      code: `
import pg from 'pg';
declare function checkConfig(config: pg.PoolConfig): void;
export function makePool(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  checkConfig(config);
  return pool;
}
`,
    },
    {
      name: 'a lazy pg Pool given to a helper that only adds listeners to it is still unopened when a later check throws',
      code: `
import pg from 'pg';
declare function checkConfig(config: pg.PoolConfig): void;
function logErrors(pool: pg.Pool): void {
  pool.on('error', (error) => console.error(error.message));
}
export function makePool(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  logErrors(pool);
  checkConfig(config);
  return pool;
}
`,
    },
    {
      name: 'a lazy pg Pool told to a hook the caller passed in, the hook’s result dropped, is unopened when a later check throws',
      code: `
import pg from 'pg';
interface Options extends pg.PoolConfig {
  onPoolCreated?: (pool: pg.Pool) => unknown;
}
declare function checkConfig(config: pg.PoolConfig): void;
export function makePool(options?: Options) {
  const { onPoolCreated, ...config } = options ?? {};
  const pool = new pg.Pool(config);
  void onPoolCreated?.(pool);
  checkConfig(config);
  return { pool };
}
`,
    },
    {
      name: 'a subclass of pg’s Pool opens lazily like its base: a check that throws before its first query leaks nothing',
      code: `
import pg from 'pg';
class TaggedPool extends pg.Pool {
  readonly tag = 'reports';
}
declare function checkConfig(config: pg.PoolConfig): void;
export function makePool(config: pg.PoolConfig) {
  const pool = new TaggedPool(config);
  checkConfig(config);
  return pool;
}
`,
    },
    {
      name: 'a mongodb cursor sends nothing before its first batch: a throw before the hand-off leaks nothing',
      code: `
import type { Collection } from 'mongodb';
declare function checkLimit(limit: number): void;
export function recent(orders: Collection, limit: number) {
  const cursor = orders.find({}, { sort: { placedAt: -1 } });
  checkLimit(limit);
  return cursor;
}
`,
    },
    {
      name: 'a lazy cursor given to a method that can throw only before it starts streaming is unopened if that method throws',
      code: `
import type { Collection, FindCursor } from 'mongodb';
import type { Readable } from 'node:stream';
export class Feed {
  #mode: 'idle' | 'pull' | 'push' = 'idle';
  #stream?: Readable;
  open(orders: Collection): FindCursor {
    const cursor = orders.find({});
    this.#push(cursor);
    return cursor;
  }
  #push(cursor: FindCursor): void {
    if (this.#mode === 'pull') throw new Error('this feed is already read one document at a time');
    this.#mode = 'push';
    const stream = cursor.stream();
    this.#stream = stream;
    stream.on('data', (document) => console.log(document));
    stream.on('error', (error) => console.error(error));
  }
}
`,
    },
    {
      name: 'a client spied on with vi.spyOn before it connects is only looked at',
      code: `
import { vi } from 'vitest';
import { createClient } from 'redis';
declare function checkConfig(): void;
export function spiedClient() {
  const client = createClient();
  vi.spyOn(client, 'connect');
  checkConfig();
  return client;
}
`,
    },
    {
      name: 'a client whose method sinon stubs before it connects is only looked at',
      code: `
import { stub } from 'sinon';
import { createClient } from 'redis';
declare function checkConfig(): void;
export function stubbedClient() {
  const client = createClient();
  stub(client, 'quit').resolves('OK');
  checkConfig();
  return client;
}
`,
    },
  ],
  invalid: [
    {
      name: 'a lazy pg Pool given to a helper that queries it is open: a later check that throws leaks it',
      code: `
import pg from 'pg';
declare function checkConfig(config: pg.PoolConfig): void;
async function warmUp(pool: pg.Pool): Promise<void> {
  await pool.query('select 1');
}
export async function makePool(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  await warmUp(pool);
  checkConfig(config);
  return pool;
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 8, suggestions: [] }],
    },
    {
      name: 'a client connected before its keys are read is open, and never ended',
      code: `
import pg from 'pg';
export async function connectedKeys() {
  const client = new pg.Client({ connectionString: 'postgres://localhost/app' });
  await client.connect();
  return Object.keys(client);
}
`,
      errors: [{ messageId: 'neverReleased', line: 4 }],
    },
    {
      name: 'a command run through the handle before the try can fail and skip the close',
      code: `
import { MongoClient } from 'mongodb';
export async function prepare(url: string) {
  const client = new MongoClient(url);
  await client.db('app').command({ ping: 1 });
  try {
    await client.db('app').createCollection('jobs');
  } finally {
    await client.close();
  }
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4 }],
    },
    {
      name: 'in a loop, a throw that stands before the first use in the source comes after it on the next pass',
      code: `
import assert from 'node:assert';
import { MongoClient } from 'mongodb';
declare function checkName(name: string): Promise<void>;
export async function checkAll(url: string, names: string[]) {
  const client = new MongoClient(url);
  for (let index = 0; index < names.length; index++) {
    await checkName(names[index]);
    assert.ok(client.db(names[index]).collection('names'));
  }
  await client.close();
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import assert from 'node:assert';
import { MongoClient } from 'mongodb';
declare function checkName(name: string): Promise<void>;
export async function checkAll(url: string, names: string[]) {
  await using client = new MongoClient(url);
  for (let index = 0; index < names.length; index++) {
    await checkName(names[index]);
    assert.ok(client.db(names[index]).collection('names'));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a pool queried once is open, and never ended',
      code: `
import mysql from 'mysql2/promise';
export async function countUsers() {
  const pool = mysql.createPool({ uri: 'mysql://localhost/app' });
  const [rows] = await pool.query('select count(*) as n from users');
  return rows;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import mysql from 'mysql2/promise';
export async function countUsers() {
  await using pool = mysql.createPool({ uri: 'mysql://localhost/app' });
  const [rows] = await pool.query('select count(*) as n from users');
  return rows;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a lazy cursor given to a method that goes on with a call that can throw after it starts streaming may be open when it throws',
      code: `
import type { Collection, FindCursor } from 'mongodb';
declare function audit(event: string): void;
export class Feed {
  open(orders: Collection): FindCursor {
    const cursor = orders.find({});
    this.#push(cursor);
    return cursor;
  }
  #push(cursor: FindCursor): void {
    const stream = cursor.stream();
    stream.on('data', (document) => console.log(document));
    audit('streaming');
  }
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 6, suggestions: [] }],
    },
    {
      name: 'a lazy cursor given to a method that hands its new stream to a call that can throw may be open when it throws',
      code: `
import type { Collection, FindCursor } from 'mongodb';
import type { Readable } from 'node:stream';
declare function track(stream: Readable): Readable;
export class Feed {
  open(orders: Collection): FindCursor {
    const cursor = orders.find({});
    this.#push(cursor);
    return cursor;
  }
  #push(cursor: FindCursor): void {
    const stream = track(cursor.stream());
    stream.on('data', (document) => console.log(document));
  }
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 7, suggestions: [] }],
    },
    {
      name: 'a subclass of pg’s Client carries its base’s release: ended at the end without finally',
      code: `
import pg from 'pg';
class AuditedClient extends pg.Client {
  readonly audited = true;
}
export async function count(table: string) {
  const client = new AuditedClient();
  await client.connect();
  const result = await client.query('select count(*) from ' + table);
  await client.end();
  return result.rows;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 7, suggestions: [] }],
    },
    {
      name: 'a lazy pg Pool given to a callback whose end is awaited is in use when a later check throws',
      code: `
import pg from 'pg';
declare function checkConfig(config: pg.PoolConfig): void;
export async function makePool(config: pg.PoolConfig, prepare: (pool: pg.Pool) => Promise<void>) {
  const pool = new pg.Pool(config);
  await prepare(pool);
  checkConfig(config);
  return { pool };
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 5, suggestions: [] }],
    },
    {
      name: 'a database that opens in its constructor, wrapped in a literal for an inspection, is still this function’s to close',
      code: `
import Database from 'better-sqlite3';
declare function isDriverConfig(value: unknown): boolean;
export function databaseIsConfig() {
  const db = new Database(':memory:');
  return isDriverConfig({ client: db });
}
`,
      errors: [{ messageId: 'neverReleased', line: 5 }],
    },
    {
      name: 'createConnection() connects at once, also when imported under another name',
      code: `
import { expect } from 'vitest';
import { createConnection as openConnection } from 'mysql2';
declare function isDriverConfig(value: unknown): boolean;
export function connectionIsConfig() {
  const connection = openConnection({ uri: 'mysql://localhost/app' });
  expect(isDriverConfig({ client: connection })).toBe(true);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { expect } from 'vitest';
import { createConnection as openConnection } from 'mysql2';
declare function isDriverConfig(value: unknown): boolean;
export function connectionIsConfig() {
  using connection = openConnection({ uri: 'mysql://localhost/app' });
  expect(isDriverConfig({ client: connection })).toBe(true);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an is… check that returns a promise is no inspection: it can reject before the release',
      code: `
import pg from 'pg';
declare function isReachable(value: unknown): Promise<boolean>;
export async function probe(pool: pg.Pool) {
  const client = await pool.connect();
  const up = await isReachable(client);
  client.release();
  return up;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 5 }],
    },
  ],
});
