import rule from '../../rules/no-use-after-dispose.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-use-after-dispose', rule, {
  valid: [
    // `return await` keeps the handle alive until the read settles.
    `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return await fh.readFile('utf8');
}
`,
    // Callbacks run and awaited inside the scope.
    `
import { open } from 'node:fs/promises';
export async function sizes(p: string, offsets: number[]) {
  await using fh = await open(p);
  return await Promise.all(offsets.map((offset) => fh.read({ position: offset, length: 1 })));
}
`,
    // A callback an ordinary function calls synchronously.
    `
import { open } from 'node:fs/promises';
export async function writeAll(p: string, lines: string[]) {
  await using fh = await open(p, 'w');
  const writes: Promise<unknown>[] = [];
  lines.forEach((line) => writes.push(fh.write(line)));
  await Promise.all(writes);
}
`,
    // A \`.then\` callback whose promise is awaited inside the scope.
    `
import { open } from 'node:fs/promises';
export async function readIfSmall(p: string) {
  await using fh = await open(p);
  return await fh.stat().then((stats) => (stats.size < 1024 ? fh.readFile('utf8') : ''));
}
`,
    // Passing the value to a function is a borrow.
    `
import { open, type FileHandle } from 'node:fs/promises';
declare function parse(handle: FileHandle): Promise<string>;
export async function load(p: string) {
  await using fh = await open(p);
  const parsed = await parse(fh);
  return parsed;
}
`,
    // Returning what was read, not the resource.
    `
import { open } from 'node:fs/promises';
export async function length(p: string) {
  await using fh = await open(p);
  return (await fh.readFile()).length;
}
`,
    // A listener on the resource itself stops with it.
    `
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
export async function count(p: string) {
  await using stream = createReadStream(p);
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    if (bytes > 1e6) stream.destroy();
  });
  await finished(stream);
  return bytes;
}
`,
    // A timer inside an awaited promise executor runs while the scope waits.
    `
import { open } from 'node:fs/promises';
export async function delayedSync(p: string) {
  await using fh = await open(p, 'w');
  await new Promise<void>((resolve) => setTimeout(() => void fh.sync().then(resolve), 10));
}
`,
    // A late callback that only releases the resource (a double release is harmless).
    `
import { createServer } from 'node:http';
export async function serve(signal: AbortSignal) {
  await using server = createServer();
  signal.addEventListener('abort', () => server.close());
  await new Promise((resolve) => server.listen(0, () => resolve(undefined)));
}
`,
    // A returned promise that does not use the value.
    `
import { open } from 'node:fs/promises';
declare function notify(name: string): Promise<void>;
export async function touch(p: string) {
  await using fh = await open(p, 'a');
  await fh.write('');
  return notify(p);
}
`,
    // A promise built from a value read synchronously does not need the resource.
    `
import { opendirSync } from 'node:fs';
export function firstName(p: string): Promise<string | undefined> {
  using dir = opendirSync(p);
  return Promise.resolve(dir.readSync()?.name);
}
`,
    // An async generator awaits what it returns before leaving the block.
    `
import { open } from 'node:fs/promises';
export async function* lines(p: string) {
  await using fh = await open(p);
  yield 'start';
  return fh.readFile('utf8');
}
`,
    // Only property reads and event registration after a release.
    `
import { createWriteStream } from 'node:fs';
export function finish(p: string, done: () => void) {
  const out = createWriteStream(p);
  out.end('bye');
  out.on('close', done);
  return out.writableFinished;
}
`,
    // A release inside a branch does not reach the code after the branch.
    `
import { open } from 'node:fs/promises';
export async function read(p: string, skip: boolean) {
  const fh = await open(p);
  if (skip) {
    await fh.close();
    return '';
  }
  try {
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}
`,
    // Reassigned after the release: later uses are on a new resource.
    `
import pg from 'pg';
export async function twice(pool: pg.Pool) {
  let client = await pool.connect();
  await client.query('select 1');
  client.release();
  client = await pool.connect();
  try {
    await client.query('select 2');
  } finally {
    client.release();
  }
}
`,
    // A test that checks that the release worked.
    `
import { open } from 'node:fs/promises';
declare function expect(value: unknown): { rejects: { toThrow(): Promise<void> } };
export async function closes(p: string) {
  const fh = await open(p);
  await fh.close();
  await expect(fh.stat()).rejects.toThrow();
}
`,
    // An awaited promise that registers a listener on the resource.
    `
import { createReadStream } from 'node:fs';
export async function drain(p: string) {
  await using stream = createReadStream(p);
  stream.resume();
  await new Promise((resolve) => stream.once('end', resolve));
}
`,
    // A local alias inside the block and a listener on an emitter made in the block.
    `
import { open } from 'node:fs/promises';
import { once } from 'node:events';
export async function copy(p: string) {
  await using fh = await open(p);
  const source = fh.createReadStream({ autoClose: false });
  source.on('data', (chunk) => void fh.stat().then(() => chunk));
  await once(source, 'end');
}
`,
  ],
  invalid: [
    {
      // Returning a \`using\` value hands out a disposed resource.
      code: `
import { open } from 'node:fs/promises';
export async function openLog(p: string) {
  await using fh = await open(p, 'a');
  await fh.write('opened\\n');
  return fh;
}
`,
      errors: [{ messageId: 'returned', line: 6, suggestions: [] }],
    },
    {
      // Inside a returned object.
      code: `
import { opendirSync } from 'node:fs';
export function listing(p: string) {
  using dir = opendirSync(p);
  return { path: p, dir };
}
`,
      errors: [{ messageId: 'returned', line: 5, suggestions: [] }],
    },
    {
      // Yielded from a generator.
      code: `
import { opendirSync } from 'node:fs';
export function* dirs(paths: string[]) {
  for (const p of paths) {
    using dir = opendirSync(p);
    yield dir;
  }
}
`,
      errors: [{ messageId: 'yielded', line: 6, suggestions: [] }],
    },
    {
      // Exported from a module that disposes it when it finishes loading.
      code: `
import { opendirSync } from 'node:fs';
await using dir = opendirSync('.');
export { dir };
`,
      errors: [{ messageId: 'exported', line: 4, suggestions: [] }],
    },
    {
      // An exported function captures a module-level \`using\` value.
      code: `
import { open } from 'node:fs/promises';
await using log = await open('app.log', 'a');
export const write = (line: string) => log.write(line);
`,
      errors: [{ messageId: 'lateCallback', line: 4, suggestions: [] }],
    },
    {
      // Stored in a field.
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export class Log {
  handle?: FileHandle;
  async start(p: string) {
    await using fh = await open(p, 'a');
    this.handle = fh;
  }
}
`,
      errors: [{ messageId: 'storedOutside', line: 7, suggestions: [] }],
    },
    {
      // Stored in an outer variable.
      code: `
import { opendirSync, type Dir } from 'node:fs';
export function keep(p: string) {
  let kept: Dir | undefined;
  {
    using dir = opendirSync(p);
    kept = dir;
  }
  return kept;
}
`,
      errors: [{ messageId: 'storedOutside', line: 7, suggestions: [] }],
    },
    {
      // A timer callback runs after the function returned.
      code: `
import { open } from 'node:fs/promises';
export async function later(p: string) {
  await using fh = await open(p, 'a');
  setTimeout(() => {
    void fh.write('tick');
  }, 1000);
}
`,
      errors: [{ messageId: 'lateCallback', line: 5, suggestions: [] }],
    },
    {
      // A \`.then\` callback nothing waits for.
      code: `
import { open } from 'node:fs/promises';
export async function fireAndForget(p: string) {
  await using fh = await open(p);
  fh.stat().then(() => fh.readFile('utf8'));
}
`,
      errors: [{ messageId: 'lateCallback', line: 5, suggestions: [] }],
    },
    {
      // An event listener on an emitter that outlives the scope.
      code: `
import { open } from 'node:fs/promises';
export async function onMessage(p: string) {
  await using fh = await open(p, 'a');
  process.on('message', (message) => {
    void fh.write(String(message));
  });
}
`,
      errors: [{ messageId: 'lateCallback', line: 5, suggestions: [] }],
    },
    {
      // A returned closure.
      code: `
import { opendirSync } from 'node:fs';
export function reader(p: string) {
  using dir = opendirSync(p);
  return () => dir.readSync();
}
`,
      errors: [{ messageId: 'lateCallback', line: 5, suggestions: [] }],
    },
    {
      // A closure stored in an outer list.
      code: `
import { opendirSync } from 'node:fs';
export function register(p: string, readers: (() => unknown)[]) {
  using dir = opendirSync(p);
  readers.push(() => dir.readSync());
}
`,
      errors: [{ messageId: 'lateCallback', line: 5, suggestions: [] }],
    },
    {
      // \`return promise\` disposes before the promise settles.
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return fh.readFile('utf8');
}
`,
      errors: [
        {
          messageId: 'returnedPromise',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestReturnAwait',
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
      name: 'a returned promise chained through calls on the disposed client',
      code: `
import { MongoClient } from 'mongodb';
export async function countUsers(url: string) {
  await using client = new MongoClient(url);
  return client.db('app').collection('users').countDocuments();
}
`,
      errors: [
        {
          messageId: 'returnedPromise',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestReturnAwait',
              output: `
import { MongoClient } from 'mongodb';
export async function countUsers(url: string) {
  await using client = new MongoClient(url);
  return await client.db('app').collection('users').countDocuments();
}
`,
            },
          ],
        },
      ],
    },
    {
      // A conditional returned promise: the suggestion adds parentheses.
      code: `
import { open } from 'node:fs/promises';
export async function maybeRead(p: string, text: boolean) {
  await using fh = await open(p);
  return text ? fh.readFile('utf8') : fh.readFile();
}
`,
      errors: [
        {
          messageId: 'returnedPromise',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestReturnAwait',
              output: `
import { open } from 'node:fs/promises';
export async function maybeRead(p: string, text: boolean) {
  await using fh = await open(p);
  return await (text ? fh.readFile('utf8') : fh.readFile());
}
`,
            },
          ],
        },
      ],
    },
    {
      // A sync function returning a promise: no \`await\` possible, so no suggestion.
      code: `
class Session {
  [Symbol.dispose](): void {}
  query(sql: string): Promise<string[]> {
    return Promise.resolve([sql]);
  }
}
export function rows(sql: string): Promise<string[]> {
  using session = new Session();
  return session.query(sql);
}
`,
      errors: [{ messageId: 'returnedPromise', line: 10, suggestions: [] }],
    },
    {
      // A promise combinator over uses of the value.
      code: `
import { open } from 'node:fs/promises';
export async function both(p: string) {
  await using fh = await open(p);
  return Promise.all([fh.stat(), fh.readFile('utf8')]);
}
`,
      errors: [
        {
          messageId: 'returnedPromise',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestReturnAwait',
              output: `
import { open } from 'node:fs/promises';
export async function both(p: string) {
  await using fh = await open(p);
  return await Promise.all([fh.stat(), fh.readFile('utf8')]);
}
`,
            },
          ],
        },
      ],
    },
    {
      // Use after an explicit release on the same path.
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  await fh.close();
  return fh.readFile('utf8');
}
`,
      errors: [{ messageId: 'useAfterRelease', line: 6, suggestions: [] }],
    },
    {
      // A pg client used after it went back to the pool.
      code: `
import pg from 'pg';
export async function count(pool: pg.Pool) {
  const client = await pool.connect();
  client.release();
  const result = await client.query('select count(*) from users');
  return result.rows[0];
}
`,
      errors: [{ messageId: 'useAfterRelease', line: 6, suggestions: [] }],
    },
    {
      // In a nested block after the release.
      code: `
import { open } from 'node:fs/promises';
export async function check(p: string, verbose: boolean) {
  const fh = await open(p);
  await fh.close();
  if (verbose) {
    console.log(await fh.stat());
  }
}
`,
      errors: [{ messageId: 'useAfterRelease', line: 7, suggestions: [] }],
    },
    {
      // A \`using\` value released by hand and then used.
      code: `
import { opendirSync } from 'node:fs';
export function names(p: string) {
  using dir = opendirSync(p);
  dir.closeSync();
  return dir.readSync()?.name;
}
`,
      errors: [{ messageId: 'useAfterRelease', line: 6, suggestions: [] }],
    },
    {
      // A DisposableStack used after it was disposed.
      code: `
export function track(cleanup: () => void) {
  const stack = new DisposableStack();
  stack.dispose();
  stack.defer(cleanup);
}
`,
      errors: [{ messageId: 'useAfterRelease', line: 5, suggestions: [] }],
    },
    {
      // Iterating a directory after closing it.
      code: `
import { opendir } from 'node:fs/promises';
export async function list(p: string) {
  const dir = await opendir(p);
  await dir.close();
  for await (const entry of dir) console.log(entry.name);
}
`,
      errors: [{ messageId: 'useAfterRelease', line: 6, suggestions: [] }],
    },
    {
      // A \`.then\` floating inside a synchronous callback.
      code: `
import { open } from 'node:fs/promises';
export async function each(p: string, names: string[]) {
  await using fh = await open(p, 'a');
  names.forEach((name) => {
    fh.stat().then(() => fh.write(name));
  });
}
`,
      errors: [{ messageId: 'lateCallback', line: 6, suggestions: [] }],
    },
    {
      // A promise whose executor registers a listener on the value, returned without await.
      code: `
import { createReadStream } from 'node:fs';
export async function waitForEnd(p: string) {
  await using stream = createReadStream(p);
  stream.resume();
  return new Promise((resolve) => stream.once('end', resolve));
}
`,
      errors: [
        {
          messageId: 'returnedPromise',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestReturnAwait',
              output: `
import { createReadStream } from 'node:fs';
export async function waitForEnd(p: string) {
  await using stream = createReadStream(p);
  stream.resume();
  return await new Promise((resolve) => stream.once('end', resolve));
}
`,
            },
          ],
        },
      ],
    },
  ],
});
