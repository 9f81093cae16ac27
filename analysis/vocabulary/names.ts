/**
 * Every method and function name the engine gives a meaning to, defined once. The analyses, the
 * rules and the codemods import these lists; none keeps a copy. Where two callers need different
 * subsets, the subset is named here (see the collection methods), not written again elsewhere.
 */

/**
 * Method names that release a value whose type has a dispose member, when the type has them:
 * the names real libraries give their `close()` (streams `destroy`/`end`, child processes `kill`,
 * workers `terminate`, redis `quit`/`disconnect`, mongodb sessions `endSession`, temporary
 * directories `remove`, AbortController-like `abort`, services `stop`/`shutdown`). Legacy
 * resources without a dispose member use their preset's or declaration's `release` list instead.
 */
export const GENERIC_RELEASE_METHODS: readonly string[] = [
  'close',
  'closeSync',
  'dispose',
  'disposeAsync',
  'destroy',
  'end',
  'release',
  'kill',
  'terminate',
  'quit',
  'disconnect',
  'abort',
  'remove',
  'stop',
  'shutdown',
  'endSession',
];

/**
 * The names that make a class of the program look like it holds something to release (Python's
 * `__aexit__` under its usual names): `implement-dispose` asks such classes for a dispose member.
 * A subset of GENERIC_RELEASE_METHODS: `kill`, `abort`, `remove`, `stop`, `closeSync`,
 * `disposeAsync` and `endSession` are too often ordinary verbs of a class (`stop()` a timer,
 * `remove(item)` from a list) to ask for a dispose member on them. The order decides which
 * method the dispose member calls when a class has several. Users extend the list; it is never
 * replaced.
 */
export const DEFAULT_CLEANUP_METHODS: readonly string[] = [
  'close',
  'dispose',
  'release',
  'destroy',
  'end',
  'disconnect',
  'quit',
  'shutdown',
  'terminate',
];

/** The classes that own what is put in them, and release it when they are disposed. */
export const STACK_TYPES: ReadonlySet<string> = new Set(['DisposableStack', 'AsyncDisposableStack']);

/**
 * A stack's methods that take ownership: `use(x)` and `adopt(x, release)` take the value,
 * `defer(() => x.close())` the release, and `move()` hands everything to a new stack.
 */
export const STACK_METHODS: ReadonlySet<string> = new Set(['use', 'adopt', 'defer', 'move']);

/** Of those, the ones that add to the stack itself (not `move()`). */
export const STACK_TAKING_METHODS: ReadonlySet<string> = new Set(['use', 'adopt', 'defer']);

/** Methods that put their argument into the receiver, which then keeps it: an array, set or map. */
export const COLLECTION_STORE_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set', 'splice']);

/**
 * Methods that put their argument into a collection: the ones that store it in the receiver, and
 * `concat`, which returns a new array holding it. For ownership both hand the value on; for "is it
 * stored outside the block" only the storing ones say where it went.
 */
export const COLLECTION_METHODS: ReadonlySet<string> = new Set([...COLLECTION_STORE_METHODS, 'concat']);

/**
 * Functions typed as returning their argument that return a new value: `structuredClone(x)` is
 * declared `<T>(value: T) => T`, but what it returns is a copy the caller owns.
 */
export const FRESH_COPIES: ReadonlySet<string> = new Set(['structuredClone']);

/**
 * Methods typed as returning the receiver's own type that return a new one the caller owns:
 * node-redis's `client.duplicate()` opens a second connection; `clone()` and `fork()` alike.
 */
export const COPYING_METHODS: ReadonlySet<string> = new Set(['duplicate', 'clone', 'fork']);

/**
 * Methods that read a resource to its end and release it: a mongodb cursor's or a readable's
 * `toArray()` closes it when it is exhausted (and on error).
 */
export const CONSUMING_METHODS: ReadonlySet<string> = new Set(['toArray']);

/** Functions and methods that consume a stream to its end, after which `autoDestroy` closes it. */
export const STREAM_CONSUMERS: ReadonlySet<string> = new Set(['pipe', 'pipeline']);

/** Events whose listener makes a readable stream flow to its end. */
export const FLOWING_EVENTS: ReadonlySet<string> = new Set(['data']);

/**
 * Names of callback parameters that are continuations: handing a resource to `resolve(x)` or
 * `callback(null, x)` passes it on; any other parameter (`work(client)`) only borrows it.
 */
export const CONTINUATION_NAMES = /^(resolve|reject|fulfill|cb|callback|done|next|ready|on[A-Z]\w*)$/;

/** Functions that run their callback later, after the calling block may have ended. */
export const TIMER_FUNCTIONS: ReadonlySet<string> = new Set([
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'requestAnimationFrame',
]);

/** Objects whose timer methods are the global ones: `globalThis.setTimeout`, `process.nextTick`. */
export const TIMER_RECEIVERS: ReadonlySet<string> = new Set(['globalThis', 'window', 'global', 'self', 'process', 'timers']);

/** Functions that cancel a timer they are given. */
export const TIMER_CANCELLERS: ReadonlySet<string> = new Set(['clearTimeout', 'clearInterval', 'clearImmediate']);

/** Methods that register an event listener, which runs whenever the event comes. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
]);

/**
 * Methods that hand their arguments to other code: an emitter's `emit(event, value)` gives the
 * value to its listeners (a page emitting the popup it opened), whose owner now decides its end.
 */
export const HANDING_OFF_METHODS: ReadonlySet<string> = new Set(['emit']);

/**
 * Methods that take an object a cleanup method gives back (a lock's `acquire()`/`lock()`): with
 * one of them beside it, a cleanup that only resets a flag still ends something.
 */
export const PAIRED_ACQUIRE_METHODS: ReadonlySet<string> = new Set(['acquire', 'lock']);

/** Methods that remove a listener or end a subscription: what a subscriber's cleanup undoes. */
export const UNSUBSCRIBING_METHODS: ReadonlySet<string> = new Set([
  'off',
  'removeListener',
  'removeAllListeners',
  'removeEventListener',
  'unsubscribe',
]);

/** Type names of a promise as declarations write their return types (`Promise<this>`, `PromiseLike<T>`). */
export const PROMISE_TYPE_NAMES: ReadonlySet<string> = new Set(['Promise', 'PromiseLike']);

/** A promise's own methods: a chain of them is one promise. */
export const PROMISE_CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** `Promise.all` and friends: they wait for the promises they are given. */
export const PROMISE_COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'race', 'any']);

/** Array methods whose result holds what their callback returns (`Promise.all(xs.map(…))`). */
export const MAPPING_METHODS: ReadonlySet<string> = new Set(['map', 'flatMap', 'from']);

/**
 * Calls that are fine on a resource after its release: event registration and removal (a `close`
 * handler after `end()`), state queries, restarts and conversions to text.
 */
export const ALLOWED_AFTER_RELEASE: ReadonlySet<string> = new Set([
  ...LISTENER_METHODS,
  ...UNSUBSCRIBING_METHODS,
  'emit',
  'listenerCount',
  'listeners',
  'rawListeners',
  'eventNames',
  'getMaxListeners',
  'setMaxListeners',
  'listen',
  'start',
  'open',
  'restart',
  'ref',
  'unref',
  'hasRef',
  'address',
  'toString',
  'toJSON',
  'valueOf',
  'inspect',
]);

/**
 * Methods that cannot throw in practice, whatever their receiver: EventEmitter's listener
 * bookkeeping (adding a listener included), removing a listener or ending a subscription
 * (`diagnostics_channel.unsubscribe(name, onMessage)`), and a handle's `ref`/`unref`. A `finally`
 * that calls `removeAllListeners()` before `close()` still releases on every path.
 */
export const NEVER_THROWING_METHODS: ReadonlySet<string> = new Set([
  ...LISTENER_METHODS,
  ...UNSUBSCRIBING_METHODS,
  'setMaxListeners',
  // A socket's options (`socket.setNoDelay(true)`, `socket.setTimeout(ms)`): they only store a value.
  'setKeepAlive',
  'setNoDelay',
  'setTimeout',
  'listenerCount',
  'ref',
  'unref',
]);

/**
 * The names a promise's settle functions go by (`new Promise((resolve, reject) => …)`,
 * `const { promise, resolve } = Promise.withResolvers()`): held in a variable and returning
 * `void`, such a function never throws (the throw model).
 */
export const SETTLE_FUNCTION_NAMES: ReadonlySet<string> = new Set(['resolve', 'reject']);

/**
 * Methods of an array that take no callback and only add, remove or look up elements: on a
 * receiver typed as an array they do not throw (a `tracer.push(message)` in a logging hook).
 */
export const ARRAY_NEVER_THROWING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'pop', 'shift', 'includes', 'indexOf', 'at', 'slice']);

/**
 * Methods of the built-in `Map` and `Set` that take no callback: on such a receiver they do not
 * throw (`this.labels.add(label)` in an error's helper). A `WeakMap`'s or `WeakSet`'s can: they
 * reject a key that is not an object.
 */
export const KEYED_COLLECTION_NEVER_THROWING_METHODS: ReadonlySet<string> = new Set(['get', 'set', 'has', 'add', 'delete', 'clear']);

/** The built-in keyed collections whose methods above cannot throw. */
export const KEYED_COLLECTIONS: ReadonlySet<string> = new Set(['Map', 'Set', 'ReadonlyMap', 'ReadonlySet']);

/** Test assertions: a use inside one checks that a release worked, it does not use the resource. */
export const ASSERTION_CALLS: ReadonlySet<string> = new Set(['expect', 'assert', 'throws', 'rejects', 'doesNotThrow', 'doesNotReject']);

/**
 * Names in an assertion that expect a promise to reject: node:assert's `rejects`, jest's and
 * vitest's `expect(p).rejects`, chai-as-promised's `rejected`/`rejectedWith`.
 */
export const REJECTION_ASSERTIONS: ReadonlySet<string> = new Set(['rejects', 'rejected', 'rejectedWith']);

/** Assertions that a function throws: `assert.throws(fn)`, `expect(fn).to.throw(E)`, `expect(fn).toThrow()`. */
export const THROW_ASSERTIONS: ReadonlySet<string> = new Set(['throws', 'throw', 'toThrow', 'toThrowError']);

/** Test frameworks' suite functions (mocha, jest, vitest, node:test): their callback declares a suite. */
export const SUITE_FUNCTIONS: ReadonlySet<string> = new Set(['describe', 'context', 'suite']);

/** Hooks that run after a suite's tests, whatever the tests did: where a suite releases what it shares. */
export const AFTER_HOOKS: ReadonlySet<string> = new Set(['after', 'afterEach', 'afterAll', 'teardown', 'suiteTeardown']);

/**
 * A resource's own state flags: `isOpen`/`connected` say there is something to release, `closed`/
 * `destroyed` that there is not. A release guarded by one (`if (client.isOpen) client.destroy()`)
 * is a release on every path.
 */
export const OPEN_STATE_PROPERTIES: ReadonlySet<string> = new Set(['isOpen', 'isReady', 'connected', 'isConnected']);
export const CLOSED_STATE_PROPERTIES: ReadonlySet<string> = new Set(['closed', 'destroyed', 'isClosed', 'disposed', 'ended']);

/** The method a client opens its connection with: until it is called (or an operation runs), nothing is open. */
export const CONNECTING_METHOD = 'connect';

/**
 * A server's `listen()`: it throws only before listening (a bad port), so a throw there leaves
 * the server holding nothing.
 */
export const LISTEN_METHOD = 'listen';

/** Functions that return a client already connecting (`net.connect(port)`, `createConnection()`). */
export const CONNECTING_FACTORIES: ReadonlySet<string> = new Set(['connect', 'createConnection']);

/** Functions a module's top level runs as its program even when nothing calls them by that name. */
export const ENTRY_FUNCTION_NAMES: readonly string[] = ['main'];

/** Properties of a caught error that a `catch` reads to tell errors apart. */
export const ERROR_INSPECTING_PROPERTIES: ReadonlySet<string> = new Set(['code', 'name', 'errno', 'cause', 'constructor']);

/**
 * Built-ins that read an object's shape and keep nothing of it (`Object.getPrototypeOf(pool)`,
 * `Object.keys(client)`): inspections (analysis/inspections.ts), whatever their result type.
 */
export const REFLECTION_FUNCTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Object', new Set(['getPrototypeOf', 'keys', 'getOwnPropertyNames', 'getOwnPropertySymbols', 'getOwnPropertyDescriptor', 'isFrozen', 'isSealed', 'isExtensible'])],
  ['Reflect', new Set(['getPrototypeOf', 'has', 'ownKeys', 'getOwnPropertyDescriptor'])],
]);

/**
 * Names of functions that answer a question about their arguments (`isConfig(value)`,
 * `hasListeners(emitter)`): with a boolean result, an inspection (analysis/inspections.ts).
 */
export const INSPECTION_NAME = /^(is|has)[A-Z_$]/;

/**
 * Files of a test suite, by the conventions of the common runners: `*.test.ts`, `*.spec.ts`, and
 * anything under a `test/`, `tests/` or `__tests__/` folder.
 */
export const TEST_FILE = /(\.(test|spec|e2e)\.[cm]?[jt]sx?$)|((^|\/)(tests?|__tests__)\/)/;
