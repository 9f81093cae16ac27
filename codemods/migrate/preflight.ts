import * as fs from 'node:fs';
import * as path from 'node:path';

import { decideStack, minimumNodeVersion, nearestPackageJson, nodeVersion as version, stackPolyfill, type StackSetting } from '../../analysis/rewrite/stack-runtime.js';
import { ts } from '../../analysis/typescript.js';

export interface Check {
  readonly ok: boolean;
  readonly message: string;
}

export interface ProjectFacts {
  readonly configPaths: readonly string[];
  readonly allowJs: boolean;
  readonly outDirs: readonly string[];
  readonly checks: readonly Check[];
}

const DISPOSABLE_LIBS = ['lib.esnext.disposable.d.ts', 'lib.esnext.d.ts', 'lib.esnext.full.d.ts'];

/**
 * What the migrated code needs, read off the tsconfig(s) and package.json before anything is
 * written (docs/semantics.md item 15): `lib` with esnext.disposable, a `target` that lowers `using` (or
 * a runtime that has it), and DisposableStack / SuppressedError at runtime for stack rewrites; and
 * whether those are on (`stack`: what `'auto'` chose, and why).
 */
export function preflight(paths: readonly string[], options: { tsconfig?: string | undefined; stack: StackSetting }): ProjectFacts {
  const configPaths = new Set<string>();
  if (options.tsconfig) configPaths.add(path.resolve(options.tsconfig));
  else {
    for (const given of paths) {
      const absolute = path.resolve(given);
      const folder = fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
      const found = ts.findConfigFile(folder, (file) => ts.sys.fileExists(file));
      if (found) configPaths.add(path.resolve(found));
    }
  }
  const checks: Check[] = [];
  let allowJs = false;
  const outDirs: string[] = [];
  const packageJson = nearestPackageJson(paths[0] ?? '.');
  const minimumNode = minimumNodeVersion(packageJson?.engines?.node);
  let libDeclaresStacks = true;
  const nodeText = packageJson?.engines?.node ? `engines.node ${packageJson.engines.node}` : 'no engines.node in package.json';

  if (configPaths.size === 0) {
    checks.push({ ok: false, message: 'no tsconfig.json found above the given paths: pass --tsconfig=<path>' });
  }
  for (const { configPath, parsed } of withReferences(configPaths)) {
    const relative = path.relative(process.cwd(), configPath) || configPath;
    if (!parsed) {
      checks.push({ ok: false, message: `${relative}: cannot be read` });
      continue;
    }
    // A solution-style config (`files: []` and references) compiles nothing itself: its own
    // options say nothing about the emitted code, the referenced projects' options do.
    if (parsed.fileNames.length === 0 && (parsed.projectReferences?.length ?? 0) > 0) continue;
    const compilerOptions = parsed.options;
    allowJs ||= compilerOptions.allowJs === true;
    if (compilerOptions.outDir) outDirs.push(compilerOptions.outDir);
    const target = compilerOptions.target ?? ts.ScriptTarget.ES5;
    const libs = compilerOptions.lib?.map((lib) => path.basename(lib).toLowerCase());
    const libOk = libs ? libs.some((lib) => DISPOSABLE_LIBS.includes(lib)) : target >= ts.ScriptTarget.ESNext;
    libDeclaresStacks &&= libOk;
    checks.push(
      libOk
        ? { ok: true, message: `${relative}: lib includes esnext.disposable` }
        : { ok: false, message: `${relative}: add "esnext.disposable" (or "esnext") to compilerOptions.lib, or \`using\` will not type-check` },
    );
    const targetName = scriptTargetName(target);
    if (target >= ts.ScriptTarget.ESNext) {
      const ok = minimumNode !== undefined && minimumNode >= version(24);
      checks.push({
        ok,
        message: ok
          ? `${relative}: target ${targetName} emits \`using\` as written; ${nodeText} runs it natively`
          : `${relative}: target ${targetName} emits \`using\` as written, which needs Node.js ≥ 24 (${nodeText}); or set a target below ESNext so TypeScript lowers it`,
      });
    } else {
      const ok = minimumNode === undefined || minimumNode >= version(20, 4) || (minimumNode >= version(18, 18) && minimumNode < version(19));
      checks.push({
        ok,
        message: ok
          ? `${relative}: target ${targetName} lowers \`using\`; the runtime needs Symbol.asyncDispose (Node.js ≥ 20.4; ${nodeText})`
          : `${relative}: target ${targetName} lowers \`using\`, but Symbol.asyncDispose needs Node.js ≥ 20.4 or 18.18 (${nodeText})`,
      });
    }
  }
  if (options.stack === 'auto') {
    const { stack, why } = decideStack(packageJson, libDeclaresStacks && configPaths.size > 0);
    checks.push({ ok: true, message: `stack rewrites ${why}; ${stack ? '--no-stack turns them off' : '--stack turns them on'}` });
  } else if (options.stack) {
    const polyfill = stackPolyfill(packageJson, { devDependencies: true });
    const ok = polyfill !== undefined || (minimumNode !== undefined && minimumNode >= version(24));
    checks.push({
      ok,
      message: ok
        ? `--stack: DisposableStack / AsyncDisposableStack / SuppressedError ${polyfill ? `come from ${polyfill}` : `are built into Node.js ≥ 24 (${nodeText})`}`
        : `--stack: DisposableStack / AsyncDisposableStack / SuppressedError need Node.js ≥ 24 (${nodeText}) or a polyfill such as \`disposablestack\` loaded at startup`,
    });
  }
  return { configPaths: [...configPaths], allowJs, outDirs, checks };
}

/**
 * `ESNext`, `ES2025`: the reverse enum mapping would give the aliases `Latest` and
 * `LatestStandard` instead, which no tsconfig says.
 */
function scriptTargetName(target: ts.ScriptTarget): string {
  const names = Object.entries(ts.ScriptTarget).filter(([name, value]) => value === target && !name.startsWith('Latest'));
  return names[0]?.[0] ?? String(target);
}

/** The configs and, transitively, the projects they reference, each once. */
function withReferences(configPaths: Iterable<string>): { configPath: string; parsed: ts.ParsedCommandLine | undefined }[] {
  const seen = new Set<string>();
  const result: { configPath: string; parsed: ts.ParsedCommandLine | undefined }[] = [];
  const visit = (configPath: string): void => {
    if (seen.has(configPath)) return;
    seen.add(configPath);
    const parsed = ts.sys.fileExists(configPath)
      ? ts.getParsedCommandLineOfConfigFile(configPath, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })
      : undefined;
    result.push({ configPath, parsed });
    for (const reference of parsed?.projectReferences ?? []) visit(path.resolve(ts.resolveProjectReferencePath(reference)));
  };
  for (const configPath of configPaths) visit(configPath);
  return result;
}

