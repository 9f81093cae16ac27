import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../rules/prefer-using.js';
import { createRuleTester, fixturesDir } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('prefer-using', rule, {
  valid: [
    {
      name: 'a call in the finally that does not release the resource is no release, even with stack',
      options: [{ stack: true }],
      code: `
import type { Pool } from 'pg';
export async function touch(pool: Pool) {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.removeAllListeners();
  }
  client.release();
}
`,
    },
    {
      // A correct try/finally that cannot be rewritten is not reported unless reportUnconvertible is on.
      code: `
import type pg from 'pg';
export async function discard(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('discard all');
  } finally {
    client.release(true);
  }
}
`,
    },
    {
      code: `
import { connect } from 'node:net';
export function ping(port: number) {
  const socket = connect(port);
  try {
    socket.write('ping');
  } finally {
    socket.end();
  }
}
`,
      options: [{ reportUnconvertible: false }],
    },
    // Already `await using`.
    `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using handle = await open(p);
  return handle.readFile('utf8');
}
`,
    // Not a resource: a plain object with a close() method is not released by `using`.
    `
export function run(log: { close(): void; write(s: string): void }) {
  const writer = log;
  try {
    writer.write('x');
  } finally {
    writer.close();
  }
}
`,
    // Silent skip (no-dispose-member): pg's PoolClient has no dispose member and `stack` is off.
    `
import type pg from 'pg';
export async function count(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rowCount;
  } finally {
    client.release();
  }
}
`,
    // Silent skip (escapes): the handle is stored in a map that outlives the call.
    `
import { open, type FileHandle } from 'node:fs/promises';
export async function track(p: string, handles: Map<string, FileHandle>) {
  const handle = await open(p);
  try {
    handles.set(p, handle);
  } finally {
    await handle.close();
  }
}
`,
    // Silent skip (acquisition-not-found): the handle may have been opened before the try.
    `
import { open, type FileHandle } from 'node:fs/promises';
export async function maybe(p: string, eager: boolean) {
  let handle: FileHandle | undefined;
  if (eager) handle = await open(p);
  try {
    handle ??= await open(p);
    return (await handle.stat()).size;
  } finally {
    await handle?.close();
  }
}
`,
    // No `finally` at all.
    `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const handle = await open(p);
  try {
    return await handle.readFile('utf8');
  } catch {
    return '';
  }
}
`,
    // Silent skip with the stack option too: an escaping resource is still someone else's.
    {
      code: `
import type pg from 'pg';
export async function lend(pool: pg.Pool, clients: pg.PoolClient[]) {
  const client = await pool.connect();
  try {
    clients.push(client);
  } finally {
    client.release();
  }
}
`,
      options: [{ stack: true }],
    },
  ],
  invalid: [
    {
      // A part destructured from a result is no `using` binding: with stack rewrites, the
      // finally's call is deferred on a stack right after the destructuring.
      code: `
import { request } from 'undici';
export async function firstLine(url: string) {
  const { body } = await request(url);
  try {
    return (await body.text()).split('\\n')[0];
  } finally {
    await body.dump();
  }
}
`,
      options: [{ stack: true }],
      output: `
import { request } from 'undici';
export async function firstLine(url: string) {
  await using stack = new AsyncDisposableStack();
  const { body } = await request(url);
  stack.defer(() => body.dump());
  return (await body.text()).split('\\n')[0];
}
`,
      errors: [{ messageId: 'convert', line: 5, data: { names: 'body', keyword: 'await using … = new AsyncDisposableStack()' } }],
    },
    {
      // convert: a body released in finally joins the stack the session is already adopted by.
      code: `
import { Pool } from 'undici';
export async function health(origin: string) {
  await using stack = new AsyncDisposableStack();
  const pool = stack.adopt(new Pool(origin), (session) => session.close());
  const { body } = await pool.request({ path: '/health', method: 'GET' });
  try {
    return await body.text();
  } finally {
    await body.dump();
  }
}
`,
      options: [{ stack: true }],
      output: `
import { Pool } from 'undici';
export async function health(origin: string) {
  await using stack = new AsyncDisposableStack();
  const pool = stack.adopt(new Pool(origin), (session) => session.close());
  const { body } = await pool.request({ path: '/health', method: 'GET' });
  stack.defer(() => body.dump());
  return await body.text();
}
`,
      errors: [{ messageId: 'convert', line: 7, data: { names: 'body', keyword: 'stack.defer(…)' } }],
    },
    {
      // convert: a session's finally around a request's, rewritten together onto one stack.
      code: `
import { Pool } from 'undici';
export async function health(origin: string) {
  const pool = new Pool(origin);
  try {
    const { body } = await pool.request({ path: '/health', method: 'GET' });
    try {
      return await body.text();
    } finally {
      await body.dump();
    }
  } finally {
    await pool.close();
  }
}
`,
      options: [{ stack: true }],
      output: `
import { Pool } from 'undici';
export async function health(origin: string) {
  await using stack = new AsyncDisposableStack();
  const pool = stack.adopt(new Pool(origin), (pool) => pool.close());
  const { body } = await pool.request({ path: '/health', method: 'GET' });
  stack.defer(() => body.dump());
  return await body.text();
}
`,
      errors: [
        { messageId: 'convert', line: 5, data: { names: 'pool', keyword: 'await using … = new AsyncDisposableStack()' } },
        { messageId: 'convert', line: 7, data: { names: 'body', keyword: 'await using … = new AsyncDisposableStack()' } },
      ],
    },
    {
      // convert: the simplest exact rewrite.
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const handle = await open(p);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
`,
      output: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using handle = await open(p);
  return await handle.readFile('utf8');
}
`,
      errors: [{ messageId: 'convert', line: 5, data: { names: 'handle', keyword: 'await using' } }],
    },
    {
      // convert: a sync disposable released without await becomes `using`.
      code: `
import { createInterface } from 'node:readline';
export function ask() {
  const rl = createInterface({ input: process.stdin });
  try {
    rl.setPrompt('> ');
  } finally {
    rl.close();
  }
}
`,
      output: `
import { createInterface } from 'node:readline';
export function ask() {
  using rl = createInterface({ input: process.stdin });
  rl.setPrompt('> ');
}
`,
      errors: [{ messageId: 'convert', line: 5, data: { names: 'rl', keyword: 'using' } }],
    },
    {
      // convert: `let x; try { x = acquire(); … } finally { if (x) await x.close(); }`.
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function size(p: string) {
  let handle: FileHandle | undefined;
  try {
    handle = await open(p);
    return (await handle.stat()).size;
  } finally {
    if (handle) await handle.close();
  }
}
`,
      output: `
import { open, type FileHandle } from 'node:fs/promises';
export async function size(p: string) {
  await using handle = await open(p);
  return (await handle.stat()).size;
}
`,
      errors: [{ messageId: 'convert', line: 5 }],
    },
    {
      // convert: statements after the try need a block, so disposal stays where it was.
      code: `
import { open } from 'node:fs/promises';
export async function append(p: string) {
  const handle = await open(p, 'a');
  try {
    await handle.appendFile('x');
  } finally {
    await handle.close();
  }
  console.log('appended');
}
`,
      output: `
import { open } from 'node:fs/promises';
export async function append(p: string) {
  {
    await using handle = await open(p, 'a');
    await handle.appendFile('x');
  }
  console.log('appended');
}
`,
      errors: [{ messageId: 'convert', line: 5 }],
    },
    {
      // convert: a `catch` is kept around the body.
      code: `
import { open } from 'node:fs/promises';
export async function tryRead(p: string) {
  const handle = await open(p);
  try {
    return await handle.readFile('utf8');
  } catch {
    return '';
  } finally {
    await handle.close();
  }
}
`,
      output: `
import { open } from 'node:fs/promises';
export async function tryRead(p: string) {
  await using handle = await open(p);
  try {
    return await handle.readFile('utf8');
  } catch {
    return '';
  }
}
`,
      errors: [{ messageId: 'convert', line: 5 }],
    },
    {
      // convert: other work before the release stays in the finally.
      code: `
import { open } from 'node:fs/promises';
export async function logged(p: string) {
  const handle = await open(p);
  try {
    return await handle.readFile('utf8');
  } finally {
    console.log('read', p);
    await handle.close();
  }
}
`,
      output: `
import { open } from 'node:fs/promises';
export async function logged(p: string) {
  await using handle = await open(p);
  try {
    return await handle.readFile('utf8');
  } finally {
    console.log('read', p);
  }
}
`,
      errors: [{ messageId: 'convert', line: 5 }],
    },
    {
      // convert: nested try/finally, fixed at once: the outer fix carries the inner one.
      code: `
import { open } from 'node:fs/promises';
export async function copy(from: string, to: string) {
  const source = await open(from);
  try {
    const target = await open(to, 'w');
    try {
      await target.writeFile(await source.readFile());
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
`,
      output: `
import { open } from 'node:fs/promises';
export async function copy(from: string, to: string) {
  await using source = await open(from);
  await using target = await open(to, 'w');
  await target.writeFile(await source.readFile());
}
`,
      errors: [
        { messageId: 'convert', line: 5, data: { names: 'source', keyword: 'await using' } },
        { messageId: 'convert', line: 7, data: { names: 'target', keyword: 'await using' } },
      ],
    },
    {
      // convert: directly in a `case` clause the declaration needs a block.
      code: `
import { open } from 'node:fs/promises';
export async function byKind(kind: string, p: string) {
  switch (kind) {
    case 'file':
      const handle = await open(p);
      try {
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    default:
      return 0;
  }
}
`,
      output: `
import { open } from 'node:fs/promises';
export async function byKind(kind: string, p: string) {
  switch (kind) {
    case 'file':
      {
        await using handle = await open(p);
        return (await handle.stat()).size;
      }
    default:
      return 0;
  }
}
`,
      errors: [{ messageId: 'convert', line: 7 }],
    },
    {
      // convert: mongodb's documented alias (`close()` is its asyncDispose).
      code: `
import { MongoClient } from 'mongodb';
export async function count(url: string) {
  const client = new MongoClient(url);
  try {
    return await client.db('app').collection('users').countDocuments();
  } finally {
    await client.close();
  }
}
`,
      output: `
import { MongoClient } from 'mongodb';
export async function count(url: string) {
  await using client = new MongoClient(url);
  return await client.db('app').collection('users').countDocuments();
}
`,
      errors: [{ messageId: 'convert', line: 5, data: { names: 'client', keyword: 'await using' } }],
    },
    {
      // convertFixesLeak: code between the acquisition and the try can throw.
      code: `
import { open } from 'node:fs/promises';
export async function header(p: string) {
  const handle = await open(p);
  const stats = await handle.stat();
  try {
    return stats.size + (await handle.readFile('utf8')).length;
  } finally {
    await handle.close();
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'convertFixesLeak',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestConvert',
              data: { names: 'handle', keyword: 'await using', changes: 'release-on-early-throw' },
              output: `
import { open } from 'node:fs/promises';
export async function header(p: string) {
  await using handle = await open(p);
  const stats = await handle.stat();
  return stats.size + (await handle.readFile('utf8')).length;
}
`,
            },
          ],
        },
      ],
    },
    {
      // convertChangesBehavior: two releases in one finally.
      code: `
import { open } from 'node:fs/promises';
export async function merge(a: string, b: string) {
  const first = await open(a);
  const second = await open(b);
  try {
    return (await first.readFile('utf8')) + (await second.readFile('utf8'));
  } finally {
    await second.close();
    await first.close();
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'convertChangesBehavior',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestConvert',
              data: { names: "first', 'second", keyword: 'await using', changes: 'later-release-runs, release-on-early-throw' },
              output: `
import { open } from 'node:fs/promises';
export async function merge(a: string, b: string) {
  await using first = await open(a);
  await using second = await open(b);
  return (await first.readFile('utf8')) + (await second.readFile('utf8'));
}
`,
            },
          ],
        },
      ],
    },
    {
      // stack: a legacy release adopted by a DisposableStack.
      code: `
import type pg from 'pg';
export async function count(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rowCount;
  } finally {
    client.release();
  }
}
`,
      options: [{ reportUnconvertible: true, stack: true }],
      output: `
import type pg from 'pg';
export async function count(pool: pg.Pool) {
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release());
  return (await client.query('select 1')).rowCount;
}
`,
      errors: [{ messageId: 'convert', line: 5, data: { names: 'client', keyword: 'using … = new DisposableStack()' } }],
    },
    {
      // stack: the release's arguments are kept in the adopt callback.
      code: `
import type pg from 'pg';
export async function discard(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('discard all');
  } finally {
    client.release(true);
  }
}
`,
      options: [{ stack: true }],
      output: `
import type pg from 'pg';
export async function discard(pool: pg.Pool) {
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release(true));
  await client.query('discard all');
}
`,
      errors: [{ messageId: 'convert', line: 5 }],
    },
    {
      // stack: an awaited release needs an AsyncDisposableStack.
      code: `
import mysql from 'mysql2/promise';
export async function version(uri: string) {
  const connection = await mysql.createConnection(uri);
  try {
    return await connection.query('select version()');
  } finally {
    await connection.end();
  }
}
`,
      options: [{ stack: true }],
      output: `
import mysql from 'mysql2/promise';
export async function version(uri: string) {
  await using stack = new AsyncDisposableStack();
  const connection = stack.adopt(await mysql.createConnection(uri), (connection) => connection.end());
  return await connection.query('select version()');
}
`,
      errors: [{ messageId: 'convert', line: 5, data: { names: 'connection', keyword: 'await using … = new AsyncDisposableStack()' } }],
    },
    {
      // cannotConvert (release-with-arguments) without the stack option.
      code: `
import type pg from 'pg';
export async function discard(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('discard all');
  } finally {
    client.release(true);
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 5, suggestions: [] }],
    },
    {
      // cannotConvert (release-not-dispose): a socket's end() is not its dispose member.
      code: `
import { connect } from 'node:net';
export function ping(port: number) {
  const socket = connect(port);
  try {
    socket.write('PING');
  } finally {
    socket.end();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [
        {
          messageId: 'cannotConvert',
          line: 5,
          data: {
            names: 'socket',
            reason:
              'the release method is not known to do what the dispose member does; enable the `stack` option to keep the exact call',
          },
          suggestions: [],
        },
      ],
    },
    {
      // cannotConvert (conditional-release).
      code: `
import { open } from 'node:fs/promises';
export async function maybeKeep(p: string, keep: boolean) {
  const handle = await open(p);
  try {
    return (await handle.stat()).size;
  } finally {
    if (!keep) await handle.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [
        {
          messageId: 'cannotConvert',
          line: 5,
          data: { names: 'handle', reason: 'the release runs only under a condition, which `using` cannot express' },
          suggestions: [],
        },
      ],
    },
    {
      // cannotConvert (release-order).
      code: `
import { open } from 'node:fs/promises';
export async function merge(a: string, b: string) {
  const first = await open(a);
  const second = await open(b);
  try {
    return (await first.readFile('utf8')) + (await second.readFile('utf8'));
  } finally {
    await first.close();
    await second.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 6, suggestions: [] }],
    },
    {
      // cannotConvert (used-after-try).
      code: `
import { open } from 'node:fs/promises';
export async function descriptor(p: string) {
  const handle = await open(p);
  try {
    await handle.stat();
  } finally {
    await handle.close();
  }
  return handle.fd;
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [
        {
          messageId: 'cannotConvert',
          line: 5,
          data: { names: 'handle', reason: 'the variable is used after the `try`, where it would already be disposed' },
          suggestions: [],
        },
      ],
    },
    {
      // cannotConvert (unawaited-async-release): `await using` would wait for the close.
      code: `
import { open } from 'node:fs/promises';
export async function fireAndForget(p: string) {
  const handle = await open(p);
  try {
    await handle.stat();
  } finally {
    void handle.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 5, suggestions: [] }],
    },
    {
      // cannotConvert (not-async-context): a sync function cannot await the cursor's close.
      code: `
import type { Collection } from 'mongodb';
export function firstBatch(users: Collection) {
  const cursor = users.find({});
  try {
    return cursor.bufferedCount();
  } finally {
    void cursor.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [
        {
          messageId: 'cannotConvert',
          line: 5,
          data: { names: 'cursor', reason: '`await using` is only allowed in an async function' },
          suggestions: [],
        },
      ],
    },
    {
      // cannotConvert (catch-around-acquisition).
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function readOrEmpty(p: string) {
  let handle: FileHandle | undefined;
  try {
    handle = await open(p);
    return await handle.readFile('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 5, suggestions: [] }],
    },
    {
      // cannotConvert (comments-in-removed-code).
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const handle = await open(p);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close(); // always
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 5, suggestions: [] }],
    },
    {
      // cannotConvert (early-release).
      code: `
import { open } from 'node:fs/promises';
export async function sizeOrZero(p: string) {
  const handle = await open(p);
  try {
    const stats = await handle.stat();
    if (stats.size === 0) {
      await handle.close();
      return 0;
    }
    return stats.size;
  } finally {
    await handle.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 5, suggestions: [] }],
    },
    {
      // cannotConvert (used-before-acquisition): the `let` is read before the try assigns it.
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function reopen(p: string) {
  let handle: FileHandle | undefined;
  console.log(handle === undefined);
  try {
    handle = await open(p);
    return (await handle.stat()).size;
  } finally {
    await handle?.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 6, suggestions: [] }],
    },
    {
      // cannotConvert (reassigned).
      code: `
import { open } from 'node:fs/promises';
export async function primaryOrFallback(primary: string, fallback: string) {
  let handle = await open(primary);
  try {
    if ((await handle.stat()).size === 0) handle = await open(fallback);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: null,
      errors: [{ messageId: 'cannotConvert', line: 5, suggestions: [] }],
    },
    {
      // A convertible site and a blocked one in the same file: only the first gets a fix.
      code: `
import { open } from 'node:fs/promises';
export async function both(a: string, keep: boolean) {
  const first = await open(a);
  try {
    await first.stat();
  } finally {
    await first.close();
  }
  const second = await open(a);
  try {
    await second.stat();
  } finally {
    if (keep) await second.close();
  }
}
`,
      options: [{ reportUnconvertible: true }],
      output: `
import { open } from 'node:fs/promises';
export async function both(a: string, keep: boolean) {
  {
    await using first = await open(a);
    await first.stat();
  }
  const second = await open(a);
  try {
    await second.stat();
  } finally {
    if (keep) await second.close();
  }
}
`,
      errors: [
        { messageId: 'convert', line: 5 },
        { messageId: 'cannotConvert', line: 11, suggestions: [] },
      ],
    },
  ],
});

describe('prefer-using options', () => {
  const lint = (options: unknown): Linter.LintMessage[] =>
    new Linter({ configType: 'flat', cwd: fixturesDir }).verify(
      'export const x = 1;\n',
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
          plugins: { disposable: { rules: { 'prefer-using': rule } } },
          rules: { 'disposable/prefer-using': ['error', options] },
        },
      ] as unknown as Linter.Config[],
      { filename: `${fixturesDir}/file.ts` },
    );

  it('accepts { stack: true } and { stack: false } and {}', () => {
    expect(lint({ stack: true })).toEqual([]);
    expect(lint({ stack: false })).toEqual([]);
    expect(lint({})).toEqual([]);
  });

  it('rejects a non-boolean stack', () => {
    expect(() => lint({ stack: 'yes' })).toThrow(/should be boolean/);
  });

  it('rejects unknown properties', () => {
    expect(() => lint({ allowBehaviorChange: true })).toThrow(/additional properties|allowBehaviorChange/i);
  });

  it('rejects a non-object option', () => {
    expect(() => lint(true)).toThrow(/should be object|must be object/i);
  });
});
