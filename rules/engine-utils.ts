import { createRequire } from 'node:module';
import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';

import { type Configuration, mergeConfiguration, parseConfiguration, toEngineOptions } from '../analysis/configuration.js';
import { type Engine, getEngine } from '../analysis/index.js';
import { ts } from '../analysis/typescript.js';

/** Messages every rule has, for what this file reports on its behalf. */
export const ENGINE_MESSAGES = {
  secondTypeScript:
    "This file's program was built by {{program}}, but eslint-plugin-disposable loaded {{plugin}}. The two number their syntax kinds and type flags differently, so no disposable/* rule can read this program, and they check nothing in it. Install eslint-plugin-disposable where it resolves the project's own `typescript` (not as a linked checkout), and keep one TypeScript in the dependency tree (`npm dedupe`, or the same version everywhere).",
} as const;

export type EngineMessageId = keyof typeof ENGINE_MESSAGES;

export interface RuleEngine {
  readonly engine: Engine;
  /** `settings.disposable`, then the rule's own options. */
  readonly configuration: Configuration;
}

type Context = Readonly<TSESLint.RuleContext<EngineMessageId, readonly unknown[]>>;

/** Per `settings.disposable` object: ESLint hands every file of a config the same one. */
const parsedSettings = new WeakMap<object, Configuration>();
const foreignPrograms = new WeakMap<ts.Program, boolean>();
const reportedPrograms = new WeakSet<ts.Program>();

/**
 * The engine of a rule: `settings.disposable` (checked once per settings object; a bad value
 * throws, and ESLint stops with the rule's name and the key) merged with the rule's options,
 * which ESLint has checked against the same schema. Undefined when the program comes from another
 * TypeScript than the plugin's: the first rule to see such a program reports it, and no rule
 * does anything else with it.
 */
export function getRuleEngine(context: Context, program: ts.Program, ruleOptions: Partial<Configuration> = {}): RuleEngine | undefined {
  const configuration = mergeConfiguration(settingsOf(context), ruleOptions);
  if (isForeign(program)) {
    if (!reportedPrograms.has(program)) {
      reportedPrograms.add(program);
      context.report({
        loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
        messageId: 'secondTypeScript',
        data: describeTypeScripts(program),
      });
    }
    return undefined;
  }
  return { engine: getEngine(program, toEngineOptions(configuration)), configuration };
}

function settingsOf(context: Context): Configuration {
  const value: unknown = context.settings['disposable'];
  if (typeof value !== 'object' || value === null) return parseConfiguration(value, 'settings.disposable');
  let parsed = parsedSettings.get(value);
  if (!parsed) {
    parsed = parseConfiguration(value, 'settings.disposable');
    parsedSettings.set(value, parsed);
  }
  return parsed;
}

/**
 * A program built by another copy of TypeScript (a linked checkout of the plugin, a monorepo with
 * two versions) numbers its syntax kinds and type flags its own way: the plugin's `ts.isX(node)`
 * and flag tests then silently find nothing. Each copy gives its source files a prototype of its
 * own, so one look per program tells; another copy of the same version numbers everything alike
 * and is fine.
 */
function isForeign(program: ts.Program): boolean {
  let foreign = foreignPrograms.get(program);
  if (foreign === undefined) {
    const [first] = program.getSourceFiles();
    foreign = first !== undefined && Object.getPrototypeOf(first) !== sourceFilePrototype(ts) && builderOf(first)?.version !== ts.version;
    foreignPrograms.set(program, foreign);
  }
  return foreign;
}

const requireHere = createRequire(import.meta.url);
const prototypes = new WeakMap<object, unknown>();

/** The prototype a copy of TypeScript gives its source files. */
function sourceFilePrototype(instance: typeof ts): unknown {
  let prototype = prototypes.get(instance);
  if (prototype === undefined) {
    prototype = Object.getPrototypeOf(instance.createSourceFile('probe.ts', '', instance.ScriptTarget.Latest));
    prototypes.set(instance, prototype);
  }
  return prototype;
}

interface LoadedTypeScript {
  readonly instance: typeof ts;
  readonly version: string;
  readonly folder: string;
}

/** Every copy of TypeScript this process has loaded (the parser `require`s its own). */
function loadedTypeScripts(): LoadedTypeScript[] {
  return Object.entries(requireHere.cache).flatMap(([file, loaded]) => {
    if (!/[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(file) || !loaded) return [];
    const instance = loaded.exports as typeof ts;
    if (typeof instance.createSourceFile !== 'function') return [];
    return [{ instance, version: instance.version, folder: path.dirname(path.dirname(file)) }];
  });
}

function builderOf(sourceFile: ts.SourceFile): LoadedTypeScript | undefined {
  const prototype = Object.getPrototypeOf(sourceFile) as unknown;
  return loadedTypeScripts().find((loaded) => loaded.instance !== ts && sourceFilePrototype(loaded.instance) === prototype);
}

/** Both copies by version and folder, for the message. */
function describeTypeScripts(program: ts.Program): { plugin: string; program: string } {
  const [first] = program.getSourceFiles();
  const own = loadedTypeScripts().find((loaded) => loaded.instance === ts);
  const builder = first && builderOf(first);
  return {
    plugin: `TypeScript ${ts.version}${own ? ` from ${own.folder}` : ''}`,
    program: builder ? `TypeScript ${builder.version} from ${builder.folder}` : 'another copy of TypeScript, which this process did not load from a `typescript` package folder',
  };
}
