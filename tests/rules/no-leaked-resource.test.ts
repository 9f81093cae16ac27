import { type ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-leaked-resource', rule, {
  valid: [
    // ── Released on every path ────────────────────────────────────────────────
    {
      name: 'try/finally with await fh.close()',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  try {
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}
`,
    },
    {
      name: 'await using',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return fh.readFile('utf8');
}
`,
    },
    {
      name: 'for (await using ... of ...)',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
async function* handles(paths: string[]): AsyncGenerator<FileHandle> {
  for (const p of paths) yield await open(p);
}
export async function sizes(paths: string[]) {
  const result: number[] = [];
  for await (await using fh of handles(paths)) result.push((await fh.stat()).size);
  return result;
}
`,
    },
    {
      name: 'using on a sync disposable',
      code: `
import * as readline from 'node:readline';
export function ask() {
  using rl = readline.createInterface({ input: process.stdin });
  rl.setPrompt('> ');
}
`,
    },
    {
      name: 'let declared before try, assigned inside, await x?.close() in finally',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function read(p: string) {
  let fh: FileHandle | undefined;
  try {
    fh = await open(p);
    return await fh.readFile('utf8');
  } finally {
    await fh?.close();
  }
}
`,
    },
    {
      name: 'if (x) x.close() in finally',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function read(p: string) {
  let fh: FileHandle | undefined;
  try {
    fh = await open(p);
    return await fh.readFile('utf8');
  } finally {
    if (fh) await fh.close();
  }
}
`,
    },
    {
      name: 'pg PoolClient released with ?. in finally',
      code: `
import pg from 'pg';
export async function q(pool: pg.Pool) {
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}
`,
    },
    {
      name: 'x[Symbol.asyncDispose]() in finally',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  try {
    return await fh.readFile('utf8');
  } finally {
    await fh[Symbol.asyncDispose]();
  }
}
`,
    },
    {
      name: 'catch that releases and rethrows, plus the normal path',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  let text: string;
  try {
    text = await fh.readFile('utf8');
  } catch (error) {
    await fh.close();
    throw error;
  }
  await fh.close();
  return text;
}
`,
    },
    {
      name: 'released right after acquisition, nothing in between can throw',
      code: `
import { open } from 'node:fs/promises';
export async function touch(p: string) {
  const fh = await open(p, 'a');
  await fh.close();
}
`,
    },
    {
      name: 'loop that acquires and releases in each iteration',
      code: `
import { open } from 'node:fs/promises';
export async function total(paths: string[]) {
  let size = 0;
  for (const p of paths) {
    const fh = await open(p);
    try {
      size += (await fh.stat()).size;
    } finally {
      await fh.close();
    }
  }
  return size;
}
`,
    },
    {
      name: '.finally(() => x.close()) always runs',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  return fh.readFile('utf8').finally(() => fh.close());
}
`,
    },
    {
      name: 'released in an event handler of the resource itself',
      code: `
import { WebSocket } from 'ws';
export function ping(url: string) {
  const ws = new WebSocket(url);
  ws.on('open', () => ws.send('ping'));
  ws.on('message', () => ws.close());
}
`,
    },
    {
      name: 'DisposableStack#use',
      code: `
import { openSync, closeSync } from 'node:fs';
import * as readline from 'node:readline';
export function setup(stack: DisposableStack) {
  const rl = readline.createInterface({ input: process.stdin });
  stack.use(rl);
  stack.defer(() => closeSync(openSync('x', 'r')));
}
`,
    },
    {
      name: 'AsyncDisposableStack#adopt for a legacy resource',
      code: `
import pg from 'pg';
export async function run(pool: pg.Pool) {
  await using stack = new AsyncDisposableStack();
  const client = stack.adopt(await pool.connect(), (c) => c.release());
  await client.query('select 1');
}
`,
    },
    {
      name: 'AsyncDisposableStack#adopt of a bound legacy resource',
      code: `
import pg from 'pg';
export async function run(pool: pg.Pool) {
  await using stack = new AsyncDisposableStack();
  const client = await pool.connect();
  stack.adopt(client, (c) => c.release());
  await client.query('select 1');
}
`,
    },
    {
      name: 'DisposableStack#defer releases it',
      code: `
import { WebSocket } from 'ws';
export function connect(url: string) {
  using stack = new DisposableStack();
  const ws = new WebSocket(url);
  stack.defer(() => ws.close());
  ws.send('hello');
}
`,
    },
    {
      name: 'DisposableStack#move hands the stack to the caller',
      code: `
import * as readline from 'node:readline';
export function both() {
  using stack = new DisposableStack();
  const a = stack.use(readline.createInterface({ input: process.stdin }));
  const b = stack.use(readline.createInterface({ input: process.stdin }));
  const owned = stack.move();
  return { a, b, [Symbol.dispose]: () => owned.dispose() };
}
`,
    },
    {
      name: 'collected into an array that a finally releases in a loop',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function concat(paths: string[]) {
  const handles: FileHandle[] = [];
  try {
    for (const p of paths) {
      const fh = await open(p);
      handles.push(fh);
    }
    return handles.length;
  } finally {
    for (const fh of handles) await fh.close();
  }
}
`,
    },

    // ── Ownership handed off ──────────────────────────────────────────────────
    {
      name: 'returned',
      code: `
import { open } from 'node:fs/promises';
export async function openIt(p: string) {
  const fh = await open(p);
  return fh;
}
`,
    },
    {
      name: 'returned inside an object',
      code: `
import { open } from 'node:fs/promises';
export async function openIt(p: string) {
  const fh = await open(p);
  return { fh, path: p };
}
`,
    },
    {
      name: 'returned inside an array',
      code: `
import { open } from 'node:fs/promises';
export async function openBoth(a: string) {
  const fh = await open(a);
  return [fh, a] as const;
}
`,
    },
    {
      name: 'returned inside a closure',
      code: `
import { open } from 'node:fs/promises';
export async function reader(p: string) {
  const fh = await open(p);
  return () => fh.readFile('utf8');
}
`,
    },
    {
      name: 'yielded',
      code: `
import { open } from 'node:fs/promises';
export async function* handles(paths: string[]) {
  for (const p of paths) {
    const fh = await open(p);
    yield fh;
  }
}
`,
    },
    {
      name: 'assigned to a field',
      code: `
import pg from 'pg';
export class Repo {
  client?: pg.PoolClient;
  async init(pool: pg.Pool) {
    const client = await pool.connect();
    this.client = client;
  }
}
`,
    },
    {
      name: 'assigned to an outer-scope variable',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
let log: FileHandle | undefined;
export async function init(p: string) {
  log = await open(p, 'a');
}
export async function init2(p: string) {
  const fh = await open(p, 'a');
  log = fh;
}
`,
    },
    {
      name: 'wrapped by a constructor whose result is returned',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
class Log {
  constructor(readonly handle: FileHandle) {}
}
export async function openLog(p: string) {
  const fh = await open(p, 'a');
  return new Log(fh);
}
`,
    },
    {
      name: 'handed to new Response(...)',
      code: `
import { createReadStream } from 'node:fs';
export function serve(p: string) {
  const stream = createReadStream(p);
  return new Response(stream as unknown as ReadableStream);
}
`,
    },
    {
      name: 'consumed by .pipe(), and src.pipe(dest) discarded',
      code: `
import { createReadStream, createWriteStream } from 'node:fs';
export function copy(from: string, to: string) {
  const src = createReadStream(from);
  const dest = createWriteStream(to);
  src.pipe(dest);
}
`,
    },
    {
      name: 'consumed by pipeline',
      code: `
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
export async function copy(from: string, to: string) {
  const src = createReadStream(from);
  const dest = createWriteStream(to);
  await pipeline(src, dest);
}
`,
    },
    {
      name: 'consumed by for await',
      code: `
import { createReadStream } from 'node:fs';
export async function count(p: string) {
  const stream = createReadStream(p);
  let n = 0;
  for await (const chunk of stream) n += (chunk as Buffer).length;
  return n;
}
`,
    },
    {
      name: 'opendir() iterated with for await',
      code: `
import { opendir } from 'node:fs/promises';
export async function list(p: string) {
  const dir = await opendir(p);
  const names: string[] = [];
  for await (const entry of dir) names.push(entry.name);
  return names;
}
`,
    },
    {
      name: 'in-program callee that stores its parameter',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
const registry = new Set<FileHandle>();
function track(handle: FileHandle) {
  registry.add(handle);
}
export async function openTracked(p: string) {
  const fh = await open(p);
  track(fh);
}
`,
    },
    {
      name: 'in-program callee that returns its parameter',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
function tag(handle: FileHandle) {
  return handle;
}
export async function openTagged(p: string) {
  const fh = await open(p);
  return tag(fh).fd;
}
`,
    },
    {
      name: 'in-program callee that releases its parameter, called in finally',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
async function closeQuietly(handle: FileHandle) {
  await handle.close().catch(() => undefined);
}
export async function read(p: string) {
  const fh = await open(p);
  try {
    return await fh.readFile('utf8');
  } finally {
    await closeQuietly(fh);
  }
}
`,
    },
    {
      name: 'server.listen() returns this; the server is returned',
      code: `
import { createServer } from 'node:http';
export function start(port: number) {
  const server = createServer();
  server.listen(port);
  return server;
}
`,
    },
    {
      name: 'getter method and accessor returning this.client',
      code: `
import pg from 'pg';
export class Repo {
  private readonly pool = new pg.Pool();
  private readonly client = new pg.Client();
  getClient() {
    return this.client;
  }
  get conn() {
    return this.client;
  }
  async count() {
    const client = this.getClient();
    const conn = this.conn;
    await conn.query('select 1');
    return client.query('select count(*) from t');
  }
  async close() {
    await this.client.end();
    await this.pool.end();
  }
}
`,
    },

    // ── Default ignore list ───────────────────────────────────────────────────
    {
      name: 'built-in iterators and generator objects',
      code: `
function* numbers() {
  yield 1;
}
export function values(xs: number[], m: Map<string, number>) {
  const it = xs.values();
  const entries = m.entries();
  const gen = numbers();
  return [...it].length + [...entries].length + [...gen].length;
}
`,
    },
    {
      name: 'timers',
      code: `
export function later(fn: () => void) {
  const timer = setTimeout(fn, 10);
  setInterval(fn, 1000);
  setImmediate(fn);
  void timer;
}
`,
    },
    {
      name: 'crypto hashes used as plain objects',
      code: `
import { createHash, createHmac } from 'node:crypto';
export function digest(data: string) {
  const hash = createHash('sha256');
  hash.update(data);
  const hmac = createHmac('sha256', 'key');
  return hash.digest('hex') + hmac.update(data).digest('hex');
}
`,
    },
    {
      name: 'child process spawned and discarded',
      code: `
import { spawn } from 'node:child_process';
export function run() {
  spawn('ls');
  const child = spawn('echo', ['hi']);
  child.stdout.on('data', () => undefined);
}
`,
    },
    {
      name: 'http.get(url, cb) discarded',
      code: `
import * as http from 'node:http';
export function fetchIt(url: string) {
  http.get(url, (res) => res.resume());
}
`,
    },
    {
      name: 'vitest spies',
      code: `
import { vi } from 'vitest';
export function spy(target: { run(): void }) {
  const s = vi.spyOn(target, 'run');
  target.run();
  return s.mock.calls.length;
}
`,
    },
    {
      name: 'module top-level resources',
      code: `
import { open } from 'node:fs/promises';
import pg from 'pg';
export const pool = new pg.Pool();
export const log = await open('app.log', 'a');
`,
    },
    {
      name: 'server and pool created in main()',
      code: `
import { createServer } from 'node:net';
import pg from 'pg';
async function main() {
  const pool = new pg.Pool();
  const server = createServer((socket) => socket.end());
  server.listen(3000);
  await pool.query('select 1');
}
main().catch(console.error);
`,
    },
    {
      name: 'server and pool created in an async IIFE',
      code: `
import { createServer } from 'node:http';
import pg from 'pg';
void (async () => {
  const pool = new pg.Pool();
  createServer((_req, res) => res.end()).listen(3000);
  await pool.query('select 1');
})();
`,
    },
    {
      name: 'Promise.all over non-resources',
      code: `
import { readFile, stat } from 'node:fs/promises';
export async function both(a: string, b: string) {
  const [text, info] = await Promise.all([readFile(a, 'utf8'), stat(b)]);
  return text.length + info.size;
}
`,
    },

    // ── Presets released properly ─────────────────────────────────────────────
    {
      name: 'a better-sqlite3 database closed in finally',
      code: `
import Database from 'better-sqlite3';
export function countNotes(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from note').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
`,
    },
    {
      name: 'a mongodb cursor read once and closed: a failing next() cleans the cursor up itself',
      code: `
import type { Collection } from 'mongodb';
export async function countOpen(jobs: Collection<{ state: string }>): Promise<number> {
  const cursor = jobs.aggregate<{ n: number }>([{ $match: { state: 'open' } }, { $count: 'n' }]);
  const first = await cursor.next();
  await cursor.close();
  return first?.n ?? 0;
}
`,
    },
    {
      name: 'undici: a pool closed in finally, and a body read to the end',
      code: `
import { Pool } from 'undici';
export async function fetchText(origin: string, path: string): Promise<string> {
  const pool = new Pool(origin);
  try {
    const { body } = await pool.request({ path, method: 'GET' });
    return await body.text();
  } finally {
    await pool.close();
  }
}
`,
    },
    {
      name: 'undici: a body dumped on the error branch and read on the other',
      code: `
import { request } from 'undici';
export async function fetchJson(url: string): Promise<unknown> {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) {
    await body.dump();
    throw new Error('status ' + String(statusCode));
  }
  return body.json();
}
`,
    },
    {
      name: 'undici: the body handed to the caller is the caller\'s to read',
      code: `
import { request } from 'undici';
export async function open(url: string) {
  const { body } = await request(url);
  return body;
}
`,
    },
    {
      name: 'libsql: a client closed in finally, and a transaction committed or rolled back',
      code: `
import type { Client, Config } from '@libsql/core/api';
declare function createClient(config: Config): Client;
export async function moveNote(url: string, id: number, folder: string): Promise<void> {
  const client = createClient({ url });
  try {
    const tx = await client.transaction('write');
    try {
      await tx.execute({ sql: 'update note set folder = ? where id = ?', args: [folder, id] });
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  } finally {
    client.close();
  }
}
`,
    },
    {
      name: 'mysql2 pool connection released in finally',
      code: `
import mysql from 'mysql2/promise';
export async function q(pool: mysql.Pool) {
  const conn = await pool.getConnection();
  try {
    await conn.query('select 1');
  } finally {
    conn.release();
  }
}
`,
    },
    {
      name: 'mongodb client with await using',
      code: `
import { MongoClient } from 'mongodb';
export async function count(url: string) {
  await using client = new MongoClient(url);
  return client.db('x').collection('y').countDocuments();
}
`,
    },
    {
      name: 'ioredis quit in finally',
      code: `
import { Redis } from 'ioredis';
export async function get(key: string) {
  const redis = new Redis();
  try {
    return await redis.get(key);
  } finally {
    await redis.quit();
  }
}
`,
    },
    {
      name: 'redis client closed in finally',
      code: `
import { createClient } from 'redis';
export async function get(key: string) {
  const client = createClient();
  try {
    await client.connect();
    return await client.get(key);
  } finally {
    client.destroy();
  }
}
`,
    },
    {
      name: 'pg Client ended in finally',
      code: `
import pg from 'pg';
export async function q() {
  const client = new pg.Client();
  try {
    await client.connect();
    return await client.query('select 1');
  } finally {
    await client.end();
  }
}
`,
    },
    {
      name: 'fs.watch closed in finally',
      code: `
import { watch } from 'node:fs';
import { once } from 'node:events';
export async function nextChange(dir: string) {
  const watcher = watch(dir);
  try {
    await once(watcher, 'change');
  } finally {
    watcher.close();
  }
}
`,
    },
    {
      name: 'write stream ended in finally',
      code: `
import { createWriteStream } from 'node:fs';
export function write(p: string, lines: string[]) {
  const out = createWriteStream(p);
  try {
    for (const line of lines) out.write(line);
  } finally {
    out.end();
  }
}
`,
    },

    // ── More traps ───────────────────────────────────────────────────────────
    {
      name: 'nested try/finally per resource',
      code: `
import { open } from 'node:fs/promises';
export async function copy(a: string, b: string) {
  const x = await open(a);
  try {
    const y = await open(b, 'w');
    try {
      await y.writeFile(await x.readFile());
    } finally {
      await y.close();
    }
  } finally {
    await x.close();
  }
}
`,
    },
    {
      name: 'two resources released one after the other in one finally',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function copy(a: string, b: string) {
  let x: FileHandle | undefined;
  let y: FileHandle | undefined;
  try {
    x = await open(a);
    y = await open(b, 'w');
    await y.writeFile(await x.readFile());
  } finally {
    await x?.close();
    await y?.close();
  }
}
`,
    },
    {
      name: 'released at the end of the try and in a catch that rethrows',
      code: `
import pg from 'pg';
export async function q(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    const r = await client.query('select 1');
    client.release();
    return r;
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}
`,
    },
    {
      name: 'break out of a loop through the finally',
      code: `
import { open } from 'node:fs/promises';
export async function firstNonEmpty(paths: string[]) {
  for (const p of paths) {
    const fh = await open(p);
    try {
      if ((await fh.stat()).size > 0) break;
    } finally {
      await fh.close();
    }
  }
}
`,
    },
    {
      name: 'closed by a process signal handler',
      code: `
import { createServer } from 'node:http';
export function start() {
  const server = createServer();
  server.listen(3000);
  process.on('SIGTERM', () => server.close());
}
`,
    },
    {
      name: 'readline interface iterated with for await',
      code: `
import * as readline from 'node:readline';
import { createReadStream } from 'node:fs';
export async function count(p: string) {
  const rl = readline.createInterface({ input: createReadStream(p) });
  let n = 0;
  for await (const line of rl) n += line.length;
  return n;
}
`,
    },
    {
      name: 'aliased into an await using declaration',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  await using handle = fh;
  return handle.readFile();
}
`,
    },
    {
      name: 'async generator with a yield inside try/finally',
      code: `
import { open } from 'node:fs/promises';
export async function* chunks(p: string) {
  const fh = await open(p);
  try {
    yield await fh.readFile();
  } finally {
    await fh.close();
  }
}
`,
    },
    {
      name: 'resolved to the caller from inside a promise executor',
      code: `
import { WebSocket } from 'ws';
export function connect(url: string) {
  const ws = new WebSocket(url);
  return new Promise<WebSocket>((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
`,
    },
    {
      name: 'server created in a main arrow function',
      code: `
import { createServer } from 'node:http';
const main = async () => {
  const server = createServer();
  server.listen(3000);
};
await main();
`,
    },
    {
      name: "stream consumed by a 'data' listener",
      code: `
import { createReadStream } from 'node:fs';
export function count(p: string, done: (n: number) => void) {
  const rs = createReadStream(p);
  let n = 0;
  rs.on('data', (chunk) => (n += chunk.length));
  rs.on('end', () => done(n));
}
`,
    },
    {
      name: 'mongodb session ended in finally',
      code: `
import type { MongoClient } from 'mongodb';
export async function tx(client: MongoClient) {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => undefined);
  } finally {
    await session.endSession();
  }
}
`,
    },
    {
      name: 'mongodb cursor iterated with for await',
      code: `
import type { Collection } from 'mongodb';
export async function all(c: Collection) {
  const cursor = c.find({});
  for await (const doc of cursor) console.log(doc);
}
`,
    },
    {
      name: 'socket ended right away',
      code: `
import * as net from 'node:net';
export function send(port: number) {
  const sock = net.connect(port);
  sock.end('bye');
}
`,
    },

    // ── Options ───────────────────────────────────────────────────────────────
    {
      name: 'ignore option (package form) silences a type',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  return fh.readFile('utf8');
}
`,
      options: [{ ignore: [{ from: 'package', package: 'node', name: 'FileHandle' }] }],
    },
    {
      name: 'ignore option naming the function that returns the resource',
      code: `
import { addAbortListener } from 'node:events';
export function onAbort(signal: AbortSignal, fn: () => void) {
  addAbortListener(signal, fn);
  const listener = addAbortListener(signal, fn);
  return typeof listener;
}
`,
      options: [{ ignore: [{ from: 'package', package: 'node', name: 'addAbortListener' }] }],
    },
    {
      name: 'a user ignore list extends the default one',
      code: `
export declare class SomethingElse {
  close(): void;
}
export function values(xs: number[]) {
  const it = xs.values();
  const timer = setTimeout(() => undefined, 1);
  return [...it].length + Number(timer.hasRef());
}
`,
      options: [{ ignore: ['SomethingElse'] }],
    },
    {
      name: 'ownershipTransfer option (file form)',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
declare function adoptHandle(handle: FileHandle): void;
export async function register(p: string) {
  const fh = await open(p);
  adoptHandle(fh);
}
`,
      options: [{ ownershipTransfer: [{ from: 'file', name: 'adoptHandle' }] }],
    },
    {
      name: 'every option shape is accepted',
      code: `
import type pg from 'pg';
export declare class Lease {
  unlock(): Promise<void>;
}
export declare class Foo {}
export declare function adopt(client: pg.Client): void;
`,
      options: [
        {
          resources: [
            { type: 'Lease', release: ['unlock'] },
            { type: { from: 'file', name: ['Lease'], path: 'file.ts' }, release: ['unlock'], async: true },
            { type: { from: 'package', package: 'pg', name: 'Client' }, release: ['end'] },
            { type: { from: 'lib', name: 'AsyncGenerator' }, release: ['return'] },
          ],
          ignore: ['Foo', { from: 'lib', name: 'ArrayBufferView' }],
          ownershipTransfer: [{ from: 'file', name: 'adopt' }],
        },
      ],
    },
    {
      name: 'user-declared resource (file form) released in finally',
      code: `
declare class Lease {
  unlock(): Promise<void>;
  renew(): Promise<void>;
}
declare function lease(name: string): Promise<Lease>;
export async function work() {
  const l = await lease('job');
  try {
    await l.renew();
  } finally {
    await l.unlock();
  }
}
`,
      options: [{ resources: [{ type: { from: 'file', name: 'Lease' }, release: ['unlock'], async: true }] }],
    },
    {
      name: 'a long-lived resource thrown away on the spot is a deliberate fire-and-forget',
      code: `
import { createServer, type RequestListener } from 'node:http';
import { watch } from 'node:fs';
export function start(handler: RequestListener, port: number, dir: string) {
  createServer(handler).listen(port);
  watch(dir, () => undefined);
}
`,
    },
  ],
  invalid: [
    {
      name: 'returned inside an object after a call that can fail: when stat() throws, nobody has the handle',
      code: `
import { open } from 'node:fs/promises';
export async function openIt(p: string) {
  const fh = await open(p);
  const stat = await fh.stat();
  return { fh, size: stat.size };
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'a type that prints past a line is named by its declaration in the message',
      code: `
declare class Client<M> {
  readonly modules: M;
  quit(): Promise<void>;
}
declare function connectTo(url: string): Client<{
  readonly replication: { readonly status: (section: string) => Promise<string>; readonly promote: (force: boolean) => Promise<void> };
}>;
export function leak(url: string) {
  const client = connectTo(url);
  return client.modules.replication.status('all');
}
`,
      options: [{ resources: [{ type: 'Client', release: ['quit'], async: true }] }],
      errors: [
        {
          messageId: 'neverReleased',
          line: 10,
          data: {
            name: 'client',
            type: 'Client<…>',
            remedy: '`await using stack = new AsyncDisposableStack()` and `stack.adopt(value, (v) => v.quit())`',
          },
        },
      ],
    },
    // ── Messages and suggestions ──────────────────────────────────────────────
    {
      name: 'neverReleased, suggests await using',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  return await fh.readFile('utf8');
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
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return await fh.readFile('utf8');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'neverReleased, through a generic wrapper whose type parameter is constrained to object',
      code: `
import { open } from 'node:fs/promises';
declare function retry<T extends object>(work: () => Promise<T>): Promise<T>;
export async function read(p: string) {
  const fh = await retry(() => open(p));
  await fh.stat();
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
declare function retry<T extends object>(work: () => Promise<T>): Promise<T>;
export async function read(p: string) {
  await using fh = await retry(() => open(p));
  await fh.stat();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'neverReleased, an unawaited returned promise uses it: no suggestion',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  return fh.readFile('utf8');
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'neverReleased, sync disposable suggests using',
      code: `
import * as readline from 'node:readline';
export function prompt() {
  const rl = readline.createInterface({ input: process.stdin });
  rl.setPrompt('> ');
  rl.prompt();
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
import * as readline from 'node:readline';
export function prompt() {
  using rl = readline.createInterface({ input: process.stdin });
  rl.setPrompt('> ');
  rl.prompt();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'neverReleased, async-only disposable in a sync function: no suggestion',
      code: `
import { createServer } from 'node:net';
export function probe() {
  const server = createServer();
  server.listen(0);
  return server.address();
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'notReleasedOnThrow',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  const text = await fh.readFile('utf8');
  await fh.close();
  return text;
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  const text = await fh.readFile('utf8');
  return text;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'notReleasedOnThrow: with stack rewrites on, the suggestion adopts a pg client in an AsyncDisposableStack',
      code: `
import pg from 'pg';
export async function pendingJobs(pool: pg.Pool) {
  const client = await pool.connect();
  const result = await client.query('select count(*) from jobs where done = false');
  client.release();
  return result.rowCount;
}
`,
      options: [{ stack: true }],
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import pg from 'pg';
export async function pendingJobs(pool: pg.Pool) {
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release());
  const result = await client.query('select count(*) from jobs where done = false');
  return result.rowCount;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'notReleasedOnThrow: work after the release keeps its place, so the suggestion wraps the scope in a block',
      code: `
import { open } from 'node:fs/promises';
export async function appendAndLog(p: string, line: string) {
  const fh = await open(p, 'a');
  await fh.appendFile(line);
  await fh.close();
  console.log('appended to', p);
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import { open } from 'node:fs/promises';
export async function appendAndLog(p: string, line: string) {
  {
    await using fh = await open(p, 'a');
    await fh.appendFile(line);
  }
  console.log('appended to', p);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'notReleasedOnThrow: a release of another handle before this one also changes behavior, and the suggestion says so',
      code: `
import { open } from 'node:fs/promises';
export async function copyFirstBlock(from: string, to: string) {
  const target = await open(to, 'w');
  const source = await open(from);
  const { buffer } = await source.read(Buffer.alloc(512), 0, 512, 0);
  await source.close();
  await target.write(buffer);
  await target.close();
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestFixLeakChanges',
              output: `
import { open } from 'node:fs/promises';
export async function copyFirstBlock(from: string, to: string) {
  await using target = await open(to, 'w');
  const source = await open(from);
  const { buffer } = await source.read(Buffer.alloc(512), 0, 512, 0);
  await source.close();
  await target.write(buffer);
}
`,
            },
          ],
        },
        { messageId: 'notReleasedOnThrow', line: 5, suggestions: [] },
      ],
    },
    {
      name: 'notReleasedOnThrow: an early return that releases first loses its release in the suggestion too',
      code: `
import { open } from 'node:fs/promises';
export async function headerOrNothing(p: string) {
  const fh = await open(p);
  const stats = await fh.stat();
  if (stats.size < 4) {
    await fh.close();
    return undefined;
  }
  const { buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
  await fh.close();
  return buffer;
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import { open } from 'node:fs/promises';
export async function headerOrNothing(p: string) {
  await using fh = await open(p);
  const stats = await fh.stat();
  if (stats.size < 4) {
    return undefined;
  }
  const { buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
  return buffer;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'notReleasedOnThrow: read after its release, so no rewrite is suggested',
      code: `
import { open } from 'node:fs/promises';
export async function descriptorAfterClose(p: string) {
  const fh = await open(p);
  await fh.stat();
  await fh.close();
  return fh.fd;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'notReleasedOnThrow: pg PoolClient released after the query',
      code: `
import pg from 'pg';
export async function countUsers(pool: pg.Pool) {
  const client = await pool.connect();
  const result = await client.query('select count(*) from users');
  client.release();
  return result.rows[0];
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'notReleasedOnThrow: redis connect() between acquisition and try',
      code: `
import { createClient } from 'redis';
export async function get(key: string) {
  const client = createClient();
  await client.connect();
  try {
    return await client.get(key);
  } finally {
    await client.close();
  }
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'notReleasedOnEveryPath: early return before the try',
      code: `
import pg from 'pg';
export async function q(pool: pg.Pool, skip: boolean) {
  const client = await pool.connect();
  if (skip) return;
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}
`,
      errors: [{ messageId: 'notReleasedOnEveryPath', line: 4, suggestions: [] }],
    },
    {
      name: 'notReleasedOnEveryPath: conditional release in finally',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string, keep: boolean) {
  const fh = await open(p);
  try {
    return await fh.readFile('utf8');
  } finally {
    if (!keep) await fh.close();
  }
}
`,
      errors: [{ messageId: 'notReleasedOnEveryPath', line: 4, suggestions: [] }],
    },
    {
      name: 'notReleasedOnEveryPath: catch releases but swallows, normal path skips release',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  try {
    return await fh.readFile('utf8');
  } catch {
    await fh.close();
    return '';
  }
}
`,
      errors: [{ messageId: 'notReleasedOnEveryPath', line: 4, suggestions: [] }],
    },
    {
      name: 'discarded: await pool.connect();',
      code: `
import pg from 'pg';
export async function warmUp(pool: pg.Pool) {
  await pool.connect();
}
`,
      errors: [{ messageId: 'discarded', line: 4, suggestions: [] }],
    },
    {
      name: 'discarded: a floating fsp.open(p)',
      code: `
import * as fsp from 'node:fs/promises';
export function touch(p: string) {
  fsp.open(p, 'a');
}
`,
      errors: [{ messageId: 'discarded', line: 4, suggestions: [] }],
    },
    {
      name: 'a better-sqlite3 database closed after a query that can throw',
      code: `
import Database from 'better-sqlite3';
export function countNotes(file: string): number {
  const db = new Database(file, { readonly: true });
  const row = db.prepare('select count(*) as n from note').get() as { n: number };
  db.close();
  return row.n;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'an in-memory better-sqlite3 database never closed',
      code: `
import Database from 'better-sqlite3';
export function schemaOf(sql: string): unknown[] {
  const db = new Database(':memory:');
  db.exec(sql);
  return db.prepare('select name from sqlite_master').all();
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'a mongodb cursor closed after another call that can fail is still a leak on that path',
      code: `
import type { Collection } from 'mongodb';
export async function firstOpen(jobs: Collection<{ state: string }>, audit: () => Promise<void>) {
  const cursor = jobs.find({ state: 'open' });
  const first = await cursor.next();
  await audit();
  await cursor.close();
  return first;
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import type { Collection } from 'mongodb';
export async function firstOpen(jobs: Collection<{ state: string }>, audit: () => Promise<void>) {
  await using cursor = jobs.find({ state: 'open' });
  const first = await cursor.next();
  await audit();
  return first;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'undici: a pool never closed',
      code: `
import { Pool } from 'undici';
export async function status(origin: string): Promise<number> {
  const pool = new Pool(origin);
  const { statusCode, body } = await pool.request({ path: '/health', method: 'GET' });
  await body.dump();
  return statusCode;
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'undici: a pool closed at the end without finally',
      code: `
import { Pool } from 'undici';
export async function status(origin: string): Promise<number> {
  const pool = new Pool(origin);
  const { statusCode, body } = await pool.request({ path: '/health', method: 'GET' });
  await body.dump();
  await pool.close();
  return statusCode;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'undici: a body left unread when the status is wrong holds its connection',
      code: `
import { request } from 'undici';
export async function fetchJson(url: string): Promise<unknown> {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) throw new Error('status ' + String(statusCode));
  return body.json();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'undici: a body dropped without being read',
      code: `
import { request } from 'undici';
export async function ping(url: string): Promise<boolean> {
  const { statusCode, body } = await request(url);
  return statusCode === 204 && body !== undefined;
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'libsql: an in-memory client never closed',
      code: `
import type { Client, Config } from '@libsql/core/api';
declare function createClient(config: Config): Client;
export async function countNotes(): Promise<number> {
  const client = createClient({ url: ':memory:' });
  const result = await client.execute('select count(*) as n from note');
  return Number(result.rows[0]?.['n'] ?? 0);
}
`,
      errors: [{ messageId: 'neverReleased', line: 5, suggestions: [] }],
    },
    {
      name: 'libsql: a transaction committed after a statement that can fail, without a rollback',
      code: `
import type { Client, Config } from '@libsql/core/api';
declare function createClient(config: Config): Client;
export async function rename(client: Client, id: number, title: string): Promise<void> {
  const tx = await client.transaction('write');
  await tx.execute({ sql: 'update note set title = ? where id = ?', args: [title, id] });
  await tx.commit();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 5, suggestions: [] }],
    },
    {
      name: 'discarded: void-ed mysql2 connection',
      code: `
import mysql from 'mysql2/promise';
export function connect() {
  void mysql.createConnection({});
}
`,
      errors: [{ messageId: 'discarded', line: 4, suggestions: [] }],
    },
    {
      name: 'promiseAll over several acquisitions',
      code: `
import { open } from 'node:fs/promises';
export async function both(a: string, b: string) {
  const [x, y] = await Promise.all([open(a), open(b)]);
  try {
    return [await x.readFile(), await y.readFile()];
  } finally {
    await x.close();
    await y.close();
  }
}
`,
      errors: [{ messageId: 'promiseAll', line: 4, suggestions: [] }],
    },
    {
      name: 'promiseAll: one acquisition next to another promise that can reject',
      code: `
import { open, readFile } from 'node:fs/promises';
export async function both(a: string, b: string) {
  const [fh, text] = await Promise.all([open(a), readFile(b, 'utf8')]);
  await using handle = fh;
  return [await handle.stat(), text];
}
`,
      errors: [{ messageId: 'promiseAll', line: 4, suggestions: [] }],
    },

    {
      name: 'discarded: destructuring keeps a property and drops the handle',
      code: `
import { open } from 'node:fs/promises';
export async function fd(p: string) {
  const { fd } = await open(p);
  return fd;
}
`,
      errors: [{ messageId: 'discarded', line: 4, suggestions: [] }],
    },
    {
      name: 'mongodb cursor never closed',
      code: `
import type { Collection } from 'mongodb';
export async function first(c: Collection) {
  const cursor = c.find({});
  return await cursor.next();
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
import type { Collection } from 'mongodb';
export async function first(c: Collection) {
  await using cursor = c.find({});
  return await cursor.next();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'the stack moved out of another one is a new resource',
      code: `
export function take(stack: DisposableStack) {
  const moved = stack.move();
  return moved.disposed;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
export function take(stack: DisposableStack) {
  using moved = stack.move();
  return moved.disposed;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'node:sqlite database never closed',
      code: `
import { DatabaseSync } from 'node:sqlite';
export function migrate() {
  const db = new DatabaseSync(':memory:');
  db.exec('select 1');
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
import { DatabaseSync } from 'node:sqlite';
export function migrate() {
  using db = new DatabaseSync(':memory:');
  db.exec('select 1');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'dgram socket never closed, async-only dispose in a sync function',
      code: `
import * as dgram from 'node:dgram';
export function ping() {
  const socket = dgram.createSocket('udp4');
  socket.send('x', 41234, 'localhost');
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },

    // ── No suggestion where `using` cannot be written ────────────────────────
    {
      name: 'let binding: no suggestion',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  let fh = await open(p);
  return fh.readFile('utf8');
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'reassigned binding: no suggestion',
      code: `
import { open } from 'node:fs/promises';
export async function read(a: string, b: string) {
  let fh = await open(a);
  const first = await fh.readFile('utf8');
  fh = await open(b);
  return first + (await fh.readFile('utf8'));
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'case clause: no suggestion',
      code: `
import { open } from 'node:fs/promises';
export async function read(kind: number, p: string) {
  switch (kind) {
    case 1:
      const fh = await open(p);
      return fh.readFile('utf8');
    default:
      return '';
  }
}
`,
      errors: [{ messageId: 'neverReleased', line: 6, suggestions: [] }],
    },
    {
      name: 'legacy pg Client without a dispose member: no suggestion',
      code: `
import pg from 'pg';
export async function q() {
  const client = new pg.Client();
  await client.connect();
  return client.query('select 1');
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'legacy pg Pool created in an ordinary function',
      code: `
import pg from 'pg';
export async function q() {
  const pool = new pg.Pool();
  return pool.query('select 1');
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'legacy ioredis client',
      code: `
import { Redis } from 'ioredis';
export async function get(key: string) {
  const redis = new Redis();
  return redis.get(key);
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'legacy redis client',
      code: `
import { createClient } from 'redis';
export async function get(key: string) {
  const client = createClient();
  await client.connect();
  return client.get(key);
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'legacy ws WebSocket',
      code: `
import { WebSocket } from 'ws';
export function send(url: string) {
  const ws = new WebSocket(url);
  ws.send('hi');
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'legacy fs.watch watcher',
      code: `
import { watch } from 'node:fs';
export function onChange(dir: string, fn: () => void) {
  const watcher = watch(dir);
  watcher.on('change', fn);
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'write stream never ended',
      code: `
import { createWriteStream } from 'node:fs';
export async function write(p: string) {
  const out = createWriteStream(p);
  out.write('x');
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
import { createWriteStream } from 'node:fs';
export async function write(p: string) {
  await using out = createWriteStream(p);
  out.write('x');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'mysql2 pool connection never released',
      code: `
import mysql from 'mysql2/promise';
export async function q(pool: mysql.Pool) {
  const conn = await pool.getConnection();
  return await conn.query('select 1');
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
export async function q(pool: mysql.Pool) {
  await using conn = await pool.getConnection();
  return await conn.query('select 1');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'mongodb client in an ordinary function',
      code: `
import { MongoClient } from 'mongodb';
export async function count(url: string) {
  const client = new MongoClient(url);
  return await client.db('x').collection('y').countDocuments();
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
import { MongoClient } from 'mongodb';
export async function count(url: string) {
  await using client = new MongoClient(url);
  return await client.db('x').collection('y').countDocuments();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'DisposableStack never disposed',
      code: `
export function setup() {
  const stack = new DisposableStack();
  stack.defer(() => undefined);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
export function setup() {
  using stack = new DisposableStack();
  stack.defer(() => undefined);
}
`,
            },
          ],
        },
      ],
    },

    // ── Borrows are not hand-offs ────────────────────────────────────────────
    {
      name: 'in-program callee that only borrows its parameter',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
async function size(handle: FileHandle) {
  return (await handle.stat()).size;
}
export async function read(p: string) {
  const fh = await open(p);
  return await size(fh);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
async function size(handle: FileHandle) {
  return (await handle.stat()).size;
}
export async function read(p: string) {
  await using fh = await open(p);
  return await size(fh);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a declared callee not listed in ownershipTransfer borrows',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
declare function inspectHandle(handle: FileHandle): void;
export async function register(p: string) {
  const fh = await open(p);
  inspectHandle(fh);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
declare function inspectHandle(handle: FileHandle): void;
export async function register(p: string) {
  await using fh = await open(p);
  inspectHandle(fh);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a constructor whose result is discarded does not keep it',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
class Probe {
  constructor(handle: FileHandle) {
    void handle.fd;
  }
}
export async function probe(p: string) {
  const fh = await open(p);
  new Probe(fh);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 9,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
class Probe {
  constructor(handle: FileHandle) {
    void handle.fd;
  }
}
export async function probe(p: string) {
  await using fh = await open(p);
  new Probe(fh);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a loop that acquires without releasing',
      code: `
import { open } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  for (const p of paths) {
    const fh = await open(p);
    console.log((await fh.stat()).size);
  }
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  for (const p of paths) {
    await using fh = await open(p);
    console.log((await fh.stat()).size);
  }
}
`,
            },
          ],
        },
      ],
    },

    // ── Resource kinds by type ───────────────────────────────────────────────
    {
      name: 'T | undefined from an in-program helper',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
async function maybeOpen(p: string): Promise<FileHandle | undefined> {
  return p ? await open(p) : undefined;
}
export async function read(p: string) {
  const fh = await maybeOpen(p);
  return await fh?.readFile('utf8');
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
async function maybeOpen(p: string): Promise<FileHandle | undefined> {
  return p ? await open(p) : undefined;
}
export async function read(p: string) {
  await using fh = await maybeOpen(p);
  return await fh?.readFile('utf8');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'intersection type',
      code: `
import type { FileHandle } from 'node:fs/promises';
declare function openTagged(p: string): Promise<FileHandle & { tag: string }>;
export async function read(p: string) {
  const fh = await openTagged(p);
  return fh.tag;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import type { FileHandle } from 'node:fs/promises';
declare function openTagged(p: string): Promise<FileHandle & { tag: string }>;
export async function read(p: string) {
  await using fh = await openTagged(p);
  return fh.tag;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'generic factory constrained to AsyncDisposable',
      code: `
export async function withIt<T extends AsyncDisposable>(make: () => Promise<T>) {
  const r = await make();
  return String(r);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
export async function withIt<T extends AsyncDisposable>(make: () => Promise<T>) {
  await using r = await make();
  return String(r);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'union of two disposables',
      code: `
import * as readline from 'node:readline';
declare function openEither(): readline.Interface | Disposable;
export function run() {
  const r = openEither();
  return String(r);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import * as readline from 'node:readline';
declare function openEither(): readline.Interface | Disposable;
export function run() {
  using r = openEither();
  return String(r);
}
`,
            },
          ],
        },
      ],
    },

    // ── Options ───────────────────────────────────────────────────────────────
    {
      name: 'resources option, file form',
      code: `
declare class Lease {
  unlock(): Promise<void>;
  renew(): Promise<void>;
}
declare function lease(name: string): Promise<Lease>;
export async function work() {
  const l = await lease('job');
  await l.renew();
}
`,
      options: [{ resources: [{ type: { from: 'file', name: 'Lease' }, release: ['unlock'], async: true }] }],
      errors: [{ messageId: 'neverReleased', line: 8, suggestions: [] }],
    },
    {
      name: 'resources option, string form, released too late',
      code: `
declare class Lock {
  release(): void;
}
declare function lock(): Lock;
export function work(fn: () => void) {
  const l = lock();
  fn();
  l.release();
}
`,
      options: [{ resources: [{ type: 'Lock', release: ['release'] }] }],
      errors: [{ messageId: 'notReleasedOnThrow', line: 7, suggestions: [] }],
    },
    {
      name: 'resources option, package form',
      code: `
import { Agent } from 'node:http';
export function request() {
  const agent = new Agent({ keepAlive: true });
  return agent.maxSockets;
}
`,
      options: [{ resources: [{ type: { from: 'package', package: 'node', name: 'Agent' }, release: ['destroy'] }] }],
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'resources option, lib form: async generators must be closed',
      code: `
async function* lines() {
  yield 'a';
}
export async function first() {
  const gen = lines();
  const next = await gen.next();
  return next.value;
}
`,
      options: [{ resources: [{ type: { from: 'lib', name: 'AsyncGenerator' }, release: ['return'], async: true }] }],
      errors: [
        {
          messageId: 'neverReleased',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
async function* lines() {
  yield 'a';
}
export async function first() {
  await using gen = lines();
  const next = await gen.next();
  return next.value;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a user resource wins over the default ignore list',
      code: `
import { spawn } from 'node:child_process';
export function run() {
  const child = spawn('sleep', ['10']);
  return child.pid;
}
`,
      options: [{ resources: [{ type: { from: 'package', package: 'node', name: 'ChildProcessWithoutNullStreams' }, release: ['kill'] }] }],
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { spawn } from 'node:child_process';
export function run() {
  using child = spawn('sleep', ['10']);
  return child.pid;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'ownershipTransfer for another name does not cover this callee',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
declare function adoptHandle(handle: FileHandle): void;
declare function inspectHandle(handle: FileHandle): void;
export async function register(p: string) {
  const fh = await open(p);
  inspectHandle(fh);
}
`,
      options: [{ ownershipTransfer: [{ from: 'file', name: 'adoptHandle' }] }],
      errors: [
        {
          messageId: 'neverReleased',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
declare function adoptHandle(handle: FileHandle): void;
declare function inspectHandle(handle: FileHandle): void;
export async function register(p: string) {
  await using fh = await open(p);
  inspectHandle(fh);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'discarded: the Disposable from addAbortListener',
      code: `
import { addAbortListener } from 'node:events';
export function onAbort(signal: AbortSignal, fn: () => void) {
  addAbortListener(signal, fn);
}
`,
      errors: [{ messageId: 'discarded', line: 4, suggestions: [] }],
    },
    {
      name: 'an ignore list for another type keeps reporting this one',
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  return fh.fd;
}
`,
      options: [{ ignore: [{ from: 'package', package: 'pg', name: 'PoolClient' }] }],
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return fh.fd;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'two findings in one file, in source order',
      code: `
import { open } from 'node:fs/promises';
import pg from 'pg';
export async function two(p: string, pool: pg.Pool) {
  await pool.connect();
  let fh = await open(p);
  return fh.fd;
}
`,
      errors: [
        { messageId: 'discarded', line: 5, suggestions: [] },
        { messageId: 'neverReleased', line: 6, suggestions: [] },
      ],
    },
  ],
});

describe('no-leaked-resource options schema', () => {
  const verify = (options: unknown): void => {
    const linter = new Linter({ configType: 'flat' });
    linter.verify('export {};', [
      {
        plugins: { disposable: { rules: { 'no-leaked-resource': rule } } as unknown as ESLint.Plugin },
        rules: { 'disposable/no-leaked-resource': ['error', options] },
      },
    ]);
  };

  it('rejects an unknown property', () => {
    expect(() => verify({ resource: [] })).toThrow(/additional properties/i);
  });

  it('rejects a resource without a release list', () => {
    expect(() => verify({ resources: [{ type: 'Lease' }] })).toThrow(/release/);
  });

  it('rejects an empty release list', () => {
    expect(() => verify({ resources: [{ type: 'Lease', release: [] }] })).toThrow(/fewer than 1/);
  });

  it('rejects a package specifier without its package', () => {
    expect(() => verify({ ignore: [{ from: 'package', name: 'Pool' }] })).toThrow(/should match exactly one schema in oneOf/);
  });

  it('rejects an unknown specifier source', () => {
    expect(() => verify({ ownershipTransfer: [{ from: 'module', name: 'adopt' }] })).toThrow(/should match exactly one schema in oneOf/);
  });

  it('rejects a non-boolean async flag', () => {
    expect(() => verify({ resources: [{ type: 'Lease', release: ['unlock'], async: 'yes' }] })).toThrow(/boolean/);
  });
});
