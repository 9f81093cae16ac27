// Crash-freedom on real code: every rule (with type information) and the codemod over the
// TypeScript sources rxjs ships in its npm package, copied out of node_modules (which ESLint
// ignores) into a project of their own. `npm test` runs a sample, `npm run soak` the whole tree.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

import { InputError, transformSource } from '../../codemods/try-finally-to-using/transform.js';
import plugin from '../../index.js';

export const RXJS_VERSION = '7.8.2';
const cacheDir = path.resolve('node_modules/.cache/soak');

/** rxjs's shipped `src/`, installed once into a cache folder (npm's own client, no lockfile change). */
export function rxjsSources(): string {
  const src = path.join(cacheDir, 'node_modules/rxjs/src');
  if (!existsSync(path.join(src, 'index.ts'))) {
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', cacheDir, `rxjs@${RXJS_VERSION}`], {
      stdio: 'pipe',
    });
  }
  return src;
}

export interface Tree {
  readonly dir: string;
  readonly tsconfig: string;
  /** Every .ts file, absolute, sorted. */
  readonly files: readonly string[];
  readonly dispose: () => void;
}

/** rxjs's own path mappings, without `baseUrl` (deprecated in TypeScript 6). */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ESNext', 'DOM'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    types: ['node'],
    typeRoots: [path.resolve('node_modules/@types')],
    strict: true,
    noImplicitReturns: true,
    noEmit: true,
    skipLibCheck: true,
    paths: {
      rxjs: ['./src/index'],
      'rxjs/operators': ['./src/operators/index'],
      'rxjs/testing': ['./src/testing/index'],
      'rxjs/ajax': ['./src/ajax/index'],
      'rxjs/webSocket': ['./src/webSocket/index'],
      'rxjs/fetch': ['./src/fetch/index'],
      'rxjs/internal/*': ['./src/internal/*'],
    },
  },
  include: ['src/**/*.ts'],
};

/** A copy of the sources (or of `replacements` over them) in a fresh project folder. */
export function copyTree(src: string, replacements: ReadonlyMap<string, string> = new Map(), from?: Tree): Tree {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'disposable-soak-'));
  cpSync(src, path.join(dir, 'src'), { recursive: true });
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify(TSCONFIG, null, 2));
  const files = listTs(path.join(dir, 'src'));
  for (const [file, text] of replacements) {
    const relative = from ? path.relative(from.dir, file) : file;
    writeFileSync(path.join(dir, relative), text);
  }
  return { dir, tsconfig, files, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(dir, file))
    .sort();
}

/** Type errors of the whole tree, as `file:line message` (relative to the tree). */
export function typeErrors(tree: Tree): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(tree.tsconfig, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
    },
  });
  if (!parsed) throw new Error(`cannot read ${tree.tsconfig}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${path.relative(tree.dir, diagnostic.file.fileName)}:${String(diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1)}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

/** Every `count`-th file, spread over the tree, so that a sample is deterministic. */
export function sample(files: readonly string[], count: number): string[] {
  if (count >= files.length) return [...files];
  const step = files.length / count;
  return Array.from({ length: count }, (_, index) => files[Math.floor(index * step)]).filter((file) => file !== undefined);
}

export interface SoakFigures {
  files: number;
  findings: number;
  crashes: string[];
  sites: number;
  converted: number;
  changedFiles: number;
  inputErrors: string[];
  brokenOutputs: string[];
  notIdempotent: string[];
  baselineErrors: number;
  transformedErrors: number;
  newTypeErrors: string[];
  millis: number;
}

/** Lints `files` with every rule of the plugin, then runs the codemod on them (twice). */
export async function soak(tree: Tree, files: readonly string[]): Promise<SoakFigures> {
  const started = Date.now();
  const figures: SoakFigures = {
    files: files.length,
    findings: 0,
    crashes: [],
    sites: 0,
    converted: 0,
    changedFiles: 0,
    inputErrors: [],
    brokenOutputs: [],
    notIdempotent: [],
    baselineErrors: 0,
    transformedErrors: 0,
    newTypeErrors: [],
    millis: 0,
  };
  const eslint = new ESLint({
    cwd: tree.dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { project: tree.tsconfig, tsconfigRootDir: tree.dir } },
        plugins: { disposable: plugin },
        rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`disposable/${name}`, 'error'])),
      },
    ] as unknown as Linter.Config[],
  });
  for (const file of files) {
    try {
      const [result] = await eslint.lintFiles([file]);
      for (const message of result?.messages ?? []) {
        if (message.fatal) figures.crashes.push(`${path.relative(tree.dir, file)}: fatal: ${message.message}`);
        else figures.findings++;
      }
    } catch (error) {
      figures.crashes.push(`${path.relative(tree.dir, file)}: ${(error as Error).stack ?? String(error)}`);
    }
  }

  const outputs = new Map<string, string>();
  for (const file of files) {
    const relative = path.relative(tree.dir, file);
    const source = readFileSync(file, 'utf8');
    let output: string | undefined;
    try {
      const result = transformSource(file, source, { tsconfig: tree.tsconfig, stack: false, allowBehaviorChange: true });
      figures.sites += result.sites.length;
      figures.converted += result.sites.filter((site) => site.status === 'converted').length;
      output = result.output;
    } catch (error) {
      if (error instanceof InputError) figures.inputErrors.push(`${relative}: ${error.message}`);
      else figures.crashes.push(`${relative}: codemod: ${(error as Error).stack ?? String(error)}`);
      continue;
    }
    if (output === undefined) continue;
    figures.changedFiles++;
    const reparsed = ts.createSourceFile(file, output, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const syntax = (reparsed as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
    const [firstError] = syntax;
    if (firstError) figures.brokenOutputs.push(`${relative}: ${ts.flattenDiagnosticMessageText(firstError.messageText, ' ')}`);
    outputs.set(file, output);
  }

  // The transformed tree type-checks no worse than the original, and a second run changes nothing.
  const baseline = typeErrors(tree);
  figures.baselineErrors = baseline.length;
  if (outputs.size > 0) {
    const transformed = copyTree(path.join(tree.dir, 'src'), outputs, tree);
    try {
      const after = typeErrors(transformed);
      figures.transformedErrors = after.length;
      figures.newTypeErrors = after.filter((error) => !baseline.includes(error));
      for (const [file, output] of outputs) {
        const copy = path.join(transformed.dir, path.relative(tree.dir, file));
        try {
          const again = transformSource(copy, output, { tsconfig: transformed.tsconfig, stack: false, allowBehaviorChange: true });
          if (again.output !== undefined && again.output !== output) figures.notIdempotent.push(path.relative(tree.dir, file));
        } catch (error) {
          figures.crashes.push(`${path.relative(tree.dir, file)}: codemod on its output: ${(error as Error).message}`);
        }
      }
    } finally {
      transformed.dispose();
    }
  } else {
    figures.transformedErrors = baseline.length;
  }
  figures.millis = Date.now() - started;
  return figures;
}

export function formatSoak(figures: SoakFigures): string {
  return [
    `${String(figures.files)} files linted with every rule: ${String(figures.findings)} findings, ${String(figures.crashes.length)} crashes`,
    `codemod: ${String(figures.sites)} sites, ${String(figures.converted)} converted, ${String(figures.changedFiles)} files changed, ${String(figures.inputErrors.length)} input errors, ${String(figures.brokenOutputs.length)} broken outputs, ${String(figures.notIdempotent.length)} not idempotent`,
    `type errors: ${String(figures.baselineErrors)} before, ${String(figures.transformedErrors)} after (${String(figures.newTypeErrors.length)} new)`,
    `${String(figures.millis)} ms`,
    ...figures.crashes.slice(0, 5),
  ].join('\n');
}
