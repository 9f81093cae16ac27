import * as fs from 'node:fs';
import * as path from 'node:path';

import { ts } from '../typescript.js';

/**
 * Whether stack rewrites (`DisposableStack` / `AsyncDisposableStack` adopting a resource whose
 * release is not its dispose member) are on: `true` or `false` as the user says, or `'auto'`, the
 * default of `disposable/prefer-using` and of both codemods, which turns them on only where the
 * rewritten code both type-checks and runs: the program's `lib` declares both stack classes, and
 * the package's `engines.node` admits only Node.js ≥ 24 (whose runtime has them) or the package
 * depends on a polyfill of them (in `dependencies`).
 */
export type StackSetting = boolean | 'auto';

export interface StackChoice {
  readonly stack: boolean;
  /** Why, in a few words, for the preflight and the docs' examples. */
  readonly why: string;
}

/** Packages that install DisposableStack, AsyncDisposableStack and SuppressedError at runtime. */
const STACK_POLYFILLS: readonly string[] = ['disposablestack', 'core-js', 'core-js-pure', '@ungap/disposable-stack'];

const STACK_CLASSES = ['DisposableStack', 'AsyncDisposableStack'];

export interface PackageJson {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** `'auto'` decided once per program and folder of files: an editor re-lint asks again only with a new program. */
const choices = new WeakMap<ts.Program, Map<string, StackChoice>>();

/** The stack setting for a file of `program` (without a program, from the package around `file` alone). */
export function chooseStack(setting: StackSetting, program: ts.Program | undefined, file: string): StackChoice {
  if (setting !== 'auto') return { stack: setting, why: setting ? 'on, as configured' : 'off, as configured' };
  const folder = path.dirname(path.resolve(file));
  let cache = program && choices.get(program);
  if (program && !cache) choices.set(program, (cache = new Map()));
  const cached = cache?.get(folder);
  if (cached) return cached;
  const choice = decideStack(nearestPackageJson(folder), program === undefined || declaresStacks(program));
  cache?.set(folder, choice);
  return choice;
}

/** The runtime polyfill of the stack classes a package depends on, and with `devDependencies`, one its tests may load. */
export function stackPolyfill(packageJson: PackageJson | undefined, { devDependencies = false } = {}): string | undefined {
  const dependencies = { ...packageJson?.dependencies, ...(devDependencies ? packageJson?.devDependencies : {}) };
  return STACK_POLYFILLS.find((name) => name in dependencies);
}

/** `'auto'` for a package, given whether its program's `lib` declares both stack classes. */
export function decideStack(packageJson: PackageJson | undefined, libDeclaresStacks: boolean): StackChoice {
  if (!libDeclaresStacks) return { stack: false, why: "off (auto): the program's lib does not declare DisposableStack and AsyncDisposableStack" };
  const range = packageJson?.engines?.node;
  // A runtime dependency only: a polyfill among the devDependencies reaches no user of a library.
  const polyfill = stackPolyfill(packageJson);
  if (polyfill) return { stack: true, why: `on (auto): ${polyfill}, a dependency, provides the stack classes at runtime` };
  const minimum = minimumNodeVersion(range);
  if (minimum !== undefined && minimum >= nodeVersion(24)) return { stack: true, why: `on (auto): engines.node ${range ?? ''} admits only Node.js ≥ 24, which has the stack classes` };
  return {
    stack: false,
    why: range
      ? `off (auto): engines.node ${range} admits Node.js before 24, which lacks the stack classes`
      : 'off (auto): no engines.node in package.json says the code runs on Node.js ≥ 24, which has the stack classes',
  };
}

function declaresStacks(program: ts.Program): boolean {
  const checker = program.getTypeChecker();
  return STACK_CLASSES.every((name) => checker.resolveName(name, undefined, ts.SymbolFlags.Value, false) !== undefined);
}

/** A version as one comparable number: 24.1 → 24001. */
export function nodeVersion(major: number, minor = 0): number {
  return major * 1000 + minor;
}

/** The lowest Node.js version a range like `>=20.19`, `^22.13.0 || >=24` allows (see `nodeVersion`). */
export function minimumNodeVersion(range: string | undefined): number | undefined {
  if (!range) return undefined;
  // A patch number is read with its version (`22.13.0`), not as a version of its own.
  const versions = [...range.matchAll(/(\d+)(?:\.(\d+))?(?:\.\d+)?/g)].map(([, major = '0', minor = '0']) => nodeVersion(Number(major), Number(minor)));
  return versions.length > 0 ? Math.min(...versions) : undefined;
}

/** The package.json nearest to `start` (a file or a folder). */
export function nearestPackageJson(start: string): PackageJson | undefined {
  let folder = path.resolve(start);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) folder = path.dirname(folder);
  for (;;) {
    const candidate = path.join(folder, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        return JSON.parse(fs.readFileSync(candidate, 'utf8')) as PackageJson;
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
