// Shared plumbing for the integration tests: temporary projects, bounded child processes, the
// README's configuration, `npm pack`, and cached installs into folders of their own.
//
// Everything here runs the real tools (node, npm, eslint, the language server) as child
// processes. Each process has a hard time-out and is killed by `killAll()` (called from
// `afterAll`); each temporary folder is removed by `removeTempDirs()`.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMP_PROJECT_COMPILER_OPTIONS } from '../temp-project.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKAGE_NAME = 'eslint-plugin-disposable';
export const ESLINT_BIN = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const INSTALL_CACHE = join(ROOT, 'node_modules', '.cache', 'peer-installs');

// ---------------------------------------------------------------------------------------------
// Temporary folders

const tempDirs: string[] = [];

/** A fresh folder under the OS temp dir, removed by `removeTempDirs()`. */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `disposable-${label}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (relative path → text) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/**
 * A `node_modules` folder for a temporary project that uses this repository's own installs: one
 * symlink per entry of /work/main/node_modules, plus `eslint-plugin-disposable` → this repository
 * (its package.json `exports` → the built `dist/`). The config's bare import of the plugin then
 * resolves as it would for a user, and the plugin's own imports resolve from its real path.
 */
export function linkDevNodeModules(projectDir: string): void {
  const target = join(projectDir, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '.cache' || entry === '.package-lock.json' || entry === PACKAGE_NAME) continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(target, entry));
  }
  symlinkSync(ROOT, join(target, PACKAGE_NAME), 'dir');
}

// ---------------------------------------------------------------------------------------------
// The README's configuration

/** The first ```js block after the "## Configuration" heading of README.md: THE supported config. */
export function readmeConfig(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const heading = /^## Configuration\s*$/m.exec(readme);
  if (!heading) throw new Error('README.md has no "## Configuration" heading');
  const block = /^```js\n([\s\S]*?)^```/m.exec(readme.slice(heading.index));
  if (!block?.[1]) throw new Error('README.md has no ```js block after "## Configuration"');
  return block[1];
}

/** A tsconfig like the README asks for: `esnext.disposable` in `lib`, `types: ["node"]`. */
export function tsconfig(extra: Record<string, unknown> = {}, include: string[] = ['src']): string {
  return `${JSON.stringify(
    {
      compilerOptions: { ...TEMP_PROJECT_COMPILER_OPTIONS, noEmit: true, ...extra },
      include,
    },
    null,
    2,
  )}\n`;
}

// ---------------------------------------------------------------------------------------------
// Child processes

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

const children = new Set<ChildProcess>();

/** Tracks a spawned child so that `killAll()` can end it. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Kills every child still running (by its own pid), and waits until each has exited. */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => {
            resolve();
          });
          child.kill('SIGKILL');
        }),
    ),
  );
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command to completion with a hard time-out (SIGKILL); never rejects on a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv; input?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(command, args, {
        cwd: options.cwd,
        env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    child.stdin?.end(options.input ?? '');
  });
}

/** `run`, failing with the command's output when it times out or exits with another code. */
export async function runExpecting(
  expectedCode: number,
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.timedOut || result.code !== expectedCode) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) ${
        result.timedOut ? `timed out after ${String(options.timeoutMs)} ms` : `exited with ${String(result.code)} (signal ${String(result.signal)})`
      }, expected exit code ${String(expectedCode)}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// npm: pack and cached installs


const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

export interface PackageManifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  exports?: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface PackResult {
  readonly tarball: string;
  readonly files: readonly string[];
  readonly sha256: string;
  /** The package.json inside the tarball. */
  readonly manifest: PackageManifest;
}

/**
 * `npm pack` of this repository into `destination`. `--ignore-scripts`: the `prepare` build has
 * already run (`npm run build` before the tests), and rebuilding `dist/` here would rewrite it
 * under the feet of the other test files running in parallel.
 */
export async function packPlugin(destination: string): Promise<PackResult> {
  const { stdout } = await runExpecting(0, 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: ROOT,
    timeoutMs: 120_000,
  });
  const [entry] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  if (!entry) throw new Error(`npm pack printed no entry:\n${stdout}`);
  const tarball = join(destination, entry.filename);
  const manifest = await runExpecting(0, 'tar', ['-xzOf', tarball, 'package/package.json'], { cwd: destination, timeoutMs: 60_000 });
  return {
    tarball,
    files: entry.files.map((file) => file.path).sort(),
    sha256: createHash('sha256').update(readFileSync(tarball)).digest('hex'),
    manifest: JSON.parse(manifest.stdout) as PackageManifest,
  };
}

/**
 * An `npm install --no-save --prefix <folder> <packed plugin> <specs…>` into a folder of its own,
 * cached under node_modules/.cache/peer-installs/<label>-<key>, so that reruns skip the network.
 * The key hashes the specs, what the packed package.json declares about its installation
 * (dependencies, peers, bin, exports) and the Node version, not the whole tarball: README or dist
 * edits do not force a new install, because `installPackedPlugin` refreshes the plugin's own files
 * from the current tarball.
 */
async function cachedInstall(label: string, specs: readonly string[], pack: PackResult): Promise<string> {
  const { dependencies, peerDependencies, bin, exports } = pack.manifest;
  const key = createHash('sha256')
    .update(JSON.stringify({ specs, dependencies, peerDependencies, bin, exports, node: process.versions.node }))
    .digest('hex')
    .slice(0, 16);
  const folder = join(INSTALL_CACHE, `${label}-${key}`);
  if (existsSync(join(folder, '.complete'))) return folder;

  const staging = `${folder}.staging-${String(process.pid)}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // A package.json of its own keeps npm from walking up to /work/main's.
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify({ name: `peer-install-${label}`, private: true }, null, 2)}\n`);
  const args = ['install', '--no-save', ...NPM_QUIET, '--prefix', staging, pack.tarball, ...specs];
  await runExpecting(0, 'npm', args, { cwd: staging, timeoutMs: 480_000 });
  writeFileSync(join(staging, '.complete'), `${JSON.stringify({ specs, tarball: pack.sha256 }, null, 2)}\n`);
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
  // Older installs of the same label (other specs or manifest) are dead weight now.
  for (const entry of readdirSync(INSTALL_CACHE)) {
    if (entry.startsWith(`${label}-`) && entry !== basename(folder) && !entry.includes('.staging-')) {
      rmSync(join(INSTALL_CACHE, entry), { recursive: true, force: true });
    }
  }
  return folder;
}

/**
 * The packed plugin and `specs` (its peers…) installed into `projectDir`/node_modules: the cached
 * install's node_modules copied in, then the plugin's folder replaced by the current tarball's
 * contents (as npm unpacks it, bin targets made executable).
 */
export async function installPackedPlugin(label: string, specs: readonly string[], pack: PackResult, projectDir: string): Promise<void> {
  copyInstall(await cachedInstall(label, specs, pack), projectDir);
  const target = join(projectDir, 'node_modules', PACKAGE_NAME);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target);
  await runExpecting(0, 'tar', ['-xzf', pack.tarball, '--strip-components=1', '-C', target], { cwd: projectDir, timeoutMs: 60_000 });
  for (const file of Object.values(pack.manifest.bin ?? {})) chmodSync(join(target, file), 0o755);
}

/**
 * Copies an install's node_modules into a project under the OS temp dir. A copy, not a symlink:
 * from a symlinked folder Node resolves by real path, and a package missing from the install
 * would then be found in /work/main/node_modules above the cache and hide the problem.
 */
function copyInstall(installFolder: string, projectDir: string): void {
  cpSync(join(installFolder, 'node_modules'), join(projectDir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
}

/** The version in an installed package's package.json. */
export function installedVersion(projectDir: string, name: string): string {
  const pkg = JSON.parse(readFileSync(join(projectDir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

// ---------------------------------------------------------------------------------------------
// ESLint's JSON output

export interface LintMessage {
  readonly ruleId: string | null;
  readonly messageId?: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly fatal?: boolean;
}

export interface LintResult {
  readonly filePath: string;
  readonly messages: readonly LintMessage[];
  readonly output?: string;
}

export function parseLintJson(stdout: string): LintResult[] {
  try {
    return JSON.parse(stdout) as LintResult[];
  } catch {
    throw new Error(`eslint printed no JSON:\n${stdout}`);
  }
}

/** `relative/path:line:column ruleId/messageId` for every message, sorted: comparable across runs. */
export function findings(results: readonly LintResult[], projectDir: string): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${relative(projectDir, result.filePath)}:${String(message.line)}:${String(message.column)} ${message.ruleId ?? 'fatal'}/${
            message.messageId ?? message.message
          }`,
      ),
    )
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
