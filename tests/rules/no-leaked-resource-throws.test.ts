import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// The throw model: what stands between an acquisition and its release, and cannot throw in
// practice, does not make a release outside `finally` miss a path.
ruleTester.run('no-leaked-resource: the throw model', rule, {
  valid: [
    {
      name: 'a helper that only files the error in a Set, called in the catch before the release',
      code: `
import { connect, type Socket } from 'node:net';
const seen = new Set<string>();
const attempts = new Map<string, number>();
function remember(error: Error): void {
  seen.add(error.message);
  attempts.set(error.message, (attempts.get(error.message) ?? 0) + 1);
}
export async function dial(port: number): Promise<Socket> {
  const socket = connect(port);
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve()).once('error', reject);
  });
  try {
    await connected;
    return socket;
  } catch (error) {
    remember(error as Error);
    socket.destroy();
    throw error;
  }
}
`,
    },
    {
      name: 'listener bookkeeping before the release in the same straight line',
      code: `
import { connect } from 'node:net';
export function ping(port: number) {
  const socket = connect(port);
  socket.removeAllListeners();
  socket.destroy();
}
`,
    },
    {
      name: 'a failure turned into a value by catch cannot skip the release',
      code: `
import { open } from 'node:fs/promises';
export async function probe(p: string) {
  const fh = await open(p, 'r');
  const failure: unknown = await fh.stat().catch((error: unknown) => error);
  await fh.close();
  return failure instanceof Error;
}
`,
    },
    {
      name: 'starting an in-program async function rejects its promise instead of throwing',
      code: `
import { open } from 'node:fs/promises';
async function audit(path: string): Promise<void> {
  if (!path) throw new Error('no path');
}
export async function append(p: string) {
  const fh = await open(p, 'a');
  const pending = audit(p);
  await fh.close();
  return pending;
}
`,
    },
    {
      name: 'an events.on() iterator goes with its emitter',
      code: `
import { on, type EventEmitter } from 'node:events';
export async function first(emitter: EventEmitter) {
  const changes = on(emitter, 'change');
  const next = await changes.next();
  return next.value;
}
`,
    },
    {
      name: 'a finally that releases the socket unless it says it is already destroyed',
      code: `
import { connect, type Socket } from 'node:net';
export async function probe(port: number, work: () => Promise<void>) {
  let socket: Socket | undefined;
  try {
    socket = connect(port);
    await work();
  } finally {
    if (socket !== undefined && !socket.destroyed) socket.destroy();
  }
}
`,
    },
    {
      name: 'logging between the acquisition and the release',
      code: `
import { open } from 'node:fs/promises';
export async function touch(p: string) {
  const fh = await open(p, 'a');
  console.log('opened', p);
  await fh.close();
}
`,
    },
    {
      name: 'an in-program sleep built on a timer promise, awaited before the release',
      code: `
import { open } from 'node:fs/promises';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export async function settle(p: string) {
  const fh = await open(p, 'a');
  await sleep(20);
  await fh.close();
}
`,
    },
    {
      name: 'the promisified setTimeout of node:timers/promises',
      code: `
import { open } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
export async function settle(p: string) {
  const fh = await open(p, 'a');
  await delay(20);
  await fh.close();
}
`,
    },
    {
      name: 'waiting for the error event itself with once() resolves with the error, it does not reject',
      code: `
import { once } from 'node:events';
import { connect } from 'node:net';
export async function refused(port: number) {
  const socket = connect(port);
  const failure = await once(socket, 'error');
  socket.destroy();
  return failure;
}
`,
    },
    {
      name: 'a promise built without reject by an executor that cannot throw, awaited through its const, never rejects',
      code: `
import { connect } from 'node:net';
export async function handshake(port: number) {
  let ready!: () => void;
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const socket = connect(port);
  setImmediate(ready);
  await started;
  socket.destroy();
}
`,
    },
    {
      name: 'a for…of over an array, or a for…in, steps without throwing: listeners added in a loop keep the release on every path',
      code: `
import { connect } from 'node:net';
export function watch(port: number, names: readonly string[], flags: Record<string, boolean>) {
  const socket = connect(port);
  for (const name of names) {
    socket.on(name, () => undefined);
  }
  for (const event of ['error', 'close'] as const) {
    socket.once(event, () => undefined);
  }
  for (const flag in flags) {
    socket.on(flag, () => undefined);
  }
  socket.destroy();
}
`,
    },
    {
      name: 'an in-program helper whose body cannot throw',
      code: `
import { open } from 'node:fs/promises';
let opened = 0;
function count(): void {
  opened += 1;
}
export async function touch(p: string) {
  const fh = await open(p, 'a');
  count();
  await fh.close();
}
`,
    },
    {
      name: 'a release whose rejection is swallowed still releases',
      code: `
import { open } from 'node:fs/promises';
export async function touch(p: string) {
  const fh = await open(p, 'a');
  await fh.close().catch(() => undefined);
}
`,
    },
    {
      name: 'a test releases after its assertions: a failing assertion fails the test instead',
      code: `
import assert from 'node:assert';
import { open } from 'node:fs/promises';
declare function expect(value: unknown): { toBe(expected: unknown): void };
export async function sizeTest(p: string) {
  const fh = await open(p);
  expect(fh.fd > 0).toBe(true);
  assert.equal(typeof fh.fd, 'number');
  await fh.close();
}
`,
    },
    {
      name: 'a private method of the class whose body cannot throw, called before the release',
      code: `
import { open } from 'node:fs/promises';
export class Journal {
  #writes = 0;
  async touch(p: string) {
    const fh = await open(p, 'a');
    this.#count();
    await fh.close();
  }
  #count(): void {
    this.#writes += 1;
  }
}
`,
    },
    {
      name: 'ending a diagnostics_channel subscription in the finally before the release',
      code: `
import { open } from 'node:fs/promises';
import diagnostics from 'node:diagnostics_channel';
export async function watchWrites(p: string, onMessage: (message: unknown) => void) {
  diagnostics.subscribe('journal:write', onMessage);
  const fh = await open(p, 'a');
  try {
    await fh.write('entry');
  } finally {
    diagnostics.unsubscribe('journal:write', onMessage);
    await fh.close();
  }
}
`,
    },
    {
      name: 'a method of the program that nothing overrides, on another object, whose body cannot throw',
      code: `
import { open } from 'node:fs/promises';
export class Tally {
  seen = 0;
  note(): void {
    this.seen += 1;
  }
}
export async function touch(p: string, tally: Tally) {
  const fh = await open(p, 'a');
  tally.note();
  await fh.close();
}
`,
    },
    {
      name: 'reading a clock and setting socket options before the try that releases the socket',
      code: `
import { connect, type Socket } from 'node:net';
export async function dial(port: number, ready: (socket: Socket) => Promise<void>) {
  const socket = connect(port);
  const started = Math.floor(performance.now());
  socket.setNoDelay(true);
  socket.setTimeout(1000);
  try {
    await ready(socket);
    return performance.now() - started;
  } finally {
    socket.destroy();
  }
}
`,
    },
    {
      name: 'loading a module of the package itself before the hand-off',
      code: `
import type pg from 'pg';
export async function tenantRepository(pool: pg.Pool) {
  const client = await pool.connect();
  const { Repository } = await import('./repository.js');
  return new Repository(client);
}
`,
    },
    {
      name: 'a tracing hook held in a private field, every value of which only appends to an array, cannot throw before the release',
      code: `
import { connect, type Socket } from 'node:net';
export class Prober {
  #trace: (message: string) => void = () => {};
  record(lines?: string[]) {
    this.#trace = lines ? (message: string) => { lines.push(message); } : () => {};
  }
  probe(port: number) {
    let socket: Socket | undefined;
    try {
      socket = connect(port);
      return socket.remotePort;
    } finally {
      if (socket !== undefined) {
        this.#trace('closing the probe');
        socket.destroy();
      }
    }
  }
}
`,
    },
    {
      name: 'settling a promise with the new socket cannot throw before the try whose catch destroys it',
      code: `
import { connect, type Socket } from 'node:net';
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
export async function openSocket(port: number, alreadyUp: boolean): Promise<Socket> {
  let socket = connect(port);
  socket.setNoDelay(true);
  const { promise, resolve } = deferred<Socket>();
  if (alreadyUp) resolve(socket);
  else socket.once('connect', () => resolve(socket));
  try {
    socket = await promise;
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a for…of over an iterable of unknown kind may throw at any step',
      code: `
import { connect } from 'node:net';
export function watch(port: number, names: Iterable<string>) {
  const socket = connect(port);
  for (const name of names) {
    socket.on(name, () => undefined);
  }
  socket.destroy();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4 }],
    },
    {
      name: 'once() waiting for another event rejects when the error event comes first',
      code: `
import { once } from 'node:events';
import { connect } from 'node:net';
export async function connected(port: number) {
  const socket = connect(port);
  await once(socket, 'connect');
  socket.destroy();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 5 }],
    },
    {
      name: 'a promise whose executor takes reject may reject while the socket is open',
      code: `
import { connect } from 'node:net';
export async function handshake(port: number, start: (ready: () => void, fail: (error: Error) => void) => void) {
  const socket = connect(port);
  await new Promise<void>((resolve, reject) => {
    start(resolve, reject);
  });
  socket.destroy();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4 }],
    },
    {
      name: 'a settle function under another name is not known to be one: the socket may be dropped before the try',
      code: `
import { connect, type Socket } from 'node:net';
declare function deferred<T>(): { promise: Promise<T>; finish: (value: T) => void };
export async function openSocket(port: number): Promise<Socket> {
  let socket = connect(port);
  const { promise, finish } = deferred<Socket>();
  finish(socket);
  try {
    socket = await promise;
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
`,
      errors: [{ messageId: 'notHandedOffOnThrow', line: 5 }],
    },
    {
      name: 'a hook field that some code sets to a function that can throw may skip the release',
      code: `
import { connect, type Socket } from 'node:net';
export class Prober {
  #trace: (message: string) => void = () => {};
  record(sink: { write(line: string): void }) {
    this.#trace = (message: string) => sink.write(message);
  }
  probe(port: number) {
    let socket: Socket | undefined;
    try {
      socket = connect(port);
      return socket.remotePort;
    } finally {
      if (socket !== undefined) {
        this.#trace('closing the probe');
        socket.destroy();
      }
    }
  }
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 11 }],
    },
    {
      name: 'an awaited call that may reject still stands between',
      code: `
import { open } from 'node:fs/promises';
export async function append(p: string) {
  const fh = await open(p, 'a');
  await fh.write('x');
  await fh.close();
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
export async function append(p: string) {
  await using fh = await open(p, 'a');
  await fh.write('x');
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a method that a subclass of the program overrides may throw',
      code: `
import { open } from 'node:fs/promises';
export class Journal {
  writes = 0;
  async touch(p: string) {
    const fh = await open(p, 'a');
    this.count();
    await fh.close();
  }
  count(): void {
    this.writes += 1;
  }
}
export class BoundedJournal extends Journal {
  override count(): void {
    if (this.writes > 10) throw new Error('journal full');
    super.count();
  }
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
import { open } from 'node:fs/promises';
export class Journal {
  writes = 0;
  async touch(p: string) {
    await using fh = await open(p, 'a');
    this.count();
  }
  count(): void {
    this.writes += 1;
  }
}
export class BoundedJournal extends Journal {
  override count(): void {
    if (this.writes > 10) throw new Error('journal full');
    super.count();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an in-program helper that can throw',
      code: `
import { open } from 'node:fs/promises';
function check(p: string): void {
  if (p === '') throw new Error('empty path');
}
export async function touch(p: string) {
  const fh = await open(p, 'a');
  check(p);
  await fh.close();
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import { open } from 'node:fs/promises';
function check(p: string): void {
  if (p === '') throw new Error('empty path');
}
export async function touch(p: string) {
  await using fh = await open(p, 'a');
  check(p);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a WeakSet rejects a key that is not an object, and a class of the program named Set is not the built-in',
      code: `
import { connect, type Socket } from 'node:net';
class Set<T> {
  add(value: T): void {
    if (value === undefined) throw new Error('no value');
  }
}
const failed = new WeakSet<object>();
const names = new Set<string>();
export async function dial(port: number, key: object): Promise<Socket> {
  const socket = connect(port);
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve()).once('error', reject);
  });
  try {
    await connected;
    return socket;
  } catch (error) {
    failed.add(key);
    socket.destroy();
    throw error;
  }
}
export async function dialNamed(port: number, name: string): Promise<Socket> {
  const socket = connect(port);
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve()).once('error', reject);
  });
  try {
    await connected;
    return socket;
  } catch (error) {
    names.add(name);
    socket.destroy();
    throw error;
  }
}
`,
      errors: [
        { messageId: 'notHandedOffOnThrow', line: 11, suggestions: [] },
        { messageId: 'notHandedOffOnThrow', line: 25, suggestions: [] },
      ],
    },
    {
      name: 'a sleep helper declared with let may be replaced by one that throws',
      code: `
import { open } from 'node:fs/promises';
let sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export async function settle(p: string) {
  const fh = await open(p, 'a');
  await sleep(20);
  await fh.close();
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import { open } from 'node:fs/promises';
let sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export async function settle(p: string) {
  await using fh = await open(p, 'a');
  await sleep(20);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a timer promise that also rejects is not a plain timer',
      code: `
import { open } from 'node:fs/promises';
export async function settle(p: string, signal: AbortSignal) {
  const fh = await open(p, 'a');
  await new Promise<void>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')));
    setTimeout(resolve, 20);
  });
  await fh.close();
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
export async function settle(p: string, signal: AbortSignal) {
  await using fh = await open(p, 'a');
  await new Promise<void>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')));
    setTimeout(resolve, 20);
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
