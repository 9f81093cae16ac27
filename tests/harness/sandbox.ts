// Runs a compiled program once, in a fresh `node:vm` context, against a fresh fake world.
// A fresh context per run means nothing a program does to its globals or module state can leak
// into the next scenario; loading the polyfill into each costs a few milliseconds, because the
// compiled polyfill scripts are shared between contexts.

import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

import { compile, CompileError } from './compile.js';
import type { Trace } from './trace.js';
import { fakeModules, World, type Faults, type Realm } from './world.js';

/** A mistake in the harness's input (unknown module, no `run` export…), not a behavior of the program. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

export interface Program {
  readonly fileName: string;
  readonly script: vm.Script;
}

export interface Run {
  readonly trace: Trace;
  /** Fault points `run` passed: the scenarios can inject a throw at each of 1..ops. */
  readonly ops: number;
}

type ModuleWrapper = (exports: object, require: (specifier: string) => unknown, module: { exports: unknown }) => void;

export function loadProgram(jsOrTs: string, fileName = 'program.ts'): Program {
  const js = compile(jsOrTs, fileName);
  try {
    return { fileName, script: new vm.Script(wrapCommonJs(js, ['exports', 'require', 'module']), { filename: fileName }) };
  } catch (error) {
    // transpileModule skips the checker's grammar checks, so e.g. `await using` in a non-async
    // function compiles to JavaScript that only fails here.
    throw new CompileError(`${fileName} compiles to JavaScript that does not parse: ${String(error)}\n${js}`);
  }
}

export async function runProgram(program: Program, args: readonly unknown[], faults: Faults): Promise<Run> {
  const context = vm.createContext({});
  const realm = vm.runInContext('({ Error, Promise })', context) as Realm;
  const world = new World(faults, realm);
  installGlobals(context, world);

  const modules = fakeModules(world);
  const module = { exports: {} as unknown };
  const requireFake = (specifier: string): unknown => {
    const fake = modules.get(specifier);
    if (fake === undefined) {
      throw new HarnessError(
        `${program.fileName} requires "${specifier}", which the fake world does not provide (it has ${[...modules.keys()].join(', ')})`,
      );
    }
    return fake;
  };
  const wrapper = program.script.runInContext(context) as ModuleWrapper;
  try {
    wrapper.call(module.exports, module.exports as object, requireFake, module);
  } catch (error) {
    if (error instanceof HarnessError) throw error;
    throw new HarnessError(`evaluating ${program.fileName} threw: ${String(error)}`);
  }
  const run = (module.exports as { run?: unknown } | undefined)?.run;
  if (typeof run !== 'function') throw new HarnessError(`${program.fileName} must export a function \`run\``);

  world.arm();
  let returned: unknown;
  try {
    returned = (run as (...args: unknown[]) => unknown)(...args);
  } catch (error) {
    world.finish({ how: 'throw', error: world.describeThrown(error) });
  }
  if (!world.finished) {
    if (isThenable(returned)) {
      returned.then(
        (value) => {
          world.finish({ how: 'resolve', value: world.describe(value) });
        },
        (error: unknown) => {
          world.finish({ how: 'reject', error: world.describeThrown(error) });
        },
      );
    } else {
      world.finish({ how: 'return', value: world.describe(returned) });
    }
  }
  // Fakes settle on microtasks only and the sandbox has no timers, so once the check phase comes
  // every operation, including ones the program never awaited, has settled and been traced.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!world.finished) world.finish({ how: 'pending' });
  return { trace: world.events, ops: world.ops };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function installGlobals(context: vm.Context, world: World): void {
  const log = (...values: unknown[]): void => {
    world.log(values);
  };
  Object.assign(context, { console: { log, info: log, warn: log, error: log } });
  // The polyfill finds the global object through Node's `global`.
  vm.runInContext('globalThis.global = globalThis', context);
  // Node 20 defines Symbol.dispose/asyncDispose (registered symbols) in the main realm only; the
  // sandbox gets the same ones, so the fakes, which live in the main realm, are disposable there.
  const sandboxSymbol = vm.runInContext('Symbol', context) as SymbolConstructor;
  Object.defineProperties(sandboxSymbol, {
    dispose: { value: Symbol.dispose },
    asyncDispose: { value: Symbol.asyncDispose },
  });
  // The `auto` entry installs SuppressedError (from its suppressed-error dependency), DisposableStack
  // and AsyncDisposableStack; it must run inside the sandbox so they belong to the sandbox's realm.
  loadCommonJs(context, new Map(), polyfillEntry);
}

const polyfillEntry = createRequire(import.meta.url).resolve('disposablestack/auto');
const scriptCache = new Map<string, vm.Script>();

/** A minimal CommonJS loader for the polyfill's dependency tree, evaluated inside the sandbox. */
function loadCommonJs(context: vm.Context, loaded: Map<string, { exports: unknown }>, filename: string): unknown {
  const cached = loaded.get(filename);
  if (cached !== undefined) return cached.exports;
  const module = { exports: {} as unknown };
  loaded.set(filename, module);
  if (filename.endsWith('.json')) {
    const parse = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
    module.exports = parse(readFileSync(filename, 'utf8'));
    return module.exports;
  }
  let script = scriptCache.get(filename);
  if (script === undefined) {
    const params = ['exports', 'require', 'module', '__filename', '__dirname'];
    script = new vm.Script(wrapCommonJs(readFileSync(filename, 'utf8'), params), { filename });
    scriptCache.set(filename, script);
  }
  const hostRequire = createRequire(filename);
  const requireInSandbox = (specifier: string): unknown =>
    builtinModules.includes(specifier.replace(/^node:/, ''))
      ? hostRequire(specifier)
      : loadCommonJs(context, loaded, resolveCommonJs(hostRequire, specifier));
  const wrapper = script.runInContext(context) as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, requireInSandbox, module, filename, path.dirname(filename));
  return module.exports;
}

/**
 * Node ≥ 20.19 resolves the "module-sync" export condition for `require()`, which sends a few
 * es-shims packages (async-function…) to an ES module this loader cannot run; their `main` is the
 * CommonJS entry.
 */
function resolveCommonJs(hostRequire: NodeJS.Require, specifier: string): string {
  const resolved = hostRequire.resolve(specifier);
  if (!resolved.endsWith('.mjs')) return resolved;
  let dir = path.dirname(resolved);
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const { main } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string };
  if (main === undefined) throw new HarnessError(`${specifier} resolves to ES module ${resolved} and has no CommonJS main`);
  return createRequire(path.join(dir, 'package.json')).resolve(`./${main}`);
}

function wrapCommonJs(source: string, params: readonly string[]): string {
  // The header stays on the source's first line so that line numbers in errors still match.
  return `(function (${params.join(', ')}) {${source}\n})`;
}
