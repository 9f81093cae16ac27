import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// Ownership as real code writes it: values handed back rather than acquired, resources consumed
// to their end, escapes decided by the binding and not by its name, acquisitions mapped over a list.
ruleTester.run('no-leaked-resource: ownership in real code', rule, {
  valid: [
    {
      name: 'conditional ownership: a client borrowed from the caller or taken from the pool, released in finally only when taken here',
      code: `
import pg from 'pg';
export async function countRows(pool: pg.Pool, table: string, borrowed?: pg.PoolClient) {
  const client = borrowed ?? (await pool.connect());
  try {
    return (await client.query(\`select count(*) from \${table}\`)).rowCount;
  } finally {
    if (!borrowed) client.release();
  }
}
`,
    },
    {
      name: 'conditional ownership: released under a loose nullish test of the caller\'s value, nothing between that can fail',
      code: `
import pg from 'pg';
export async function takeAndGive(pool: pg.Pool, borrowed: pg.PoolClient | null) {
  const client = borrowed || (await pool.connect());
  if (borrowed == null) client.release();
}
`,
    },
    {
      name: 'a static factory whose setup runs on the resource it was given and built the instance over',
      code: `
import type { Socket } from 'node:net';
export class Session {
  readonly #socket: Socket;
  constructor(socket: Socket) {
    this.#socket = socket;
  }
  close(): void {
    this.#socket.destroy();
  }
  static async open(socket: Socket, greeting: string): Promise<Session> {
    const session = new Session(socket);
    socket.write(greeting);
    return session;
  }
}
`,
    },
    {
      name: 'Object.assign returns its first argument: nothing new is acquired',
      code: `
import type { PoolClient } from 'pg';
export function tag(client: PoolClient, label: string) {
  Object.assign(client, { label });
}
`,
    },
    {
      name: 'a fluent cursor method returns the same cursor under another type argument',
      code: `
import type { Collection } from 'mongodb';
export async function names(users: Collection<{ name: string; age: number }>) {
  const cursor = users.find({});
  try {
    cursor.project<{ name: string }>({ name: 1 });
    return await cursor.toArray();
  } finally {
    await cursor.close();
  }
}
`,
    },
    {
      name: 'a cursor read to its end by toArray() is closed by the driver',
      code: `
import type { Collection } from 'mongodb';
export async function everyone(users: Collection<{ name: string }>) {
  const cursor = users.find({});
  return (await cursor.toArray()).map((user) => user.name);
}
`,
    },
    {
      name: 'a closure declaring its own client does not hand on the outer one',
      code: `
import type { Pool } from 'pg';
export async function counts(pool: Pool) {
  const client = await pool.connect();
  try {
    const lazy = async () => {
      const client = await pool.connect();
      return client;
    };
    await client.query('select 1');
    return lazy;
  } finally {
    client.release();
  }
}
`,
    },
    {
      name: 'puppeteer element handles are disposed with their page, closed in finally',
      code: `
import type { Browser } from 'puppeteer-core';
export async function styled(browser: Browser, css: string) {
  const page = await browser.newPage();
  try {
    await page.addStyleTag({ content: css });
    const button = await page.waitForSelector('button');
    await button?.click();
  } finally {
    await page.close();
  }
}
`,
    },
    {
      name: 'Promise.all over element handles of a page: a rejection leaves the others to the page',
      code: `
import type { Page } from 'puppeteer-core';
export async function labels(page: Page, selectors: string[]) {
  const found = await Promise.all(selectors.map((selector) => page.$(selector)));
  const texts: string[] = [];
  for (const element of found) {
    await using held = element;
    texts.push(String(await held?.evaluate((node) => node.textContent)));
  }
  return texts;
}
`,
    },
    {
      name: 'connect() resolves to the client itself, closed by the then callback under its own name',
      code: `
import { MongoClient } from 'mongodb';
export function count(url: string) {
  const client = new MongoClient(url);
  return client.connect().then(async (client) => {
    const total = await client.db('app').collection('users').countDocuments();
    await client.close();
    return total;
  });
}
`,
    },
    {
      name: 'connect() resolves to the client, closed at the end of a then chain inside the callback',
      code: `
import { MongoClient } from 'mongodb';
export function titles(url: string) {
  const client = new MongoClient(url);
  return client.connect().then(function (client) {
    const books = client.db('shop').collection<{ title: string }>('books');
    return books
      .insertOne({ title: 'Dune' })
      .then(() => books.find({}).toArray())
      .then(function (found) {
        return client.close().then(() => found.map((book) => book.title));
      });
  });
}
`,
    },
    {
      name: 'a lookup that falls back to null hands back a child its registry owns',
      code: `
class Tab implements Disposable {
  [Symbol.dispose](): void {}
}
class Tabs {
  readonly #byId = new Map<string, Tab>();
  find(id: string): Tab | null {
    return this.#byId.get(id) || null;
  }
}
export function title(tabs: Tabs, id: string) {
  const tab = tabs.find(id);
  return tab ? 'open' : 'gone';
}
`,
    },
    {
      name: 'a lookup that destructures its slot from a field and hands back the slot\'s client, or a promise of it, returns what the slot keeps',
      code: `
class Link implements AsyncDisposable {
  async [Symbol.asyncDispose](): Promise<void> {}
}
interface Slot {
  primary: { link: Link; ready?: Promise<Link> };
}
class Router {
  readonly slots: Slot[] = [];
  linkFor(index: number): Promise<Link> {
    const { primary } = this.slots[index];
    return primary.ready ?? Promise.resolve(primary.link);
  }
}
export async function ping(router: Router) {
  const link = await router.linkFor(0);
  return link !== undefined;
}
`,
    },
    {
      name: 'an accessor that walks its parents with a local returns one of them',
      code: `
class Frame implements Disposable {
  parent: Frame | undefined;
  [Symbol.dispose](): void {}
  root(): Frame {
    let frame: Frame = this;
    while (frame.parent) frame = frame.parent;
    return frame;
  }
}
export function depthOf(frame: Frame) {
  const top = frame.root();
  return top === frame ? 0 : 1;
}
`,
    },
    {
      name: 'a factory method that files the new child in its own map keeps it',
      code: `
class Channel implements AsyncDisposable {
  async [Symbol.asyncDispose](): Promise<void> {}
}
export class Hub {
  readonly #channels = new Map<string, Channel>();
  constructor(names: string[]) {
    for (const name of names) this.#open(name);
  }
  #open(name: string): Channel {
    const channel = new Channel();
    this.#channels.set(name, channel);
    return channel;
  }
}
`,
    },
    {
      name: 'an object passed to emit() is handed to the listeners',
      code: `
import { EventEmitter } from 'node:events';
class Popup implements AsyncDisposable {
  async [Symbol.asyncDispose](): Promise<void> {}
}
export class Opener extends EventEmitter {
  announce() {
    const popup = new Popup();
    this.emit('popup', popup);
  }
}
`,
    },
    {
      name: 'a task that files itself with the registry it is given is ended by that registry',
      code: `
class Registry {
  readonly tasks = new Set<Task>();
}
class Task implements Disposable {
  readonly done: Promise<void>;
  constructor(owner: { registry: Registry }) {
    owner.registry.tasks.add(this);
    this.done = Promise.resolve();
  }
  [Symbol.dispose](): void {}
}
export async function run(owner: { registry: Registry }) {
  const task = new Task(owner);
  await task.done;
}
`,
    },
    {
      name: 'a promise of the value an argument emits settles to something that already exists',
      code: `
interface Source<T> {
  subscribe(next: (value: T) => void): void;
}
declare function firstValue<T>(source: Source<T>): Promise<T>;
class Context implements Disposable {
  [Symbol.dispose](): void {}
}
export async function current(contexts: Source<Context>) {
  const context = await firstValue(contexts);
  return context === undefined;
}
`,
    },
    {
      name: 'a client returned at once inside an object literal with a closure over it is handed on',
      code: `
import type pg from 'pg';
export async function lease(pool: pg.Pool) {
  const client = await pool.connect();
  return { client, run: (text: string) => client.query(text) };
}
`,
    },
    {
      name: 'a cursor made from the suite client that afterEach closes is the suite hook to end',
      code: `
import { MongoClient, type Collection } from 'mongodb';
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void>): void;
declare function beforeEach(body: () => Promise<void>): void;
declare function afterEach(body: () => Promise<void>): void;
describe('orders', () => {
  let client: MongoClient;
  let orders: Collection<{ total: number }>;
  beforeEach(async () => {
    client = new MongoClient('mongodb://localhost');
    orders = client.db('shop').collection('orders');
  });
  afterEach(async () => {
    await client.close();
  });
  it('reads the first order', async () => {
    const cursor = orders.find({}, { batchSize: 1 });
    const first = await cursor.next();
    if (!first) throw new Error('no order');
  });
});
`,
    },
    {
      name: 'a cursor of a collection the test creates through the suite client is still the suite hook to end',
      code: `
import { MongoClient } from 'mongodb';
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void>): void;
declare function beforeEach(body: () => Promise<void>): void;
declare function afterEach(body: () => Promise<void>): void;
describe('invoices', () => {
  let client: MongoClient;
  beforeEach(async () => {
    client = new MongoClient('mongodb://localhost');
  });
  afterEach(async () => {
    await client.close();
  });
  it('streams every invoice', async () => {
    const db = client.db('billing');
    const invoices = await db.createCollection<{ due: number }>('invoices');
    const cursor = invoices.find();
    for await (const invoice of cursor.stream()) {
      if (invoice.due < 0) throw new Error('negative');
    }
  });
});
`,
    },
    {
      name: 'a command built on a transaction hands the same transaction back under other type arguments',
      code: `
declare class Command<T> {
  execute(): Promise<T>;
}
declare class Tx<S extends string[]> implements AsyncDisposable {
  savepoint<N extends string>(name: N): Command<Tx<[...S, N]>>;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function nested(trx: Tx<[]>) {
  const inner = await trx.savepoint('a').execute();
  return inner !== undefined;
}
`,
    },
    {
      name: 'a client returned through its own connect(), declared Promise<this>, is handed to the caller',
      code: `
declare class Client implements AsyncDisposable {
  constructor(url: string);
  connect(): Promise<this>;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function open(url: string) {
  const client = new Client(url);
  return await client.connect();
}
`,
    },
    {
      name: 'a then whose only callback returns an existing stream settles to nothing new',
      code: `
declare class Pipe implements Disposable {
  destroy(error?: Error): this;
  [Symbol.dispose](): void;
}
export function finish(pipe: Pipe, flush: () => Promise<void>) {
  flush().then(undefined, (error: Error) => pipe.destroy(error));
}
`,
    },
    {
      name: 'a connection filed in the slot it is given, or already there, belongs to the router',
      code: `
class Conn implements AsyncDisposable {
  async [Symbol.asyncDispose](): Promise<void> {}
}
interface Slot {
  conn?: Conn;
  pending?: Promise<Conn>;
}
class Router {
  #open(slot: Slot): Promise<Conn> {
    const conn = (slot.conn = new Conn());
    return (slot.pending = Promise.resolve(conn));
  }
  connection(slot: Slot): Promise<Conn> {
    if (slot.pending) return slot.pending;
    if (slot.conn) return Promise.resolve(slot.conn);
    return this.#open(slot);
  }
}
export async function ping(router: Router, slot: Slot) {
  const conn = await router.connection(slot);
  return conn !== undefined;
}
`,
    },
    {
      name: 'a client that is only built, never connected, holds nothing open',
      code: `
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  readonly options: { url?: string };
  connect(): Promise<this>;
  on(event: string, listener: () => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export function urlOf(url: string) {
  const client = new Client(url);
  client.on('error', () => {});
  return client.options.url;
}
`,
    },
    {
      name: 'a client of the program given a role by a method that only assigns its state, never connected',
      code: `
import { connect, type Socket } from 'node:net';
export class Link {
  #socket: Socket | undefined;
  #role = 'primary';
  async connect(port: number): Promise<this> {
    this.#socket = connect(port);
    return this;
  }
  close(): void {
    this.#socket?.destroy();
  }
  setRole(role: string): void {
    this.#role = role;
  }
  send(line: string): void {
    this.#socket?.write(line);
  }
  get role(): string {
    return this.#role;
  }
}
export function relabel() {
  const link = new Link();
  link.setRole('replica');
  return link.role === 'replica';
}
`,
    },
    {
      name: 'a client whose only connect the test expects to reject holds nothing open',
      code: `
import assert from 'node:assert';
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  table(name: string): { count(): Promise<number> };
  on(event: string, listener: (error: Error) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function refusesBadHost() {
  const client = new Client('db://nowhere');
  client.on('error', () => {});
  await assert.rejects(client.connect());
}
`,
    },
    {
      name: 'a client whose only operation fails into a captured error that the test inspects holds nothing open',
      code: `
import { expect } from 'chai';
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  table(name: string): { count(): Promise<number> };
  on(event: string, listener: (error: Error) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function reportsSelectionError() {
  const client = new Client('db://nowhere');
  const error = await client.table('jobs').count().catch((e) => e);
  expect(error).to.be.instanceOf(Error);
}
`,
    },
    {
      name: 'a connect handed to expect(…).to.be.rejectedWith holds nothing open',
      code: `
import { expect } from 'chai';
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  table(name: string): { count(): Promise<number> };
  on(event: string, listener: (error: Error) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function refuses() {
  const client = new Client('db://nowhere');
  await expect(client.connect()).to.be.rejectedWith(Error);
}
`,
    },
    {
      name: 'a client only looked at by assertions and closed unused after an await holds nothing open',
      code: `
import assert from 'node:assert';
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function closesUnused(flush: () => Promise<void>) {
  const client = new Client('db://nowhere');
  assert.ok(client instanceof Client);
  await flush();
  await client.close();
}
`,
    },
    {
      name: 'a compile-only Kysely over a DummyDriver opens nothing, also when a factory of the program builds it',
      code: `
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
interface Tables {
  note: { id: number; body: string };
}
function compiler(): Kysely<Tables> {
  return new Kysely<Tables>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
export function selectNotes(): string {
  const db = compiler();
  return db.selectFrom('note').selectAll().compile().sql;
}
`,
    },
    {
      name: 'a client released in a catch that rethrows before it is handed to the caller',
      code: `
import type pg from 'pg';
export async function tenantClient(pool: pg.Pool, schema: string): Promise<pg.PoolClient> {
  const client = await pool.connect();
  try {
    await client.query('set search_path to ' + schema);
  } catch (error) {
    client.release();
    throw error;
  }
  return client;
}
`,
    },
    {
      name: 'a connection handed to its owner before anything that can throw',
      code: `
import type pg from 'pg';
class Session {
  constructor(readonly client: pg.PoolClient) {}
}
export async function openSession(pool: pg.Pool, log: (line: string) => void): Promise<Session> {
  const client = await pool.connect();
  const session = new Session(client);
  await client.query('select 1');
  log('session ready');
  return session;
}
`,
    },
    {
      name: 'a socket aliased into another local is not judged by its hand-off',
      code: `
import { connect, type Socket } from 'node:net';
export async function dial(port: number, ready: Promise<void>): Promise<Socket> {
  let socket: Socket;
  const raw = connect(port);
  raw.setNoDelay(true);
  socket = raw;
  await ready;
  return socket;
}
`,
    },
    {
      name: 'a savepoint on the caller\'s transaction, reached through an options object, hands back that same transaction',
      code: `
import type { ControlledTransaction } from 'kysely';
interface Tables {
  job: { id: number };
}
export async function nested(options: { trx: ControlledTransaction<Tables> }, audit: () => Promise<void>) {
  const trx = await options.trx.savepoint('inner').execute();
  await audit();
  return trx;
}
`,
    },
    {
      name: 'an empty stack holds nothing: a throw before it takes its first resource leaks nothing',
      code: `
import { open } from 'node:fs/promises';
export async function openLog(path: string, ready: () => Promise<void>): Promise<AsyncDisposableStack> {
  const stack = new AsyncDisposableStack();
  await ready();
  stack.use(await open(path, 'a'));
  return stack;
}
`,
    },
    {
      name: 'a destructured client from a function of the program that returns one it keeps is not a new one',
      code: `
import type pg from 'pg';
class Router {
  readonly #clients = new Map<number, pg.PoolClient>();
  async pick(slot: number): Promise<{ client: pg.PoolClient; slot: number }> {
    const client = this.#clients.get(slot);
    if (!client) throw new Error('no client for slot ' + String(slot));
    return { client, slot };
  }
  async run(slot: number, sql: string) {
    const { client } = await this.pick(slot);
    return client.query(sql);
  }
}
export { Router };
`,
    },
    {
      name: 'a destructured teardown called in finally releases what setup() made',
      code: `
import pg from 'pg';
async function setup(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  return {
    client,
    teardown: async () => {
      await client.end();
    },
  };
}
export async function probe(url: string) {
  const { client, teardown } = await setup(url);
  try {
    await client.query('select 1');
  } finally {
    await teardown();
  }
}
`,
    },
    {
      name: 'a destructured teardown handed to an after-hook is the hook\'s to call',
      code: `
import pg from 'pg';
async function setup(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  return {
    client,
    teardown: async () => {
      await client.end();
    },
  };
}
declare function after(hook: () => Promise<void>): void;
export async function suite(url: string) {
  const { client, teardown } = await setup(url);
  after(teardown);
  await client.query('select 1');
}
`,
    },
    {
      name: 'a kysely controlled transaction committed on success and rolled back before rethrowing',
      code: `
import type { Kysely } from 'kysely';
export async function rename(db: Kysely<{ person: { id: number; name: string } }>, id: number, name: string) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('person').set({ name }).where('id', '=', id).execute();
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}
`,
    },
    {
      name: 'an abstract accessor whose implementations return a field hands back an existing value',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
abstract class Source {
  abstract handle(): FileHandle;
}
class FileSource extends Source {
  readonly #handle: FileHandle;
  constructor(handle: FileHandle) {
    super();
    this.#handle = handle;
  }
  handle(): FileHandle {
    return this.#handle;
  }
}
export async function size(source: Source) {
  const handle = source.handle();
  return (await handle.stat()).size;
}
export async function make(p: string): Promise<Source> {
  return new FileSource(await open(p));
}
`,
    },
    {
      name: 'an accessor delegating to another accessor hands back an existing value',
      code: `
import type { FileHandle } from 'node:fs/promises';
class Registry {
  readonly #handles = new Map<string, FileHandle>();
  lookup(name: string): FileHandle | undefined {
    return this.#handles.get(name);
  }
  first(): FileHandle | undefined {
    return this.lookup('first');
  }
}
export async function firstSize(registry: Registry) {
  const handle = registry.first();
  return handle ? (await handle.stat()).size : 0;
}
`,
    },
  ],
  invalid: [
    {
      name: 'conditional ownership: taken from the pool when the caller lends none, and released without finally after a query',
      code: `
import pg from 'pg';
export async function renameJob(pool: pg.Pool, id: number, name: string, borrowed?: pg.PoolClient) {
  const client = borrowed ?? (await pool.connect());
  await client.query('update jobs set name = $1 where id = $2', [name, id]);
  if (!borrowed) client.release();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'conditional ownership: with stack rewrites on, the suggestion adopts only the client taken here',
      code: `
import pg from 'pg';
export async function renameJob(pool: pg.Pool, id: number, name: string, borrowed?: pg.PoolClient) {
  const client = borrowed ?? (await pool.connect());
  await client.query('update jobs set name = $1 where id = $2', [name, id]);
  if (!borrowed) client.release();
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
export async function renameJob(pool: pg.Pool, id: number, name: string, borrowed?: pg.PoolClient) {
  using stack = new DisposableStack();
  const client = borrowed ?? stack.adopt(await pool.connect(), (client) => client.release());
  await client.query('update jobs set name = $1 where id = $2', [name, id]);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'conditional ownership: the guard is the wrong way round, so the client taken here is never given back',
      code: `
import pg from 'pg';
export async function renameJob(pool: pg.Pool, id: number, borrowed?: pg.PoolClient) {
  const client = borrowed ?? (await pool.connect());
  try {
    await client.query('update jobs set done = true where id = $1', [id]);
  } finally {
    if (borrowed) client.release();
  }
}
`,
      errors: [{ messageId: 'notReleasedOnEveryPath', line: 4, suggestions: [] }],
    },
    {
      name: 'what a promise executor returns is dropped: a socket it waits on is still the function\'s to end',
      code: `
import { connect } from 'node:net';
export async function probe(port: number): Promise<boolean> {
  const socket = connect(port);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket.remoteAddress !== undefined;
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
import { connect } from 'node:net';
export async function probe(port: number): Promise<boolean> {
  await using socket = connect(port);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket.remoteAddress !== undefined;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a method of the client that makes a call may open it',
      code: `
import { connect, type Socket } from 'node:net';
export class Link {
  #socket: Socket | undefined;
  async connect(port: number): Promise<this> {
    this.#socket = connect(port);
    return this;
  }
  close(): void {
    this.#socket?.destroy();
  }
  send(line: string): void {
    this.#socket?.write(line);
  }
}
export function greet() {
  const link = new Link();
  link.send('hello');
}
`,
      errors: [{ messageId: 'neverReleased', line: 17, suggestions: [] }],
    },
    {
      name: 'the same setup outside a static factory, and a factory that operates on a resource the instance is not built over',
      code: `
import type { Socket } from 'node:net';
export class Session {
  readonly #socket: Socket;
  constructor(socket: Socket) {
    this.#socket = socket;
  }
  close(): void {
    this.#socket.destroy();
  }
  static async mirror(socket: Socket, copy: Socket, greeting: string): Promise<Session> {
    const session = new Session(socket);
    copy.write(greeting);
    return session;
  }
}
export async function openSession(socket: Socket, greeting: string): Promise<Session> {
  const session = new Session(socket);
  socket.write(greeting);
  return session;
}
`,
      errors: [
        { messageId: 'notHandedOffOnThrow', line: 12, suggestions: [] },
        { messageId: 'notHandedOffOnThrow', line: 18, suggestions: [] },
      ],
    },
    {
      name: 'a connect whose error is swallowed may have succeeded: the client is a leak',
      code: `
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  table(name: string): { count(): Promise<number> };
  on(event: string, listener: (error: Error) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function tryConnect() {
  const client = new Client('db://somewhere');
  await client.connect().catch(() => undefined);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 10,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  table(name: string): { count(): Promise<number> };
  on(event: string, listener: (error: Error) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function tryConnect() {
  await using client = new Client('db://somewhere');
  await client.connect().catch(() => undefined);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an operation asserted to succeed connects the client: it is a leak',
      code: `
import assert from 'node:assert';
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  table(name: string): { count(): Promise<number> };
  on(event: string, listener: (error: Error) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function countsJobs() {
  const client = new Client('db://somewhere');
  assert.equal(await client.table('jobs').count(), 0);
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 11,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import assert from 'node:assert';
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  connect(): Promise<this>;
  table(name: string): { count(): Promise<number> };
  on(event: string, listener: (error: Error) => void): this;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function countsJobs() {
  await using client = new Client('db://somewhere');
  assert.equal(await client.table('jobs').count(), 0);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Kysely over a real dialect, never destroyed, is a leak',
      code: `
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
export async function countNotes(database: SqliteDatabase) {
  const db = new Kysely<{ note: { id: number } }>({ dialect: new SqliteDialect({ database }) });
  const rows = await db.selectFrom('note').selectAll().execute();
  return rows.length;
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
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
export async function countNotes(database: SqliteDatabase) {
  await using db = new Kysely<{ note: { id: number } }>({ dialect: new SqliteDialect({ database }) });
  const rows = await db.selectFrom('note').selectAll().execute();
  return rows.length;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a client returned to the caller after a query that can fail is a leak when the query throws',
      code: `
import type pg from 'pg';
export async function tenantClient(pool: pg.Pool, schema: string): Promise<pg.PoolClient> {
  const client = await pool.connect();
  await client.query('set search_path to ' + schema);
  return client;
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'a client returned inside an object literal with a closure over it is a leak when the query before throws',
      code: `
import type pg from 'pg';
export async function lease(pool: pg.Pool, schema: string) {
  const client = await pool.connect();
  await client.query('set search_path to ' + schema);
  return { client, run: (text: string) => client.query(text) };
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'a client stored in a field after an awaited setup call is a leak when the setup throws',
      code: `
import type pg from 'pg';
export class Repository {
  #client: pg.PoolClient | undefined;
  async open(pool: pg.Pool): Promise<void> {
    const client = await pool.connect();
    await client.query("set application_name to 'repository'");
    this.#client = client;
  }
  close(): void {
    this.#client?.release();
  }
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 6, suggestions: [] }],
    },
    {
      name: 'a stack that holds a file is a leak when something throws before it is handed on',
      code: `
import { open } from 'node:fs/promises';
export async function openLog(path: string, ready: () => Promise<void>): Promise<AsyncDisposableStack> {
  const stack = new AsyncDisposableStack();
  stack.use(await open(path, 'a'));
  await ready();
  return stack;
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'a destructured teardown called after a query that can fail does not run when it fails',
      code: `
import pg from 'pg';
async function setup(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  return {
    client,
    teardown: async () => {
      await client.end();
    },
  };
}
export async function probe(url: string) {
  const { client, teardown } = await setup(url);
  await client.query('select 1');
  await teardown();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 14, suggestions: [] }],
    },
    {
      name: 'a socket from net.connect() is connecting already, even when only listeners and a timeout follow',
      code: `
import { connect } from 'node:net';
export function probe(port: number, done: (ok: boolean) => void) {
  const socket = connect(port);
  socket.setTimeout(1000);
  socket.once('connect', () => done(true));
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'a kysely controlled transaction committed after a query that can fail, without a rollback',
      code: `
import type { Kysely } from 'kysely';
export async function rename(db: Kysely<{ person: { id: number; name: string } }>, id: number, name: string) {
  const trx = await db.startTransaction().execute();
  await trx.updateTable('person').set({ name }).where('id', '=', id).execute();
  await trx.commit().execute();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'a client connected and never closed is a leak even when only its options are read after',
      code: `
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  readonly options: { url?: string };
  connect(): Promise<this>;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function urlOf(url: string) {
  const client = new Client(url);
  await client.connect();
  return client.options.url;
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
declare class Client implements AsyncDisposable {
  constructor(url?: string);
  readonly options: { url?: string };
  connect(): Promise<this>;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function urlOf(url: string) {
  await using client = new Client(url);
  await client.connect();
  return client.options.url;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'duplicate() opens a second client of the receiver type, which the caller owns',
      code: `
declare class Client implements AsyncDisposable {
  duplicate(): Client;
  connect(): Promise<this>;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function subscribe(client: Client) {
  const subscriber = await client.duplicate().connect();
  return subscriber === client;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 8,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
declare class Client implements AsyncDisposable {
  duplicate(): Client;
  connect(): Promise<this>;
  [Symbol.asyncDispose](): Promise<void>;
}
export async function subscribe(client: Client) {
  await using subscriber = await client.duplicate().connect();
  return subscriber === client;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a cursor made from a suite client that no after-hook closes is the test to close',
      code: `
import type { MongoClient } from 'mongodb';
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void>): void;
declare const client: MongoClient;
describe('orders', () => {
  it('reads the first order', async () => {
    const cursor = client.db('shop').collection('orders').find({});
    await cursor.next();
  });
});
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 8,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import type { MongoClient } from 'mongodb';
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void>): void;
declare const client: MongoClient;
describe('orders', () => {
  it('reads the first order', async () => {
    await using cursor = client.db('shop').collection('orders').find({});
    await cursor.next();
  });
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a method returning a property of an object it made hands out something new',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
class Job {
  readonly result: Promise<FileHandle>;
  constructor(path: string) {
    this.result = open(path);
  }
}
class Runner {
  async run(path: string): Promise<FileHandle> {
    const job = new Job(path);
    return await job.result;
  }
}
export async function size(runner: Runner, path: string) {
  const handle = await runner.run(path);
  return (await handle.stat()).size;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 16,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
class Job {
  readonly result: Promise<FileHandle>;
  constructor(path: string) {
    this.result = open(path);
  }
}
class Runner {
  async run(path: string): Promise<FileHandle> {
    const job = new Job(path);
    return await job.result;
  }
}
export async function size(runner: Runner, path: string) {
  await using handle = await runner.run(path);
  return (await handle.stat()).size;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a puppeteer element handle of a page that lives on, never disposed',
      code: `
import type { Page } from 'puppeteer-core';
export async function heading(page: Page) {
  const title = await page.$('h1');
  return await title?.evaluate((element) => element.textContent);
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
import type { Page } from 'puppeteer-core';
export async function heading(page: Page) {
  await using title = await page.$('h1');
  return await title?.evaluate((element) => element.textContent);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an abstract factory method whose implementation opens a new handle acquires it',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
abstract class Opener {
  abstract openFile(path: string): Promise<FileHandle>;
}
export class FileOpener extends Opener {
  openFile(path: string): Promise<FileHandle> {
    return open(path);
  }
}
export async function size(opener: Opener, path: string) {
  const handle = await opener.openFile(path);
  return (await handle.stat()).size;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 12,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
abstract class Opener {
  abstract openFile(path: string): Promise<FileHandle>;
}
export class FileOpener extends Opener {
  openFile(path: string): Promise<FileHandle> {
    return open(path);
  }
}
export async function size(opener: Opener, path: string) {
  await using handle = await opener.openFile(path);
  return (await handle.stat()).size;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a puppeteer page of a long-lived browser, never closed',
      code: `
import type { Browser } from 'puppeteer-core';
export async function title(browser: Browser, url: string) {
  const page = await browser.newPage();
  await page.goto(url);
  return await page.title();
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
import type { Browser } from 'puppeteer-core';
export async function title(browser: Browser, url: string) {
  await using page = await browser.newPage();
  await page.goto(url);
  return await page.title();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a closure with its own client returned: the outer client is still never released',
      code: `
import type { Pool } from 'pg';
export async function counts(pool: Pool) {
  const client = await pool.connect();
  await client.query('select 1');
  return () => {
    const client = { release() {} };
    return client;
  };
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'Promise.all over a map of acquisitions',
      code: `
import type { Pool } from 'pg';
export async function connectAll(pool: Pool, ids: number[]) {
  const clients = await Promise.all(ids.map(() => pool.connect()));
  try {
    return clients.length;
  } finally {
    for (const client of clients) client.release();
  }
}
`,
      errors: [{ messageId: 'promiseAll', line: 4, suggestions: [] }],
    },
    {
      name: 'Promise.all over an element handle and a file handle: the file handle is not a child',
      code: `
import type { Page } from 'puppeteer-core';
import { open } from 'node:fs/promises';
export async function capture(page: Page, path: string) {
  const [canvas, file] = await Promise.all([page.$('canvas'), open(path, 'w')]);
  try {
    await file.write(String(await canvas?.evaluate((node) => node.outerHTML)));
  } finally {
    await canvas?.dispose();
    await file.close();
  }
}
`,
      errors: [{ messageId: 'promiseAll', line: 5, suggestions: [] }],
    },
    {
      name: 'a then callback that releases nothing leaves the client open',
      code: `
import { MongoClient } from 'mongodb';
export function count(url: string) {
  const client = new MongoClient(url);
  return client.connect().then((connected) => connected.db('app').collection('users').countDocuments());
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'Promise.all over a map whose callback returns an acquisition in a block',
      code: `
import { open } from 'node:fs/promises';
export async function openAll(paths: string[]) {
  const handles = await Promise.all(
    paths.map((p) => {
      return open(p);
    }),
  );
  return handles;
}
`,
      errors: [{ messageId: 'promiseAll', line: 4, suggestions: [] }],
    },
    {
      name: 'structuredClone is declared to return its argument, but returns a copy the caller owns',
      code: `
import type { FileHandle } from 'node:fs/promises';
export async function inspect(fh: FileHandle) {
  const copy = structuredClone(fh);
  return (await copy.stat()).size;
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
import type { FileHandle } from 'node:fs/promises';
export async function inspect(fh: FileHandle) {
  await using copy = structuredClone(fh);
  return (await copy.stat()).size;
}
`,
            },
          ],
        },
      ],
    },
  ],
});
