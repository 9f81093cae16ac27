import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// Resources of the program's own making, and values that only look like resources.
ruleTester.run('no-leaked-resource: inferred resources', rule, {
  valid: [
    {
      name: 'an event handler named after the close event is no cleanup method',
      code: `
import { connect, type Socket } from 'node:net';
class Peer {
  readonly #socket: Socket;
  constructor(port: number) {
    this.#socket = connect(port);
    this.#socket.on('end', () => this.onClose());
  }
  onClose(): void {
    this.#socket.destroy();
  }
}
export function greet(port: number) {
  const peer = new Peer(port);
  return peer instanceof Peer;
}
`,
    },
    {
      name: 'a wrapper class released in finally through its own close()',
      code: `
import { Pool } from 'pg';
class Database {
  readonly #pool = new Pool();
  async ping(): Promise<void> {
    await this.#pool.query('select 1');
  }
  async close(): Promise<void> {
    await this.#pool.end();
  }
}
export async function migrate() {
  const db = new Database();
  try {
    await db.ping();
  } finally {
    await db.close();
  }
}
`,
    },
    {
      name: 'a class whose cleanup releases nothing is no resource',
      code: `
class Registry {
  readonly #names = new Set<string>();
  close(): void {
    this.#names.clear();
  }
}
export function names() {
  const registry = new Registry();
  return 1 + (registry ? 0 : 1);
}
`,
    },
    {
      name: 'an emitter subclass whose only dispose member removes listeners is no resource',
      code: `
class Emitter {
  on(event: string, listener: () => void): this { void event; void listener; return this; }
  off(event: string, listener: () => void): this { void event; void listener; return this; }
  emit(event: string): boolean { return event.length > 0; }
  [Symbol.dispose](): void {}
}
class Frame extends Emitter {
  title(): string { return 'frame'; }
}
export function titleOf() {
  const frame = new Frame();
  return frame.title();
}
`,
    },
    {
      name: 'a map lookup hands back what the map holds',
      code: `
import type { PoolClient } from 'pg';
export function lookup(clients: Map<string, PoolClient>, id: string) {
  const client = clients.get(id);
  return client === undefined ? 0 : 1;
}
`,
    },
    {
      name: 'a wrapper built over an in-memory stream that stands in for its socket holds nothing',
      code: `
import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
class Wire {
  readonly #socket: Socket;
  constructor(socket: Socket) {
    this.#socket = socket;
  }
  destroy(): void {
    this.#socket.destroy();
  }
  greet(): Promise<void> {
    return new Promise((resolve, reject) => this.#socket.write('hello', (error) => (error ? reject(error) : resolve())));
  }
}
export async function greetsInMemory() {
  const stream = new PassThrough();
  // @ts-expect-error: an in-memory stream stands in for the socket
  const wire = new Wire(stream);
  await wire.greet();
}
`,
    },
  ],
  invalid: [
    {
      name: 'a wrapper built over the socket the function was given takes it over: dropped on a throw, nobody closes it',
      code: `
import type { Socket } from 'node:net';
class Wire {
  readonly #socket: Socket;
  constructor(socket: Socket) {
    this.#socket = socket;
  }
  destroy(): void {
    this.#socket.destroy();
  }
  greet(): Promise<void> {
    return new Promise((resolve, reject) => this.#socket.write('hello', (error) => (error ? reject(error) : resolve())));
  }
}
export async function greetOver(socket: Socket): Promise<Wire> {
  const wire = new Wire(socket);
  await wire.greet();
  return wire;
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 16 }],
    },
    {
      name: 'a wrapper built over a socket the function opened owns it: dropped on a throw, the socket stays open',
      code: `
import { connect, type Socket } from 'node:net';
class Wire {
  readonly #socket: Socket;
  constructor(socket: Socket) {
    this.#socket = socket;
  }
  destroy(): void {
    this.#socket.destroy();
  }
  greet(): Promise<void> {
    return new Promise((resolve, reject) => this.#socket.write('hello', (error) => (error ? reject(error) : resolve())));
  }
}
export async function dial(port: number): Promise<Wire> {
  const wire = new Wire(connect(port));
  await wire.greet();
  return wire;
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 16 }],
    },
    {
      name: 'an interface typed value is the resource its implementing class releases, through a type parameter',
      code: `
import { Pool } from 'pg';
interface Driver {
  close(): Promise<void>;
}
class PgDriver implements Driver {
  readonly #pool = new Pool();
  async close(): Promise<void> {
    await this.#pool.end();
  }
}
class Orm<D extends Driver> {
  constructor(readonly driver: D) {}
  async close(): Promise<void> {
    await this.driver.close();
  }
}
declare function boot(): Promise<Orm<Driver>>;
export async function seed() {
  const orm = await boot();
  return orm.driver === undefined;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 20,
          data: {
            name: 'orm',
            type: 'Orm<Driver>, inferred: its `close()` ends a `Driver`',
            remedy: '`await using stack = new AsyncDisposableStack()` and `stack.adopt(value, (v) => v.close())`',
          },
          suggestions: [],
        },
      ],
    },
    {
      name: 'a wrapper class whose close() ends a pool, never closed',
      code: `
import { Pool } from 'pg';
class Database {
  readonly #pool = new Pool();
  async ping(): Promise<void> {
    await this.#pool.query('select 1');
  }
  async close(): Promise<void> {
    await this.#pool.end();
  }
}
export async function migrate() {
  const db = new Database();
  await db.ping();
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 13,
          data: {
            name: 'db',
            type: 'Database, inferred: its `close()` ends a `Pool`',
            remedy: '`await using stack = new AsyncDisposableStack()` and `stack.adopt(value, (v) => v.close())`',
          },
          suggestions: [],
        },
      ],
    },
    {
      name: 'a factory whose returned release() ends the pool it created, called without finally',
      code: `
import { Pool } from 'pg';
function openStore() {
  const pool = new Pool();
  return {
    query: (text: string) => pool.query(text),
    release: () => pool.end(),
  };
}
export async function run() {
  const store = openStore();
  await store.query('select 1');
  await store.release();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 11, suggestions: [] }],
    },
    {
      name: 'a wrapper of a wrapper is a resource too',
      code: `
import { Pool } from 'pg';
class Database {
  readonly #pool = new Pool();
  async close(): Promise<void> {
    await this.#pool.end();
  }
}
class Service {
  readonly #db = new Database();
  async gracefulShutdown(): Promise<void> {
    await this.#db.close();
  }
}
export function start() {
  const service = new Service();
  return typeof service;
}
`,
      errors: [{ messageId: 'neverReleased', line: 16, suggestions: [] }],
    },
    {
      name: 'an emitter subclass with a dispose member of its own is still a resource',
      code: `
class Emitter {
  on(event: string, listener: () => void): this { void event; void listener; return this; }
  off(event: string, listener: () => void): this { void event; void listener; return this; }
  emit(event: string): boolean { return event.length > 0; }
  [Symbol.dispose](): void {}
}
class Page extends Emitter {
  async close(): Promise<void> {}
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
export async function visit() {
  const page = new Page();
  return typeof page;
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 15,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
class Emitter {
  on(event: string, listener: () => void): this { void event; void listener; return this; }
  off(event: string, listener: () => void): this { void event; void listener; return this; }
  emit(event: string): boolean { return event.length > 0; }
  [Symbol.dispose](): void {}
}
class Page extends Emitter {
  async close(): Promise<void> {}
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
export async function visit() {
  await using page = new Page();
  return typeof page;
}
`,
            },
          ],
        },
      ],
    },
  ],
});
