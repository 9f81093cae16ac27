// Type definitions of libraries that cannot be dev dependencies, from the npm registry at pinned
// versions: sqlite3's install compiles its native addon when it cannot download a prebuilt one
// (always, on a registry-only network), which `npm ci` should not do for a type check. They are
// installed once, without install scripts, into the real corpus's cache, with a project whose
// files the rules can lint.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { cacheRoot, installWithoutScripts } from './real/setup.js';
import { TEMP_PROJECT_COMPILER_OPTIONS } from './temp-project.js';

/** The libraries installed this way, each with what its types need, at exact versions. */
export const TYPES_ONLY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sqlite3: { sqlite3: '6.0.1', '@types/node': '24.19.2' },
};

/** Whether the npm registry answers for a package; without it nothing can be installed. */
export function registryReachable(spec: string): boolean {
  if (process.env.DISPOSABLE_REAL_OFFLINE === '1') return false;
  try {
    execFileSync('npm', ['view', spec, 'version', '--loglevel=error'], { stdio: 'pipe', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A project folder whose `node_modules` holds `dependencies` (exact versions) as installed with
 * `--ignore-scripts`, with a tsconfig and an empty `file.ts` to lint cases as. Reused while the
 * pins are unchanged; throws with npm's own words when the install fails.
 */
export function typesOnlyProject(name: string, dependencies: Readonly<Record<string, string>>): string {
  const dir = path.join(cacheRoot(), `types-${name}`);
  const tsconfig = { compilerOptions: { ...TEMP_PROJECT_COMPILER_OPTIONS, noEmit: true }, include: ['*.ts'] };
  const stamp = JSON.stringify({ dependencies, tsconfig });
  const stampFile = path.join(dir, '.disposable-types-ready');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return dir;
  installWithoutScripts(dir, `disposable-types-${name}`, dependencies);
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeFileSync(path.join(dir, 'file.ts'), '');
  writeFileSync(stampFile, stamp);
  return dir;
}
