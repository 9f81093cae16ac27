// The fake resource world a program under test runs against. Fakes live in the host realm but
// throw, return promises and build errors with the sandbox realm's constructors, so `instanceof
// Error` and `await` behave in the program as they would with real modules.
//
// Every async operation settles one microtask later and nothing uses timers, so a run is fully
// deterministic and finishes once the microtask queue is empty.

import {
  describeThrown,
  describeValue,
  injectedMessage,
  type ErrorInfo,
  type OperationEvent,
  type Outcome,
  type Status,
  type TraceEvent,
} from './trace.js';

/** Which throws a scenario injects. */
export interface Faults {
  /** 1-based index among the acquisitions, resource method calls and steps `run` performs; 0 for none. */
  readonly throwAtOp: number;
  /** Resources whose first release throws, or `'all'`. */
  readonly failReleases: 'all' | readonly string[];
}

/** The sandbox realm's constructors. */
export interface Realm {
  readonly Error: ErrorConstructor;
  readonly Promise: PromiseConstructor;
}

export class World {
  readonly events: TraceEvent[] = [];
  private armed = false;
  private opCount = 0;
  private settled = false;
  private readonly idCounts = new Map<string, number>();

  constructor(
    private readonly faults: Faults,
    private readonly realm: Realm,
  ) {}

  /** Starts counting fault points when `run` is called: module evaluation is traced but never fails. */
  arm(): void {
    this.armed = true;
  }

  /** How many fault points `run` passed. */
  get ops(): number {
    return this.opCount;
  }

  get finished(): boolean {
    return this.settled;
  }

  finish(outcome: Outcome): void {
    this.settled = true;
    this.events.push({ kind: 'outcome', outcome });
  }

  describe(value: unknown): string {
    return describeValue(value, resourceId);
  }

  describeThrown(thrown: unknown): ErrorInfo {
    return describeThrown(thrown, resourceId);
  }

  /** `file#1`, `file#2`… for anonymous resources. */
  numberedId(kind: string): string {
    return `${kind}#${this.countId(kind)}`;
  }

  /** The caller's name for a named resource, numbered only when it repeats. */
  namedId(name: string): string {
    const count = this.countId(name);
    return count === 1 ? name : `${name}#${count}`;
  }

  acquireAsync<R>(id: string, via: string, args: readonly unknown[], make: () => R): Promise<R> {
    return this.later(this.operate(this.opEvent({ kind: 'acquire', resource: id, via, args: this.describeAll(args) }), make));
  }

  acquireSync<R>(id: string, via: string, args: readonly unknown[], make: () => R): R {
    return this.operate(this.opEvent({ kind: 'acquire', resource: id, via, args: this.describeAll(args) }), make)();
  }

  callAsync<T>(resource: FakeResource, method: string, args: readonly unknown[], result: () => T): Promise<T> {
    const event = this.callEvent(resource, method, args);
    const complete = this.operate(event, result);
    return this.later(() => {
      // Settling after the release is what makes "disposed before the promise settled" visible.
      if (event.status === 'ok' && resource.released) {
        this.events.push({ kind: 'abort', resource: resource.id, method });
        throw new this.realm.Error(`${resource.id}.${method}(): released before it completed`);
      }
      return complete();
    });
  }

  callSync<T>(resource: FakeResource, method: string, args: readonly unknown[], result: () => T): T {
    return this.operate(this.callEvent(resource, method, args), result)();
  }

  /** `repeatError` is what a second release throws; without it a second release does nothing, as `FileHandle.close()` does. */
  releaseAsync(resource: FakeResource, method: string, args: readonly unknown[], repeatError?: string): Promise<void> {
    return this.later(this.operate(this.releaseEvent(resource, method, args), noop, repeatError));
  }

  releaseSync(resource: FakeResource, method: string, args: readonly unknown[], repeatError?: string): void {
    this.operate(this.releaseEvent(resource, method, args), noop, repeatError)();
  }

  stepAsync(label: string): Promise<void> {
    return this.later(this.operate(this.opEvent({ kind: 'step', label }), noop));
  }

  stepSync(label: string): void {
    this.operate(this.opEvent({ kind: 'step', label }), noop)();
  }

  log(values: readonly unknown[]): void {
    const text = values.map((value) => (typeof value === 'string' ? value : this.describe(value))).join(' ');
    this.events.push({ kind: 'log', text });
  }

  private countId(base: string): number {
    const count = (this.idCounts.get(base) ?? 0) + 1;
    this.idCounts.set(base, count);
    return count;
  }

  private describeAll(values: readonly unknown[]): string[] {
    return values.map((value) => this.describe(value));
  }

  /** Counts a fault point and decides whether it is the one that throws. */
  private opEvent<E extends DistributiveOmit<OperationEvent, 'status'>>(event: E): E & { status: Status } {
    if (this.armed) this.opCount++;
    const faulted = this.armed && this.opCount === this.faults.throwAtOp;
    return { ...event, status: faulted ? 'fault' : 'ok' };
  }

  private callEvent(resource: FakeResource, method: string, args: readonly unknown[]): OperationEvent {
    const event = this.opEvent({ kind: 'call', resource: resource.id, method, args: this.describeAll(args) });
    return event.status === 'ok' && resource.released ? { ...event, status: 'released' } : event;
  }

  private releaseEvent(resource: FakeResource, method: string, args: readonly unknown[]): OperationEvent {
    const { failReleases } = this.faults;
    const faulted = failReleases === 'all' || failReleases.includes(resource.id);
    const status: Status = resource.released ? 'released' : faulted ? 'fault' : 'ok';
    // A release that throws still counts as done: the next one is a repeat, not a second chance to fail.
    resource.released = true;
    return { kind: 'release', resource: resource.id, method, args: this.describeAll(args), status };
  }

  /** Records the event now; the returned thunk produces the operation's result or throws its error. */
  private operate<T>(event: OperationEvent, result: () => T, repeatError?: string): () => T {
    this.events.push(event);
    if (event.status === 'fault') return this.thrower(injectedMessage(event));
    if (event.status === 'ok') return result;
    if (event.kind === 'call') return this.thrower(`${event.resource}.${event.method}(): the resource was already released`);
    return repeatError === undefined ? result : this.thrower(repeatError);
  }

  private thrower(message: string): () => never {
    return () => {
      throw new this.realm.Error(message);
    };
  }

  private later<T>(complete: () => T): Promise<T> {
    const promise = this.realm.Promise.resolve().then(complete);
    // An operation the program never awaits must not become an unhandled rejection in the test
    // runner; the trace already shows it (an `abort` event, or the outcome).
    promise.catch(noop);
    return promise;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function noop(): void {
  // Nothing to produce: the trace event is the whole effect.
}

abstract class FakeResource {
  released = false;

  constructor(
    protected readonly world: World,
    readonly id: string,
  ) {}
}

function resourceId(value: object): string | undefined {
  return value instanceof FakeResource ? value.id : undefined;
}

/** `fs/promises` FileHandle. Stricter than Node's, whose `close()` waits for operations in flight: here they abort. */
class FakeFileHandle extends FakeResource {
  constructor(
    world: World,
    id: string,
    private readonly path: string,
  ) {
    super(world, id);
  }

  read(...args: unknown[]): Promise<{ bytesRead: number }> {
    return this.world.callAsync(this, 'read', args, () => ({ bytesRead: 0 }));
  }

  readFile(...args: unknown[]): Promise<string> {
    return this.world.callAsync(this, 'readFile', args, () => `contents of ${this.path}`);
  }

  write(data: unknown, ...rest: unknown[]): Promise<{ bytesWritten: number }> {
    return this.world.callAsync(this, 'write', [data, ...rest], () => ({ bytesWritten: String(data).length }));
  }

  stat(...args: unknown[]): Promise<{ size: number }> {
    return this.world.callAsync(this, 'stat', args, () => ({ size: 42 }));
  }

  close(): Promise<void> {
    return this.world.releaseAsync(this, 'close', []);
  }

  // Node's FileHandle disposes by closing; recording it as `close` lets both spellings trace alike.
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

interface QueryResult {
  readonly rows: readonly { readonly query: string }[];
  readonly rowCount: number;
}

function queryResult(text: unknown): QueryResult {
  return { rows: [{ query: String(text) }], rowCount: 1 };
}

/** `pg` PoolClient: released with `release(destroy?)`, and, like the real one, no dispose member. */
class FakePoolClient extends FakeResource {
  query(...args: unknown[]): Promise<QueryResult> {
    return this.world.callAsync(this, 'query', args, () => queryResult(args[0]));
  }

  release(...args: unknown[]): void {
    this.world.releaseSync(this, 'release', args, 'Release called on client which has already been released to the pool.');
  }
}

class FakePool extends FakeResource {
  connect(): Promise<FakePoolClient> {
    const id = this.world.numberedId('client');
    return this.world.acquireAsync(id, 'pool.connect', [], () => new FakePoolClient(this.world, id));
  }

  query(...args: unknown[]): Promise<QueryResult> {
    return this.world.callAsync(this, 'query', args, () => queryResult(args[0]));
  }

  end(): Promise<void> {
    return this.world.releaseAsync(this, 'end', []);
  }
}

/** `pg` Client: connected and ended explicitly, no dispose member. */
class FakeClient extends FakeResource {
  connect(): Promise<void> {
    return this.world.callAsync(this, 'connect', [], noop);
  }

  query(...args: unknown[]): Promise<QueryResult> {
    return this.world.callAsync(this, 'query', args, () => queryResult(args[0]));
  }

  end(): Promise<void> {
    return this.world.releaseAsync(this, 'end', []);
  }
}

/** `./resource`'s `acquire(name)`: async, with `close()` and `[Symbol.asyncDispose]`. */
class AsyncResource extends FakeResource {
  use(...args: unknown[]): Promise<string> {
    return this.world.callAsync(this, 'use', args, () => `${this.id}:used`);
  }

  close(): Promise<void> {
    return this.world.releaseAsync(this, 'close', []);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** `./resource`'s `acquireSync(name)`: sync, with `close()` and `[Symbol.dispose]`. */
class SyncResource extends FakeResource {
  use(...args: unknown[]): string {
    return this.world.callSync(this, 'use', args, () => `${this.id}:used`);
  }

  close(): void {
    this.world.releaseSync(this, 'close', []);
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** `./resource`'s `acquireLegacy(name)`: async, released with `release()`, no dispose member. */
class LegacyResource extends FakeResource {
  use(...args: unknown[]): Promise<string> {
    return this.world.callAsync(this, 'use', args, () => `${this.id}:used`);
  }

  release(): Promise<void> {
    return this.world.releaseAsync(this, 'release', []);
  }
}

/** An undici response body: consumed by `text()`, released by `dump()` (a second dump does nothing). */
class FakeBody extends FakeResource {
  text(): Promise<string> {
    return this.world.callAsync(this, 'text', [], () => `${this.id}:text`);
  }

  dump(): Promise<void> {
    return this.world.releaseAsync(this, 'dump', []);
  }
}

/** An undici `Pool`: `request()` acquires a response body, `close()` releases the pool. */
class FakeDispatcher extends FakeResource {
  request(options: unknown): Promise<{ statusCode: number; body: FakeBody }> {
    const id = this.world.numberedId('body');
    return this.world.acquireAsync(id, 'pool.request', [options], () => ({ statusCode: 200, body: new FakeBody(this.world, id) }));
  }

  close(): Promise<void> {
    return this.world.releaseAsync(this, 'close', []);
  }
}

/** What `require(specifier)` returns in the sandbox; a module not listed here is a harness error. */
export function fakeModules(world: World): ReadonlyMap<string, object> {
  const fsPromises = {
    open(path: unknown, ...rest: unknown[]): Promise<FakeFileHandle> {
      const id = world.numberedId('file');
      return world.acquireAsync(id, 'fs.open', [path, ...rest], () => new FakeFileHandle(world, id, String(path)));
    },
  };
  // Functions rather than classes: `new Pool()` must be able to return the acquisition's result,
  // or throw its injected fault, like any other acquisition.
  function Pool(config?: unknown): FakePool {
    const id = world.numberedId('pool');
    return world.acquireSync(id, 'new Pool', config === undefined ? [] : [config], () => new FakePool(world, id));
  }
  function Client(config?: unknown): FakeClient {
    const id = world.numberedId('pgclient');
    return world.acquireSync(id, 'new Client', config === undefined ? [] : [config], () => new FakeClient(world, id));
  }
  function UndiciPool(origin: unknown): FakeDispatcher {
    const id = world.numberedId('pool');
    return world.acquireSync(id, 'new Pool', [origin], () => new FakeDispatcher(world, id));
  }
  const resource = {
    acquire(name: string): Promise<AsyncResource> {
      const id = world.namedId(name);
      return world.acquireAsync(id, 'acquire', [name], () => new AsyncResource(world, id));
    },
    acquireSync(name: string): SyncResource {
      const id = world.namedId(name);
      return world.acquireSync(id, 'acquireSync', [name], () => new SyncResource(world, id));
    },
    acquireLegacy(name: string): Promise<LegacyResource> {
      const id = world.namedId(name);
      return world.acquireAsync(id, 'acquireLegacy', [name], () => new LegacyResource(world, id));
    },
  };
  const work = {
    step: (label: string): Promise<void> => world.stepAsync(label),
    stepSync: (label: string): void => {
      world.stepSync(label);
    },
  };
  return new Map<string, object>([
    ['node:fs/promises', fsPromises],
    ['fs/promises', fsPromises],
    ['pg', { Pool, Client }],
    ['undici', { Pool: UndiciPool }],
    ['./resource', resource],
    ['./work', work],
  ]);
}
