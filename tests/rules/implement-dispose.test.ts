import { type ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../rules/implement-dispose.js';
import { createRuleTester, fixturesDir } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('implement-dispose', rule, {
  valid: [
    // ── Lifecycle hooks that hold nothing ─────────────────────────────────────
    {
      name: 'an empty shutdown() hook is no cleanup',
      code: `
export class Plugin {
  async shutdown(): Promise<void> {}
}
`,
    },
    {
      name: 'a cleanup that only awaits an empty stop() releases nothing',
      code: `
export class Worker {
  async stop(): Promise<void> {}
  async shutdown(): Promise<void> {
    await this.stop();
  }
}
`,
    },
    {
      name: 'a lock whose release() wakes the next waiter releases nothing of its own',
      code: `
export class Lock {
  #waiters: (() => void)[] = [];
  #held = false;
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}
`,
    },
    {
      name: 'a gesture whose end() sends one last event is an action, not a cleanup',
      code: `
interface Channel {
  send(event: string): Promise<void>;
}
export class Swipe {
  constructor(readonly channel: Channel, readonly owner: { forget(swipe: Swipe): void }) {}
  async end(): Promise<void> {
    await this.channel.send('swipe-end');
    this.owner.forget(this);
  }
}
`,
    },
    {
      name: 'dispose() reaches the field through the class override of an aliased dispose symbol',
      code: `
const disposeSymbol: typeof Symbol.dispose = Symbol.dispose;
class Base {
  [disposeSymbol](): void {}
}
export class Tab extends Base {
  readonly #cleanup = new DisposableStack();
  dispose(): void {
    this[disposeSymbol]();
  }
  override [disposeSymbol](): void {
    this.#cleanup.dispose();
    super[disposeSymbol]();
  }
}
`,
    },
    {
      name: 'a child that disposes itself when its parent emits closed needs no release from the parent',
      code: `
import { EventEmitter } from 'node:events';
class Tracker implements Disposable {
  readonly #stack = new DisposableStack();
  constructor(parent: EventEmitter) {
    parent.once('closed', () => this.dispose());
  }
  dispose(): void {
    this.#stack.dispose();
  }
  [Symbol.dispose](): void {
    this.dispose();
  }
}
export class Tab extends EventEmitter implements Disposable {
  readonly #tracker = new Tracker(this);
  readonly #stack = new DisposableStack();
  close(): void {
    this.#stack.dispose();
    this.emit('closed');
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
`,
    },
    {
      name: 'a private field released through an alias of the instance',
      code: `
import { connect, type Socket } from 'node:net';
export class Client implements Disposable {
  readonly #socket: Socket = connect(6379);
  get self(): Client {
    return this;
  }
  close(): void {
    this.self.#socket.destroy();
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
`,
    },
    // ── Already disposable ────────────────────────────────────────────────────
    {
      name: 'a class with close() and [Symbol.asyncDispose]',
      code: `
import pg from 'pg';
export class Repository {
  readonly #pool = new pg.Pool();
  async close(): Promise<void> {
    await this.#pool.end();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
`,
    },
    {
      name: 'a class with release() and [Symbol.dispose]',
      code: `
export class Lock {
  #held = true;
  release() {
    this.#held = false;
  }
  [Symbol.dispose]() {
    this.release();
  }
}
`,
    },
    {
      name: 'a class that inherits [Symbol.asyncDispose] from a Node stream',
      code: `
import { Readable } from 'node:stream';
export class Lines extends Readable {
  override destroy(error?: Error): this {
    return super.destroy(error);
  }
}
`,
    },
    {
      name: 'a class that inherits its dispose member from an in-program base class',
      code: `
export class Base {
  close(): void { this.socket.destroy(); }
  [Symbol.dispose](): void {
    this.close();
  }
}
export class Derived extends Base {
  override close(): void {
    super.close();
  }
}
`,
    },
    {
      name: 'an object literal with close() is not a class',
      code: `
export const handle = {
  close(): void { this.socket.destroy(); },
};
`,
    },
    // ── Not a cleanup method ──────────────────────────────────────────────────
    {
      name: 'a cleanup method that needs an argument',
      code: `
import type { Socket } from 'node:net';
export class Peer {
  constructor(private readonly socket: Socket) {}
  close(reason: string): void {
    this.socket.end(reason);
  }
}
`,
    },
    {
      name: 'an abstract cleanup method (the subclass that implements it is reported)',
      code: `
export abstract class Transport {
  abstract close(): Promise<void>;
}
`,
    },
    {
      name: 'a static close()',
      code: `
export class Registry {
  static close(): void {}
}
`,
    },
    {
      name: 'a method that is not in the cleanup list',
      code: `
export class Poller {
  stop(): void { clearInterval(this.timer); }
}
`,
    },
    {
      name: 'an interface with close() is not a class',
      code: `
export interface Closable {
  close(): Promise<void>;
}
`,
    },
    {
      name: 'an ambient class declaration',
      code: `
declare class External {
  close(): void;
}
export type { External };
`,
    },
    // ── Fields released (CA2213) ──────────────────────────────────────────────
    {
      name: 'a pg Client field ended in [Symbol.asyncDispose]',
      code: `
import pg from 'pg';
export class Store {
  readonly client = new pg.Client();
  async [Symbol.asyncDispose]() {
    await this.client.end();
  }
}
`,
    },
    {
      name: 'a FileHandle field opened in a method, closed with ?. in close()',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export class Log {
  #handle: FileHandle | undefined;
  async open(path: string) {
    this.#handle = await open(path, 'a');
  }
  async close() {
    await this.#handle?.close();
  }
  async [Symbol.asyncDispose]() {
    await this.close();
  }
}
`,
    },
    {
      name: 'a field released through a private helper that close() calls',
      code: `
import { createConnection, type Socket } from 'node:net';
export class Client {
  private socket: Socket = createConnection(80, 'example.com');
  close(): void {
    this.teardown();
  }
  private teardown(): void {
    this.socket.destroy();
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
`,
    },
    {
      name: 'a mongodb client field disposed with [Symbol.asyncDispose]() in shutdown()',
      code: `
import { MongoClient } from 'mongodb';
export class Db {
  private readonly client = new MongoClient('mongodb://localhost');
  async shutdown() {
    await this.client[Symbol.asyncDispose]();
  }
  async [Symbol.asyncDispose]() {
    await this.shutdown();
  }
}
`,
    },
    {
      name: 'fields owned by an AsyncDisposableStack',
      code: `
import { createWriteStream, type WriteStream } from 'node:fs';
export class Writer {
  readonly #stack = new AsyncDisposableStack();
  readonly #out: WriteStream;
  constructor(path: string) {
    this.#out = createWriteStream(path);
    this.#stack.use(this.#out);
  }
  async [Symbol.asyncDispose]() {
    await this.#stack.disposeAsync();
  }
}
`,
    },
    {
      name: 'fields aliased by destructuring this in close()',
      code: `
import pg from 'pg';
export class Pair {
  readonly a = new pg.Client();
  readonly b = new pg.Client();
  async close() {
    const { a, b } = this;
    await Promise.all([a.end(), b.end()]);
  }
  async [Symbol.asyncDispose]() {
    await this.close();
  }
}
`,
    },
    {
      name: 'a resource handed in through the constructor is borrowed, not owned',
      code: `
import type pg from 'pg';
export class Users {
  constructor(private readonly client: pg.PoolClient) {}
  close(): void { this.socket.destroy(); }
  [Symbol.dispose](): void {
    this.close();
  }
}
`,
    },
    {
      name: 'a class with resource fields but no cleanup method at all is out of scope',
      code: `
import pg from 'pg';
export class App {
  readonly pool = new pg.Pool();
}
`,
    },
    {
      name: 'cleanupMethods: a release name of the user counts as a cleanup member for the field check',
      options: [{ cleanupMethods: ['dispose2'] }],
      code: `
import pg from 'pg';
export class Store {
  readonly client = new pg.Client();
  async dispose2() {
    await this.client.end();
  }
  async [Symbol.asyncDispose]() {
    await this.dispose2();
  }
}
`,
    },
    // ── Classes whose every instance goes to an owner ─────────────────────────
    {
      name: 'a class the program only ever makes into its owner\'s field is driven by that owner',
      code: `
import pg from 'pg';
class Shard {
  readonly #pool = new pg.Pool();
  async close(): Promise<void> {
    await this.#pool.end();
  }
}
export class Cluster {
  readonly #first = new Shard();
  #second: Shard | undefined;
  open(): void {
    this.#second = new Shard();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#first.close();
    await this.#second?.close();
  }
}
`,
    },
    {
      name: 'an instance returned by a method that implements an interface\'s factory goes to the framework that owns it',
      code: `
import pg from 'pg';
interface Engine {
  stop(): Promise<void>;
}
interface EngineFactory {
  createEngine(): Engine;
}
class PgEngine implements Engine {
  readonly #pool = new pg.Pool();
  async stop(): Promise<void> {
    await this.#pool.end();
  }
}
export class PgEngineFactory implements EngineFactory {
  createEngine(): Engine {
    return new PgEngine();
  }
}
`,
    },
    {
      name: 'an instance made by a private method whose one call files it in a field, or in a map of the owner',
      code: `
import pg from 'pg';
class Channel {
  readonly #client = new pg.Client();
  async close(): Promise<void> {
    await this.#client.end();
  }
}
export class Hub {
  #main: Channel;
  readonly #byName = new Map<string, Channel>();
  constructor() {
    this.#main = this.#makeChannel();
  }
  #makeChannel(): Channel {
    const made = new Channel();
    return made;
  }
  add(name: string): void {
    this.#byName.set(name, new Channel());
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#main.close();
    for (const channel of this.#byName.values()) await channel.close();
  }
}
`,
    },
    {
      name: 'a default-exported class is found at its instantiations by its declared name',
      code: `
import net from 'node:net';
export default class Pipe {
  readonly #socket = net.connect(7000);
  close(): void {
    this.#socket.destroy();
  }
}
export class Hub {
  readonly #pipe = new Pipe();
  [Symbol.dispose](): void {
    this.#pipe.close();
  }
}
`,
    },
    {
      name: 'a class that its own unit test makes directly is still owner-driven when every production instance goes to an owner',
      filename: `${fixturesDir}/test-suite/wire.ts`,
      code: `
import net from 'node:net';
export class WireSocket {
  readonly #socket: net.Socket;
  constructor(address: string) {
    this.#socket = net.connect(Number(address.split(':')[1]));
  }
  close(): void {
    this.#socket.destroy();
  }
}
export class WireClient {
  readonly #socket = new WireSocket('127.0.0.1:6379');
  [Symbol.dispose](): void {
    this.#socket.close();
  }
}
`,
    },
    {
      name: 'a class a framework makes through the constructor its user names, into a field, is driven by the framework',
      code: `
import pg from 'pg';
export interface Backend {
  shutdown(): Promise<void>;
}
export class PgBackend implements Backend {
  readonly #pool = new pg.Pool();
  async shutdown(): Promise<void> {
    await this.#pool.end();
  }
}
export class Store<B extends Backend = Backend> {
  readonly #backend: B;
  constructor(options: { backend: new () => B }) {
    this.#backend = new options.backend();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#backend.shutdown();
  }
}
`,
    },
    {
      name: 'instances a callback makes for a collection the owner keeps go to that owner',
      code: `
import pg from 'pg';
class Replica {
  readonly #client = new pg.Client();
  async close(): Promise<void> {
    await this.#client.end();
  }
}
export class Router {
  readonly #replicas: Replica[];
  constructor(hosts: string[]) {
    this.#replicas = hosts.map(() => new Replica());
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all(this.#replicas.map((replica) => replica.close()));
  }
}
`,
    },
    {
      name: 'a module function whose every call files its product in the owner\'s map, as an entry or after setup',
      code: `
import net from 'node:net';
class Peer {
  readonly #socket: net.Socket;
  constructor(port: number) {
    this.#socket = net.connect(port);
  }
  destroy(): void {
    this.#socket.destroy();
  }
}
function openPeer(port: number): Peer {
  const peer = new Peer(port);
  return peer;
}
export class Mesh {
  #peers: Map<number, Peer>;
  constructor(ports: number[]) {
    this.#peers = new Map(ports.map((port) => [port, openPeer(port)]));
  }
  join(port: number): void {
    const peer = openPeer(port);
    this.#peers.set(port, peer);
  }
  [Symbol.dispose](): void {
    for (const peer of this.#peers.values()) peer.destroy();
  }
}
`,
    },
    {
      name: 'a local of a constructor handed to the objects it builds lives as long as the object built',
      code: `
import pg from 'pg';
class Engine {
  readonly #pool = new pg.Pool();
  async destroy(): Promise<void> {
    await this.#pool.end();
  }
}
class Gateway {
  constructor(readonly engine: Engine) {}
}
export class Database {
  readonly #gateway: Gateway;
  readonly #props: { readonly engine: Engine };
  constructor() {
    const engine = new Engine();
    this.#gateway = new Gateway(engine);
    this.#props = Object.freeze({ engine });
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#props.engine.destroy();
  }
}
`,
    },
    {
      name: 'a class that files itself in another object\'s collection when made is owned by that collection',
      code: `
export class Scheduler {
  readonly tasks = new Set<Task>();
  terminateAll(): void {
    for (const task of this.tasks) task.terminate();
  }
}
export class Task {
  readonly #timer: ReturnType<typeof setInterval>;
  constructor(scheduler: Scheduler) {
    scheduler.tasks.add(this);
    this.#timer = setInterval(() => undefined, 100);
  }
  terminate(): void {
    clearInterval(this.#timer);
    this.#timer.unref();
  }
}
export function startTask(scheduler: Scheduler): Task {
  const task = new Task(scheduler);
  return task;
}
`,
    },
    {
      name: 'a field the class ends in a listener of the event that ends its own life is released',
      code: `
import net from 'node:net';
import type { EventEmitter } from 'node:events';
class Scope {
  readonly #socket = net.connect(7000);
  dispose(): void {
    this.#socket.destroy();
  }
}
export class Worker {
  readonly #scope = new Scope();
  readonly #session: EventEmitter;
  constructor(session: EventEmitter) {
    this.#session = session;
    this.#session.once('detached', () => {
      this.#scope.dispose();
    });
  }
  close(): void {
    this.#session.removeAllListeners();
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
`,
    },
    {
      name: 'a child built with its parent whose close() asks that parent to end it is released with the parent',
      code: `
import net from 'node:net';
export class Tab {
  readonly #host: Host;
  readonly #id: string;
  constructor(host: Host, id: string) {
    this.#host = host;
    this.#id = id;
  }
  close(): void {
    this.#host.closeTab(this.#id);
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
export class Host {
  readonly #socket = net.connect(9222);
  readonly #home = new Tab(this, 'home');
  closeTab(id: string): void {
    this.#socket.write(id);
  }
  [Symbol.dispose](): void {
    this.#socket.destroy();
  }
}
`,
    },
  ],
  invalid: [
    // ── Missing dispose member ────────────────────────────────────────────────
    {
      name: 'a class that one function holds in a local is not owner-driven, even when another site files it in a field',
      code: `
import pg from 'pg';
class Tunnel {
  readonly #client = new pg.Client();
  close(): void {
    void this.#client.end();
  }
}
export class Relay {
  readonly #tunnel = new Tunnel();
}
export function probe(): void {
  const tunnel = new Tunnel();
  tunnel.close();
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 3,
          data: { name: 'Tunnel', cleanup: 'close', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              data: { name: 'Tunnel', cleanup: 'close', member: '[Symbol.dispose]', keyword: 'using' },
              output: `
import pg from 'pg';
class Tunnel {
  readonly #client = new pg.Client();
  close(): void {
    void this.#client.end();
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
export class Relay {
  readonly #tunnel = new Tunnel();
}
export function probe(): void {
  const tunnel = new Tunnel();
  tunnel.close();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a class returned by a public factory reaches its callers: they hold it',
      code: `
import pg from 'pg';
export class Session {
  readonly #client = new pg.Client();
  async close(): Promise<void> {
    await this.#client.end();
  }
}
export function openSession(): Session {
  return new Session();
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 3,
          data: { name: 'Session', cleanup: 'close', member: '[Symbol.asyncDispose]', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              data: { name: 'Session', cleanup: 'close', member: '[Symbol.asyncDispose]', keyword: 'await using' },
              output: `
import pg from 'pg';
export class Session {
  readonly #client = new pg.Client();
  async close(): Promise<void> {
    await this.#client.end();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
export function openSession(): Session {
  return new Session();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a class made through a constructor value into a local of a public function is held by that scope',
      code: `
import pg from 'pg';
export interface Backend {
  shutdown(): Promise<void>;
}
export class PgBackend implements Backend {
  readonly #pool = new pg.Pool();
  async shutdown(): Promise<void> {
    await this.#pool.end();
  }
}
export async function probe(make: new () => Backend): Promise<void> {
  const backend = new make();
  await backend.shutdown();
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 6,
          data: { name: 'PgBackend', cleanup: 'shutdown', member: '[Symbol.asyncDispose]', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              data: { name: 'PgBackend', cleanup: 'shutdown', member: '[Symbol.asyncDispose]', keyword: 'await using' },
              output: `
import pg from 'pg';
export interface Backend {
  shutdown(): Promise<void>;
}
export class PgBackend implements Backend {
  readonly #pool = new pg.Pool();
  async shutdown(): Promise<void> {
    await this.#pool.end();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }
}
export async function probe(make: new () => Backend): Promise<void> {
  const backend = new make();
  await backend.shutdown();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an instance filed in the owner\'s map and also returned reaches the caller, who holds it',
      code: `
import net from 'node:net';
class Lane {
  readonly #socket: net.Socket;
  constructor(port: number) {
    this.#socket = net.connect(port);
  }
  destroy(): void {
    this.#socket.destroy();
  }
}
export class Road {
  readonly #lanes = new Map<number, Lane>();
  lane(port: number): Lane {
    const lane = new Lane(port);
    this.#lanes.set(port, lane);
    return lane;
  }
  [Symbol.dispose](): void {
    for (const lane of this.#lanes.values()) lane.destroy();
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 3,
          data: { name: 'Lane', cleanup: 'destroy', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              data: { name: 'Lane', cleanup: 'destroy', member: '[Symbol.dispose]', keyword: 'using' },
              output: `
import net from 'node:net';
class Lane {
  readonly #socket: net.Socket;
  constructor(port: number) {
    this.#socket = net.connect(port);
  }
  destroy(): void {
    this.#socket.destroy();
  }
  [Symbol.dispose](): void {
    this.destroy();
  }
}
export class Road {
  readonly #lanes = new Map<number, Lane>();
  lane(port: number): Lane {
    const lane = new Lane(port);
    this.#lanes.set(port, lane);
    return lane;
  }
  [Symbol.dispose](): void {
    for (const lane of this.#lanes.values()) lane.destroy();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'async close() → async [Symbol.asyncDispose] with a return type like close()',
      code: `
import pg from 'pg';
export class Repository {
  readonly #pool = new pg.Pool();

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 3,
          column: 14,
          data: { name: 'Repository', cleanup: 'close', member: '[Symbol.asyncDispose]', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              data: { name: 'Repository', cleanup: 'close', member: '[Symbol.asyncDispose]', keyword: 'await using' },
              output: `
import pg from 'pg';
export class Repository {
  readonly #pool = new pg.Pool();

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'sync release() → [Symbol.dispose], no annotation when release() has none',
      code: `
import type pg from 'pg';
export class Lease {
  constructor(private readonly client: pg.PoolClient) {}
  release() {
    this.client.release();
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          data: { name: 'Lease', cleanup: 'release', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
import type pg from 'pg';
export class Lease {
  constructor(private readonly client: pg.PoolClient) {}
  release() {
    this.client.release();
  }
  [Symbol.dispose]() {
    this.release();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a non-async method returning a promise is thenable: async member',
      code: `
import type pg from 'pg';
export class Session {
  constructor(private readonly client: pg.Client) {}
  end(): Promise<void> {
    return this.client.end();
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
import type pg from 'pg';
export class Session {
  constructor(private readonly client: pg.Client) {}
  end(): Promise<void> {
    return this.client.end();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'close() wins over destroy() (list order), and the member goes after close()',
      code: `
import type { Socket } from 'node:net';
export class Channel {
  constructor(private readonly socket: Socket) {}

  destroy(): void {
    this.socket.destroy();
  }

  close(): void {
    this.socket.end();
  }

  write(data: string): void {
    this.socket.write(data);
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          data: { name: 'Channel', cleanup: 'close', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
import type { Socket } from 'node:net';
export class Channel {
  constructor(private readonly socket: Socket) {}

  destroy(): void {
    this.socket.destroy();
  }

  close(): void {
    this.socket.end();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  write(data: string): void {
    this.socket.write(data);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an optional parameter is fine: close(force?) from mongodb',
      code: `
import type { MongoClient } from 'mongodb';
export class Catalog {
  constructor(private readonly client: MongoClient) {}
  async disconnect(force?: boolean) {
    await this.client.close(force);
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          data: { name: 'Catalog', cleanup: 'disconnect', member: '[Symbol.asyncDispose]', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
import type { MongoClient } from 'mongodb';
export class Catalog {
  constructor(private readonly client: MongoClient) {}
  async disconnect(force?: boolean) {
    await this.client.close(force);
  }
  async [Symbol.asyncDispose]() {
    await this.disconnect();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'tabs and four-space nesting are kept; no semicolons when the method has none',
      code: `
export namespace Jobs {
\texport class Queue {
\t\tshutdown() {
\t\t\tclearInterval(this.timer)
\t\t}
\t}
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export namespace Jobs {
\texport class Queue {
\t\tshutdown() {
\t\t\tclearInterval(this.timer)
\t\t}

\t\t[Symbol.dispose]() {
\t\t\tthis.shutdown()
\t\t}
\t}
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an arrow-function field as the cleanup',
      code: `
export class Timer {
  #handle = setInterval(() => undefined, 1000);
  quit = (): void => {
    clearInterval(this.#handle);
  };
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export class Timer {
  #handle = setInterval(() => undefined, 1000);
  quit = (): void => {
    clearInterval(this.#handle);
  };
  [Symbol.dispose](): void {
    this.quit();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a trailing comment stays with the cleanup method',
      code: `
export class Cache {
  terminate() { this.worker.terminate(); } // stops the thread
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export class Cache {
  terminate() { this.worker.terminate(); } // stops the thread

  [Symbol.dispose]() {
    this.terminate();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an anonymous class expression is reported at its class keyword',
      code: `
export const Pool = class {
  async close() { this.socket.destroy(); }
};
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 2,
          column: 21,
          data: { name: '(anonymous class)', cleanup: 'close', member: '[Symbol.asyncDispose]', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export const Pool = class {
  async close() { this.socket.destroy(); }

  async [Symbol.asyncDispose]() {
    await this.close();
  }
};
`,
            },
          ],
        },
      ],
    },
    {
      name: 'overloads: the zero-argument signature decides (pg style end(): Promise / end(cb): void)',
      code: `
import type pg from 'pg';
export class Db {
  constructor(private readonly pool: pg.Pool) {}
  end(): Promise<void>;
  end(callback: () => void): void;
  end(callback?: () => void): Promise<void> | void {
    if (callback) {
      this.pool.end().then(callback, callback);
      return;
    }
    return this.pool.end();
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          data: { name: 'Db', cleanup: 'end', member: '[Symbol.asyncDispose]', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
import type pg from 'pg';
export class Db {
  constructor(private readonly pool: pg.Pool) {}
  end(): Promise<void>;
  end(callback: () => void): void;
  end(callback?: () => void): Promise<void> | void {
    if (callback) {
      this.pool.end().then(callback, callback);
      return;
    }
    return this.pool.end();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'the subclass that implements an abstract close() is reported',
      code: `
export abstract class Transport {
  abstract close(): Promise<void>;
}
export class HttpTransport extends Transport {
  async close(): Promise<void> { this.socket.destroy(); }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 5,
          data: { name: 'HttpTransport', cleanup: 'close', member: '[Symbol.asyncDispose]', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export abstract class Transport {
  abstract close(): Promise<void>;
}
export class HttpTransport extends Transport {
  async close(): Promise<void> { this.socket.destroy(); }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'the base class of a subclass with its own cleanup: only the base is reported',
      code: `
import type { Socket } from 'node:net';
export class Connection {
  constructor(protected readonly socket: Socket) {}
  end(): void {
    this.socket.end();
  }
}
export class TlsConnection extends Connection {
  override end(): void {
    super.end();
  }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          line: 3,
          data: { name: 'Connection', cleanup: 'end', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
import type { Socket } from 'node:net';
export class Connection {
  constructor(protected readonly socket: Socket) {}
  end(): void {
    this.socket.end();
  }
  [Symbol.dispose](): void {
    this.end();
  }
}
export class TlsConnection extends Connection {
  override end(): void {
    super.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'cleanupMethods extends the defaults: stop() is a cleanup method',
      options: [{ cleanupMethods: ['stop'] }],
      code: `
export class Poller {
  stop(): void { clearInterval(this.timer); }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          data: { name: 'Poller', cleanup: 'stop', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export class Poller {
  stop(): void { clearInterval(this.timer); }

  [Symbol.dispose](): void {
    this.stop();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'cleanupMethods never replaces the defaults: close() still counts',
      options: [{ cleanupMethods: ['stop'] }],
      code: `
export class Poller {
  close(): void { this.socket.destroy(); }
}
`,
      errors: [
        {
          messageId: 'missingDispose',
          data: { name: 'Poller', cleanup: 'close', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export class Poller {
  close(): void { this.socket.destroy(); }

  [Symbol.dispose](): void {
    this.close();
  }
}
`,
            },
          ],
        },
      ],
    },
    // ── Unreleased fields (CA2213) ────────────────────────────────────────────
    {
      name: 'a net.Socket field created in the constructor and not destroyed by [Symbol.dispose]',
      code: `
import { createConnection, type Socket } from 'node:net';
export class Client {
  private readonly socket: Socket;
  private readonly log: string[] = [];
  constructor(port: number) {
    this.socket = createConnection(port);
  }
  [Symbol.dispose](): void {
    this.log.length = 0;
  }
}
`,
      errors: [
        {
          messageId: 'unreleasedField',
          line: 4,
          column: 20,
          data: {
            field: 'socket',
            type: 'Socket',
            name: 'Client',
            releasers: '`[Symbol.dispose]()`',
            release: 'this.socket.destroy()',
          },
        },
      ],
    },
    {
      name: 'a child built with its parent that ends a socket of its own is not released by the parent',
      code: `
import net from 'node:net';
export class Tab {
  readonly #host: Host;
  readonly #socket = net.connect(9223);
  constructor(host: Host) {
    this.#host = host;
  }
  close(): void {
    this.#socket.destroy();
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
export class Host {
  readonly #socket = net.connect(9222);
  readonly #home = new Tab(this);
  [Symbol.dispose](): void {
    this.#socket.destroy();
  }
}
`,
      errors: [
        {
          messageId: 'unreleasedField',
          line: 18,
          data: {
            field: '#home',
            type: 'Tab',
            name: 'Host',
            releasers: '`[Symbol.dispose]()`',
            release: 'this.#home.close()',
          },
        },
      ],
    },
    {
      name: 'two pg clients, close() ends only one of them',
      code: `
import pg from 'pg';
export class Replicas {
  readonly primary = new pg.Client();
  readonly replica = new pg.Client();
  async close() {
    await this.primary.end();
  }
  async [Symbol.asyncDispose]() {
    await this.close();
  }
}
`,
      errors: [
        {
          messageId: 'unreleasedField',
          line: 5,
          data: {
            field: 'replica',
            type: 'Client',
            name: 'Replicas',
            releasers: '`close()` or `[Symbol.asyncDispose]()`',
            release: 'await this.replica.end()',
          },
        },
      ],
    },
    {
      name: 'a FileHandle opened by an init method into a private field',
      code: `
import { open, type FileHandle } from 'node:fs/promises';
export class Journal {
  #handle?: FileHandle;
  async init(path: string) {
    this.#handle ??= await open(path, 'a');
  }
  async close() {}
  async [Symbol.asyncDispose]() {
    await this.close();
  }
}
`,
      errors: [
        {
          messageId: 'unreleasedField',
          line: 4,
          data: {
            field: '#handle',
            type: 'FileHandle',
            name: 'Journal',
            releasers: '`close()` or `[Symbol.asyncDispose]()`',
            release: 'await this.#handle.close()',
          },
        },
      ],
    },
    {
      name: 'a mongodb client field and a class without a dispose member: both messages',
      code: `
import { MongoClient } from 'mongodb';
export class Catalog {
  private readonly client = new MongoClient('mongodb://localhost');
  async shutdown(): Promise<void> {}
}
`,
      errors: [
        { messageId: 'missingDispose', line: 3, suggestions: [{ messageId: 'suggestDispose', output: `
import { MongoClient } from 'mongodb';
export class Catalog {
  private readonly client = new MongoClient('mongodb://localhost');
  async shutdown(): Promise<void> {}
  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }
}
` }] },
        {
          messageId: 'unreleasedField',
          line: 4,
          data: {
            field: 'client',
            type: 'MongoClient',
            name: 'Catalog',
            releasers: '`shutdown()`',
            release: 'await this.client.close()',
          },
        },
      ],
    },
    {
      name: 'a write stream field that close() only flushes',
      code: `
import { createWriteStream } from 'node:fs';
export class Report {
  readonly out = createWriteStream('report.txt');
  close(): void {
    this.out.write('\\n');
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
`,
      errors: [
        {
          messageId: 'unreleasedField',
          line: 4,
          data: {
            field: 'out',
            type: 'WriteStream',
            name: 'Report',
            releasers: '`close()` or `[Symbol.dispose]()`',
            release: 'this.out.close()',
          },
        },
      ],
    },
    {
      name: 'a reconnect method that acquires a new client the cleanup never ends',
      code: `
import pg from 'pg';
export class Listener {
  #client: pg.Client | undefined;
  async reconnect() {
    this.#client = new pg.Client();
    await this.#client.connect();
  }
  async [Symbol.asyncDispose]() {}
}
`,
      errors: [
        {
          messageId: 'unreleasedField',
          line: 4,
          data: {
            field: '#client',
            type: 'Client',
            name: 'Listener',
            releasers: '`[Symbol.asyncDispose]()`',
            release: 'await this.#client.end()',
          },
        },
      ],
    },
  ],
});

describe('implement-dispose options schema', () => {
  const verify = (options: unknown): void => {
    const linter = new Linter({ configType: 'flat' });
    linter.verify('export {};', [
      {
        plugins: { disposable: { rules: { 'implement-dispose': rule } } as unknown as ESLint.Plugin },
        rules: { 'disposable/implement-dispose': ['error', options] },
      },
    ]);
  };

  it('rejects an unknown property', () => {
    expect(() => verify({ cleanupMethod: ['stop'] })).toThrow(/additional properties/i);
  });

  it('rejects a non-array cleanupMethods', () => {
    expect(() => verify({ cleanupMethods: 'stop' })).toThrow(/array/);
  });

  it('rejects an empty method name', () => {
    expect(() => verify({ cleanupMethods: [''] })).toThrow(/shorter than 1/);
  });

  it('rejects a name listed twice', () => {
    expect(() => verify({ cleanupMethods: ['stop', 'stop'] })).toThrow(/duplicate/);
  });
});
