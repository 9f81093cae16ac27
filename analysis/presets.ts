import type { TypeOrValueSpecifier } from './specifier.js';

/**
 * A kind of resource and how it is released. Used for the built-in presets and for the
 * resources users declare in rule options and codemod settings.
 */
export interface ResourceDeclaration {
  /** The resource's type. */
  readonly type: TypeOrValueSpecifier;
  /** Methods that release it (called with no argument or with arguments). */
  readonly release: readonly string[];
  /**
   * Zero-argument release calls documented to do exactly what the type's dispose member does:
   * only these may be replaced by `using`/`await using` in an exact rewrite.
   */
  readonly sameAsDispose?: readonly string[];
  /** Whether the release returns a promise (legacy resources without a dispose member). */
  readonly async?: boolean;
  /** Created once in a program's entry function and kept for the process lifetime. */
  readonly longLived?: boolean;
  /**
   * The resource that owns it and releases it when it is released itself, as the library
   * documents: a puppeteer element handle is disposed by its page. A child acquired through a
   * parent that the same function releases is no leak of its own; one acquired through a parent
   * that lives on (a page kept open, a frame of a handle passed in) is. A `finally` that releases
   * it is still rewritten to `using`. A test suite whose after-hook releases the parent ends the
   * children its tests make through the suite's bindings (analysis/test-hooks.ts). mongodb's
   * cursors, change streams and sessions are children of their `MongoClient`, whose `close()`
   * kills them; one made from a client that lives on holds a server cursor until it times out,
   * and is reported.
   */
  readonly parent?: string;
  /**
   * Parts that make an instance open nothing: one built with one of them anywhere in what it is
   * constructed from (kysely's `DummyDriver`, the no-op driver of the compile-only instances
   * kysely documents) holds nothing and is not reported.
   */
  readonly inertWith?: readonly TypeOrValueSpecifier[];
  /**
   * Opens nothing until its first operation, as the library documents (a mysql2 pool connects on
   * its first query, an undici dispatcher on its first request): one that the function never
   * uses holds nothing and is not reported. A type with a `connect()` method is taken to open on
   * it without saying so.
   */
  readonly opensOnFirstUse?: boolean;
  /**
   * Methods that neither open the resource nor throw in practice: mongodb's `client.db(name)` only
   * makes a handle on the spot. A call of one before the release skips no release, and does not
   * count as a use that connects a client (opensOnFirstUse).
   */
  readonly inertMethods?: readonly string[];
  /**
   * Methods that release the resource themselves when they fail: the mongodb driver cleans a
   * cursor up (kills it on the server) when fetching a batch fails, so a `cursor.next()` that
   * throws before the `close()` leaves nothing open.
   */
  readonly releasedOnFailure?: readonly string[];
}

const node = (name: string | string[]): TypeOrValueSpecifier => ({ from: 'package', package: 'node', name });

/**
 * Checked against the installed type definitions (@types/node 24, @types/pg 8, @types/better-sqlite3 9, mysql2 3.24,
 * mongodb 7, ioredis 6, redis 5, @types/ws 8, kysely 0.29, puppeteer-core 25, undici 7.30, @libsql/core 0.18, chokidar 6,
 * @types/amqplib 0.10, kafkajs 2.2, nats 2.29, @types/selenium-webdriver 4.35, knex 3.3, bullmq 6.7,
 * playwright-core 1.65, @types/ssh2 1.15, @types/mssql 12.3, @smithy/core 3 (@aws-sdk/client-sqs), sqlite3 6.0 (installed
 * types-only by tests/npm-types.ts); tests/project/presets.test.ts
 * fails when one of these names is no longer declared). Entries with a dispose member in their types only
 * say which manual release calls are equivalent to it; entries without one make a legacy API a
 * resource.
 */
export const RESOURCE_PRESETS: readonly ResourceDeclaration[] = [
  { type: node('FileHandle'), release: ['close'], sameAsDispose: ['close'], async: true },
  { type: node('Dir'), release: ['close', 'closeSync'], sameAsDispose: ['close'], async: true },
  { type: node('Interface'), release: ['close'], sameAsDispose: ['close'] },
  { type: node('Server'), release: ['close'], longLived: true },
  { type: node(['Http2Server', 'Http2SecureServer']), release: ['close'], longLived: true },
  { type: node('FSWatcher'), release: ['close'], longLived: true },
  // net.Socket and tls.TLSSocket end or are destroyed; dgram's Socket closes.
  { type: node(['Socket', 'TLSSocket']), release: ['close', 'destroy', 'end'] },
  // A readable has no `end()`: on a ReadStream that name would be a false release.
  { type: node('ReadStream'), release: ['close', 'destroy'] },
  { type: node('WriteStream'), release: ['close', 'destroy', 'end'] },
  { type: node('DatabaseSync'), release: ['close'] },
  // A channel's two ports go together: closing either one closes both (node's docs). A port that
  // listens keeps the process alive until then; handing a port on (`postMessage(…, [port2])`)
  // hands the channel on.
  { type: node('MessageChannel'), release: ['port1.close', 'port2.close'] },
  // undici 7: a dispatcher (a pool of connections, a client, an agent) is the HTTP session; it has no
  // dispose member. An application's one pool lives on.
  {
    type: {
      from: 'package',
      package: 'undici',
      name: ['Pool', 'Client', 'Agent', 'BalancedPool', 'RoundRobinPool', 'ProxyAgent', 'EnvHttpProxyAgent', 'RetryAgent'],
    },
    release: ['close', 'destroy'],
    async: true,
    longLived: true,
    opensOnFirstUse: true,
  },
  // A response body holds its connection until it is read to the end or dumped (undici's docs):
  // consuming it (`text()`, `json()`…, piping it, `for await`) releases it, and so do `dump()` and `destroy()`.
  {
    type: { from: 'package', package: 'undici', name: 'BodyReadable' },
    release: ['dump', 'destroy', 'text', 'json', 'arrayBuffer', 'blob', 'bytes', 'formData'],
    async: true,
  },
  // libsql (`@libsql/client`'s `createClient()`, typed in `@libsql/core`): a client opens its
  // database (a local file, `:memory:`) or its connection at once; an interactive transaction holds
  // it until it is committed, rolled back or closed, as libsql's docs say it must be.
  { type: { from: 'package', package: '@libsql/core', name: 'Client' }, release: ['close'], longLived: true },
  { type: { from: 'package', package: '@libsql/core', name: 'Transaction' }, release: ['close', 'commit', 'rollback'] },
  // better-sqlite3 opens its file in the constructor; an application's one database lives on.
  { type: { from: 'package', package: 'better-sqlite3', name: 'Database' }, release: ['close'], longLived: true },
  { type: { from: 'package', package: 'pg', name: 'PoolClient' }, release: ['release'] },
  { type: { from: 'package', package: 'pg', name: 'Client' }, release: ['end'], async: true },
  // pg's pool starts empty and connects its clients lazily, as queries need them (pg's docs).
  { type: { from: 'package', package: 'pg', name: 'Pool' }, release: ['end'], async: true, longLived: true, opensOnFirstUse: true },
  {
    type: { from: 'package', package: 'mysql2', name: ['Connection', 'PoolConnection'] },
    release: ['end', 'release', 'destroy'],
  },
  { type: { from: 'package', package: 'mysql2', name: ['Pool', 'PoolCluster'] }, release: ['end'], longLived: true, opensOnFirstUse: true },
  {
    type: { from: 'package', package: 'ioredis', name: ['Redis', 'Cluster'] },
    release: ['quit', 'disconnect'],
    async: true,
    longLived: true,
  },
  {
    type: { from: 'package', package: '@redis/client', name: ['RedisClientType', 'RedisClient'] },
    release: ['quit', 'close', 'disconnect', 'destroy'],
    async: true,
    longLived: true,
  },
  {
    type: { from: 'package', package: '@redis/client', name: ['RedisClientPoolType', 'RedisClientPool'] },
    release: ['close', 'destroy'],
    async: true,
    longLived: true,
  },
  { type: { from: 'package', package: 'ws', name: 'WebSocket' }, release: ['close', 'terminate'] },
  { type: { from: 'package', package: 'ws', name: ['Server', 'WebSocketServer'] }, release: ['close'], longLived: true },
  {
    type: { from: 'package', package: 'mongodb', name: 'MongoClient' },
    release: ['close'],
    sameAsDispose: ['close'],
    async: true,
    longLived: true,
    inertMethods: ['db'],
  },
  {
    type: { from: 'package', package: 'mongodb', name: 'ClientSession' },
    release: ['endSession'],
    sameAsDispose: ['endSession'],
    async: true,
    parent: 'MongoClient',
  },
  {
    type: {
      from: 'package',
      package: 'mongodb',
      name: [
        'AbstractCursor',
        'FindCursor',
        'AggregationCursor',
        'ListCollectionsCursor',
        'ListIndexesCursor',
        'ListSearchIndexesCursor',
        'RunCommandCursor',
      ],
    },
    release: ['close'],
    sameAsDispose: ['close'],
    async: true,
    parent: 'MongoClient',
    opensOnFirstUse: true,
    releasedOnFailure: ['next', 'tryNext', 'hasNext', 'toArray', 'forEach'],
  },
  // A change stream resumes after some errors instead of closing: no call of it releases it by failing.
  {
    type: { from: 'package', package: 'mongodb', name: 'ChangeStream' },
    release: ['close'],
    sameAsDispose: ['close'],
    async: true,
    parent: 'MongoClient',
  },
  // kysely 0.29: a controlled transaction holds a pooled connection until `commit()` or `rollback()`
  // is executed (`await trx.commit().execute()`); its inherited `[Symbol.asyncDispose]` (Kysely's
  // `destroy()`) is not that, so no release is the same as disposing.
  // A Kysely's `[Symbol.asyncDispose]` is its `destroy()`; over a `DummyDriver` it only compiles
  // queries, and it initializes its driver (opens its pool) on its first query.
  {
    type: { from: 'package', package: 'kysely', name: 'Kysely' },
    release: ['destroy'],
    sameAsDispose: ['destroy'],
    async: true,
    opensOnFirstUse: true,
    inertWith: [{ from: 'package', package: 'kysely', name: 'DummyDriver' }],
  },
  {
    type: { from: 'package', package: 'kysely', name: 'ControlledTransaction' },
    release: ['commit', 'rollback'],
    async: true,
  },
  // chokidar 6: a watcher watches until it is closed; an application's watchers live on.
  { type: { from: 'package', package: 'chokidar', name: 'FSWatcher' }, release: ['close'], async: true, longLived: true },
  // amqplib (typed by @types/amqplib 0.10): `connect()` resolves to the connection, a
  // `ChannelModel`; the channels it creates close with it.
  { type: { from: 'package', package: 'amqplib', name: 'ChannelModel' }, release: ['close'], async: true, longLived: true },
  { type: { from: 'package', package: 'amqplib', name: ['Channel', 'ConfirmChannel'] }, release: ['close'], async: true, parent: 'ChannelModel' },
  // kafkajs 2: a producer, consumer or admin client connects on `connect()` and ends with
  // `disconnect()`; a service's producers and consumers live on, an admin client does a task.
  { type: { from: 'package', package: 'kafkajs', name: ['Producer', 'Consumer'] }, release: ['disconnect'], async: true, longLived: true },
  { type: { from: 'package', package: 'kafkajs', name: 'Admin' }, release: ['disconnect'], async: true },
  // nats 2: a connection ends with `close()`, or with `drain()`, which closes it once its
  // subscriptions are drained.
  { type: { from: 'package', package: 'nats', name: 'NatsConnection' }, release: ['close', 'drain'], async: true, longLived: true },
  // selenium-webdriver 4 (typed by @types/selenium-webdriver): a driver holds a browser session
  // until `quit()`.
  { type: { from: 'package', package: 'selenium-webdriver', name: 'WebDriver' }, release: ['quit'], async: true },
  // knex 3: an instance holds its connection pool until `destroy()`; an application's one lives on.
  { type: { from: 'package', package: 'knex', name: 'Knex' }, release: ['destroy'], async: true, longLived: true },
  // sqlite3 6 (its own types, installed types-only by the tests: its install builds a native
  // addon): a database opens its file in the constructor and holds it until `close()`; an
  // application's one lives on. (A statement's `finalize()` is optional, its docs say: garbage
  // collection finalizes it.)
  { type: { from: 'package', package: 'sqlite3', name: 'Database' }, release: ['close'], longLived: true },
  // ssh2 1.x (typed by @types/ssh2 1.15): a client connects on `connect()` and holds its TCP
  // connection until `end()` (or `destroy()`).
  { type: { from: 'package', package: 'ssh2', name: 'Client' }, release: ['end', 'destroy'] },
  // mssql 12 (typed by @types/mssql 12): a pool connects on `connect()` and holds its connections
  // until `close()`; an application's one lives on. A transaction (after `begin()`) and a prepared
  // statement (after `prepare()`) each hold one of the pool's connections until they end; a
  // `begin()` or `prepare()` that fails gives its connection back to the pool itself.
  { type: { from: 'package', package: 'mssql', name: 'ConnectionPool' }, release: ['close'], async: true, longLived: true },
  {
    type: { from: 'package', package: 'mssql', name: 'Transaction' },
    release: ['commit', 'rollback'],
    async: true,
    opensOnFirstUse: true,
    releasedOnFailure: ['begin'],
  },
  {
    type: { from: 'package', package: 'mssql', name: 'PreparedStatement' },
    release: ['unprepare'],
    async: true,
    opensOnFirstUse: true,
    releasedOnFailure: ['prepare'],
  },
  // AWS SDK v3: every service client (`S3Client`, `SQSClient`…) extends smithy's `Client`, whose
  // `destroy()` ends the sockets of its HTTP handler. Made once and shared, as AWS recommends: a
  // client opens its first connection on its first `send()`.
  { type: { from: 'package', package: '@smithy/core', name: 'Client' }, release: ['destroy'], longLived: true, opensOnFirstUse: true },
  // bullmq 6: a queue, a worker or a queue-events listener holds its Redis connections until
  // `close()`; a service's live on.
  { type: { from: 'package', package: 'bullmq', name: ['Queue', 'Worker', 'QueueEvents'] }, release: ['close'], async: true, longLived: true },
  // Playwright 1.65 ships dispose members that call `close()` (`dispose()` for handles and API
  // contexts): a context closes its pages, a browser its contexts, a page its handles.
  { type: { from: 'package', package: 'playwright-core', name: 'Browser' }, release: ['close'], sameAsDispose: ['close'], async: true },
  { type: { from: 'package', package: 'playwright-core', name: 'BrowserContext' }, release: ['close'], sameAsDispose: ['close'], async: true, parent: 'Browser' },
  { type: { from: 'package', package: 'playwright-core', name: 'Page' }, release: ['close'], sameAsDispose: ['close'], async: true, parent: 'BrowserContext' },
  {
    type: { from: 'package', package: 'playwright-core', name: ['JSHandle', 'ElementHandle'] },
    release: ['dispose'],
    sameAsDispose: ['dispose'],
    async: true,
    parent: 'Page',
  },
  { type: { from: 'package', package: 'playwright-core', name: ['APIRequestContext', 'APIResponse'] }, release: ['dispose'], sameAsDispose: ['dispose'], async: true },
  // Puppeteer disposes a page's handles when the page closes or navigates.
  {
    type: { from: 'package', package: 'puppeteer-core', name: ['ElementHandle', 'JSHandle'] },
    release: ['dispose'],
    sameAsDispose: ['dispose'],
    async: true,
    parent: 'Page',
  },
  { type: { from: 'lib', name: 'DisposableStack' }, release: ['dispose'], sameAsDispose: ['dispose'] },
  { type: { from: 'lib', name: 'AsyncDisposableStack' }, release: ['disposeAsync'], sameAsDispose: ['disposeAsync'], async: true },
];

/**
 * `no-leaked-resource`'s `checkFetchResponses`: a `fetch()` `Response` holds its connection until
 * its body is read to the end (`await response.json()`, `.text()`…, `for await` over
 * `response.body`) or cancelled (`await response.body?.cancel()`); undici documents that an
 * unread body is otherwise released only by garbage collection. The global `Response` (node's
 * types, the DOM's) and undici's own. Off in `recommended`: most code reads every body it asks for,
 * and a response whose body is known to be empty (a `204`, a `HEAD`) would be reported.
 */
export const FETCH_RESPONSES: readonly ResourceDeclaration[] = [
  {
    type: { from: 'lib', name: 'Response' },
    release: ['text', 'json', 'arrayBuffer', 'blob', 'bytes', 'formData', 'body.cancel'],
    async: true,
  },
  {
    type: node('Response'),
    release: ['text', 'json', 'arrayBuffer', 'blob', 'bytes', 'formData', 'body.cancel'],
    async: true,
  },
  {
    type: { from: 'package', package: 'undici', name: 'Response' },
    release: ['text', 'json', 'arrayBuffer', 'blob', 'bytes', 'formData', 'body.cancel'],
    async: true,
  },
];

/**
 * Disposable by type, but not a leak worth a squiggle (see docs/rules/no-leaked-resource.md).
 * Users extend this list with the `ignore` option; it is never replaced.
 */
export const DEFAULT_IGNORE: readonly TypeOrValueSpecifier[] = [
  {
    from: 'lib',
    name: [
      'IteratorObject',
      'AsyncIteratorObject',
      'Generator',
      'AsyncGenerator',
      'ArrayIterator',
      'MapIterator',
      'SetIterator',
      'StringIterator',
      'RegExpStringIterator',
      'IterableIterator',
      'AsyncIterableIterator',
    ],
  },
  // node's own iterator types (`events.on(emitter, 'x')`): listeners that go with their emitter.
  node(['AsyncIterator', 'Iterator']),
  // Timers are meant to outlive the scope that starts them.
  node(['Timeout', 'Immediate']),
  // Processes and threads run to completion by themselves; their dispose member kills them.
  node(['ChildProcess', 'ChildProcessWithoutNullStreams', 'ChildProcessByStdio', 'Worker']),
  // An outgoing request ends itself with its response; in-memory streams hold no OS resource.
  node(['ClientRequest', 'Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough']),
  // crypto's streams are mostly used as plain objects (`createHash(a).update(x).digest()`).
  node([
    'Hash',
    'Hmac',
    'Cipheriv',
    'Decipheriv',
    'CipherGCM',
    'CipherCCM',
    'CipherOCB',
    'CipherChaCha20Poly1305',
    'DecipherGCM',
    'DecipherCCM',
    'DecipherOCB',
    'DecipherChaCha20Poly1305',
    'Sign',
    'Verify',
  ]),
  { from: 'package', package: '@vitest/spy', name: ['MockInstance', 'Mock'] },
  { from: 'package', package: 'jest-mock', name: ['MockInstance', 'Mock', 'Spied', 'SpiedFunction'] },
  node(['MockTimers', 'MockTracker', 'MockFunctionContext']),
  // kysely's `Transaction` (the `trx` of `db.transaction().execute(callback)`) inherits Kysely's
  // dispose member, but its `destroy()` throws: the transaction ends with the callback. (A
  // `ControlledTransaction`, released by commit or rollback, has a preset of its own.)
  { from: 'package', package: 'kysely', name: 'Transaction' },
  // mssql's `connect(config)` hands out the module's one global pool, shared by every caller.
  { from: 'package', package: 'mssql', name: 'connect' },
];

/**
 * Test doubles made on an object's method (`vi.spyOn(client, 'query')`, jest's `spyOn`, sinon's
 * `spy(client, 'quit')` / `stub(…)`): they replace the method and call nothing, so the object is
 * only looked at (analysis/inspections.ts). Checked against the installed types like the presets.
 */
export const TEST_DOUBLE_FUNCTIONS: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'vitest', name: 'spyOn' },
  { from: 'package', package: 'jest-mock', name: 'spyOn' },
  { from: 'package', package: 'sinon', name: ['spy', 'stub'] },
];
