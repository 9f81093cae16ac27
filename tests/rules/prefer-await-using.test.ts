import rule from '../../rules/prefer-await-using.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('prefer-await-using', rule, {
  valid: [
    // Already `await using`.
    `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return fh.readFile('utf8');
}
`,
    // A type with only a synchronous dispose member is right with `using`, even in async code.
    `
class Lock {
  [Symbol.dispose](): void {}
}
export async function locked(work: () => Promise<void>) {
  using lock = new Lock();
  await work();
}
`,
    // `await using` on a sync-only disposable is not reported (it only adds a tick).
    `
import { createInterface } from 'node:readline';
export async function ask() {
  await using rl = createInterface({ input: process.stdin });
  return rl.getPrompt();
}
`,
    // Dir has both members: in a sync function the synchronous one is the right choice.
    `
import { opendirSync } from 'node:fs';
export function first(p: string) {
  using dir = opendirSync(p);
  return dir.readSync()?.name;
}
`,
    // DisposableStack is sync-only.
    `
export async function run(cleanups: (() => void)[]) {
  using stack = new DisposableStack();
  for (const cleanup of cleanups) stack.defer(cleanup);
  await Promise.resolve();
}
`,
    // A child process disposes synchronously (it kills the child).
    `
import { spawn } from 'node:child_process';
export async function child() {
  using proc = spawn('ls');
  await new Promise((resolve) => proc.once('exit', resolve));
}
`,
    // Sync-only values in a for-of head.
    `
class Lease {
  [Symbol.dispose](): void {}
}
export async function each(leases: Lease[]) {
  for (using lease of leases) await Promise.resolve(lease);
}
`,
    // A union of sync-only disposables.
    `
class A { [Symbol.dispose](): void {} }
class B { [Symbol.dispose](): void {} }
export async function pick(flag: boolean) {
  using value = flag ? new A() : new B();
  await Promise.resolve(value);
}
`,
    // Nullish values are allowed and skipped.
    `
export async function none() {
  using nothing = null;
  await Promise.resolve(nothing);
}
`,
    // \`any\` says nothing about the dispose members.
    `
declare const make: () => any;
export async function untyped() {
  using value = make();
  await Promise.resolve(value);
}
`,
    // \`const\` declarations are another rule's business.
    `
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
    // A sync generator of a type with both members uses the synchronous one.
    `
import { opendirSync } from 'node:fs';
export function* names(p: string) {
  using dir = opendirSync(p);
  for (let entry = dir.readSync(); entry; entry = dir.readSync()) yield entry.name;
}
`,
    // A declared type without the async member, even if the value has one.
    `
import { opendirSync } from 'node:fs';
export async function declared(p: string) {
  using dir: Disposable = opendirSync(p);
  await Promise.resolve(dir);
}
`,
  ],
  invalid: [
    {
      // FileHandle has only [Symbol.asyncDispose]: `using` throws a TypeError.
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  using fh = await open(p);
  return fh.readFile('utf8');
}
`,
      errors: [
        {
          messageId: 'asyncOnly',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return fh.readFile('utf8');
}
`,
            },
          ],
        },
      ],
    },
    {
      // Dir has both members: in async code `using` does not wait for the close.
      code: `
import { opendir } from 'node:fs/promises';
export async function first(p: string) {
  using dir = await opendir(p);
  return (await dir.read())?.name;
}
`,
      errors: [
        {
          messageId: 'syncOfAsync',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { opendir } from 'node:fs/promises';
export async function first(p: string) {
  await using dir = await opendir(p);
  return (await dir.read())?.name;
}
`,
            },
          ],
        },
      ],
    },
    {
      // A class of the program with both members, in an async arrow function.
      code: `
class Connection {
  [Symbol.dispose](): void {}
  async [Symbol.asyncDispose](): Promise<void> {}
}
export const handler = async () => {
  using conn = new Connection();
  await Promise.resolve(conn);
};
`,
      errors: [
        {
          messageId: 'syncOfAsync',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
class Connection {
  [Symbol.dispose](): void {}
  async [Symbol.asyncDispose](): Promise<void> {}
}
export const handler = async () => {
  await using conn = new Connection();
  await Promise.resolve(conn);
};
`,
            },
          ],
        },
      ],
    },
    {
      // An async method.
      code: `
import { MongoClient } from 'mongodb';
export class Repo {
  async count(url: string) {
    using client = new MongoClient(url);
    return client.db().collection('users').countDocuments();
  }
}
`,
      errors: [
        {
          messageId: 'asyncOnly',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { MongoClient } from 'mongodb';
export class Repo {
  async count(url: string) {
    await using client = new MongoClient(url);
    return client.db().collection('users').countDocuments();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // Module top level: an ES module allows `await using`.
      code: `
import { opendirSync } from 'node:fs';
using dir = opendirSync('.');
export const first = dir.readSync()?.name;
`,
      errors: [
        {
          messageId: 'syncOfAsync',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { opendirSync } from 'node:fs';
await using dir = opendirSync('.');
export const first = dir.readSync()?.name;
`,
            },
          ],
        },
      ],
    },
    {
      // A for-of head.
      code: `
import type { Dir } from 'node:fs';
export async function names(dirs: Dir[]) {
  for (using dir of dirs) console.log(await dir.read());
}
`,
      errors: [
        {
          messageId: 'syncOfAsync',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import type { Dir } from 'node:fs';
export async function names(dirs: Dir[]) {
  for (await using dir of dirs) console.log(await dir.read());
}
`,
            },
          ],
        },
      ],
    },
    {
      // Two declarators: each is reported; the suggestion changes the whole declaration.
      code: `
import { open } from 'node:fs/promises';
export async function copy(a: string, b: string) {
  using src = await open(a), dest = await open(b, 'w');
  await dest.writeFile(await src.readFile());
}
`,
      errors: [
        {
          messageId: 'asyncOnly',
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { open } from 'node:fs/promises';
export async function copy(a: string, b: string) {
  await using src = await open(a), dest = await open(b, 'w');
  await dest.writeFile(await src.readFile());
}
`,
            },
          ],
        },
        {
          messageId: 'asyncOnly',
          line: 4,
          column: 30,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { open } from 'node:fs/promises';
export async function copy(a: string, b: string) {
  await using src = await open(a), dest = await open(b, 'w');
  await dest.writeFile(await src.readFile());
}
`,
            },
          ],
        },
      ],
    },
    {
      // Async-only in a sync function: `await using` is not legal there, so no suggestion.
      code: `
import { createReadStream } from 'node:fs';
export function head(p: string) {
  using stream = createReadStream(p);
  return stream.read(10);
}
`,
      errors: [{ messageId: 'asyncOnlyNotAllowed', line: 4, suggestions: [] }],
    },
    {
      // A sync callback inside an async function is not async code.
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export async function all(paths: string[], handles: FileHandle[]) {
  handles.forEach((handle) => {
    using owned = handle;
    console.log(owned.fd);
  });
  await open(paths[0] ?? '.');
}
`,
      errors: [{ messageId: 'asyncOnlyNotAllowed', line: 5, suggestions: [] }],
    },
    {
      // A class static block.
      code: `
import { MongoClient } from 'mongodb';
export class Config {
  static {
    using client = new MongoClient('mongodb://localhost');
    console.log(client.options.appName);
  }
}
`,
      errors: [{ messageId: 'asyncOnlyNotAllowed', line: 5, suggestions: [] }],
    },
    {
      // A namespace body does not allow `await`.
      code: `
import { MongoClient } from 'mongodb';
export namespace Setup {
  using client = new MongoClient('mongodb://localhost');
  export const name = client.options.appName;
}
`,
      errors: [{ messageId: 'asyncOnlyNotAllowed', line: 4, suggestions: [] }],
    },
    {
      // An async generator.
      code: `
import { opendir } from 'node:fs/promises';
export async function* entries(p: string) {
  using dir = await opendir(p);
  for await (const entry of dir) yield entry.name;
}
`,
      errors: [
        {
          messageId: 'syncOfAsync',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { opendir } from 'node:fs/promises';
export async function* entries(p: string) {
  await using dir = await opendir(p);
  for await (const entry of dir) yield entry.name;
}
`,
            },
          ],
        },
      ],
    },
    {
      // A nullable union still holds a Dir.
      code: `
import { opendirSync, type Dir } from 'node:fs';
export async function maybe(p: string | undefined) {
  using dir: Dir | undefined = p ? opendirSync(p) : undefined;
  return dir && (await dir.read());
}
`,
      errors: [
        {
          messageId: 'syncOfAsync',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import { opendirSync, type Dir } from 'node:fs';
export async function maybe(p: string | undefined) {
  await using dir: Dir | undefined = p ? opendirSync(p) : undefined;
  return dir && (await dir.read());
}
`,
            },
          ],
        },
      ],
    },
    {
      // A type parameter constrained to both members.
      code: `
export async function withResource<T extends Disposable & AsyncDisposable>(make: () => T) {
  using resource = make();
  await Promise.resolve(resource);
}
`,
      errors: [
        {
          messageId: 'syncOfAsync',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
export async function withResource<T extends Disposable & AsyncDisposable>(make: () => T) {
  await using resource = make();
  await Promise.resolve(resource);
}
`,
            },
          ],
        },
      ],
    },
    {
      // A union where one member is async-only: `using` cannot dispose it.
      code: `
import type { FileHandle } from 'node:fs/promises';
import type { Interface } from 'node:readline';
export async function either(value: FileHandle | Interface) {
  using held = value;
  await Promise.resolve(held);
}
`,
      errors: [
        {
          messageId: 'asyncOnly',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import type { FileHandle } from 'node:fs/promises';
import type { Interface } from 'node:readline';
export async function either(value: FileHandle | Interface) {
  await using held = value;
  await Promise.resolve(held);
}
`,
            },
          ],
        },
      ],
    },
    {
      // A nested block in an async function.
      code: `
import mysql from 'mysql2/promise';
export async function ping(uri: string, enabled: boolean) {
  if (enabled) {
    using connection = await mysql.createConnection(uri);
    await connection.ping();
  }
}
`,
      errors: [
        {
          messageId: 'asyncOnly',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `
import mysql from 'mysql2/promise';
export async function ping(uri: string, enabled: boolean) {
  if (enabled) {
    await using connection = await mysql.createConnection(uri);
    await connection.ping();
  }
}
`,
            },
          ],
        },
      ],
    },
  ],
});
