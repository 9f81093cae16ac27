// Brings the corpus onto this machine: puppeteer-core from the npm registry into a cache folder,
// the other repositories from clones the user prepared under $DISPOSABLE_REAL_ROOT.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { MIRRORS, PUPPETEER_CORE } from './repos.js';

/** Where installed packages are cached: $DISPOSABLE_REAL_CACHE, or a folder in the temp dir. */
export function cacheRoot() {
  return process.env.DISPOSABLE_REAL_CACHE ?? path.join(tmpdir(), 'disposable-real-cache');
}

/**
 * Installs the pinned puppeteer-core and its type dependencies (once; the folder is reused while
 * the pins are unchanged), copies `src/` and the `third_party/` declarations outside
 * `node_modules`, and writes the tsconfig. Returns the folder to lint, or throws with a message
 * that says what failed.
 */
export function preparePuppeteerCore({ log = () => {} } = {}) {
  const { dependencies, sourceManifest, projects } = PUPPETEER_CORE;
  const version = dependencies['puppeteer-core'];
  const dir = path.join(cacheRoot(), `puppeteer-core-${version}`);
  const stamp = JSON.stringify({ dependencies, sourceManifest, projects });
  const stampFile = path.join(dir, '.disposable-real-ready');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return dir;

  log(`installing puppeteer-core@${version} and its type dependencies into ${dir}`);
  installWithoutScripts(dir, 'disposable-real-puppeteer-core', dependencies);
  const pkg = path.join(dir, 'node_modules', 'puppeteer-core');
  cpSync(path.join(pkg, 'src'), path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'package.json'), `${JSON.stringify(sourceManifest, null, 2)}\n`);
  // `src/` imports `../../third_party/<lib>/<lib>.js`; the package ships their declarations in `lib/`.
  cpSync(path.join(pkg, 'lib', 'third_party'), path.join(dir, 'third_party'), { recursive: true });
  writeProjects(dir, projects);
  writeFileSync(stampFile, stamp);
  return dir;
}

/**
 * Empties `dir` and installs `dependencies` (exact versions) there from the npm registry, without
 * install scripts; throws with npm's own words when that fails.
 */
export function installWithoutScripts(dir, name, dependencies) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, private: true, dependencies }, null, 2)}\n`);
  try {
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
  } catch (error) {
    const stderr = error.stderr ? String(error.stderr) : '';
    throw new Error(`npm install of ${Object.keys(dependencies).join(', ')} failed in ${dir} (is the npm registry reachable?)\n${stderr || error.message}`);
  }
}

/** Writes the runner's tsconfigs into a repository folder. */
export function writeProjects(dir, projects) {
  for (const project of projects) {
    const file = path.join(dir, project.tsconfig);
    const text = `${JSON.stringify(project.content, null, 2)}\n`;
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  }
  return projects.map((project) => path.join(dir, project.tsconfig));
}

/**
 * The clone of a mirrored repository: `$DISPOSABLE_REAL_ROOT/<name>`. Returns `{ dir }`, or
 * `{ missing }` with the sentence to print when it is not there.
 */
export function locateMirror(repo) {
  const root = process.env.DISPOSABLE_REAL_ROOT;
  const how = `set DISPOSABLE_REAL_ROOT to a folder holding a clone '${repo.name}/' of github.com/${repo.github} at ${repo.commit.slice(0, 12)} (tests/real/prepare-clone.sh makes one)`;
  if (!root) return { missing: `mirror of ${repo.github} absent; ${how}` };
  const dir = path.join(root, repo.name);
  // The first checked-out folder tells whether the clone is there (`src` for most repositories).
  if (!existsSync(path.join(dir, repo.paths[0]))) return { missing: `mirror of ${repo.github} absent from ${dir}; ${how}` };
  if (!existsSync(path.join(dir, 'node_modules'))) {
    return { missing: `mirror of ${repo.github} at ${dir} has no node_modules; run \`${repo.install}\` there (or tests/real/prepare-clone.sh)` };
  }
  let head = '';
  try {
    head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  } catch {
    head = '';
  }
  const warning = head && head !== repo.commit ? `${repo.name}: clone is at ${head.slice(0, 12)}, labels are for ${repo.commit.slice(0, 12)}` : undefined;
  return { dir, warning };
}

export { MIRRORS };
