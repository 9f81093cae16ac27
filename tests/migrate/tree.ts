/**
 * Temporary fixture trees and a runner for the built `disposable-migrate` CLI, for the
 * end-to-end tests: every run is the real bin in a child process, on a real folder.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMP_PROJECT_COMPILER_OPTIONS } from '../temp-project.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = path.join(REPO, 'dist/bin/disposable-migrate.js');

/** Builds the package when its output is missing (`npm test` builds first; a bare `vitest` may not). */
export function ensureBuilt(): void {
  if (!fs.existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
}

/** A project that emits (the packages of a monorepo with project references: `composite`). */
export const PACKAGE_COMPILER_OPTIONS = TEMP_PROJECT_COMPILER_OPTIONS;

export const BASE_COMPILER_OPTIONS = { ...PACKAGE_COMPILER_OPTIONS, noEmit: true, jsx: 'preserve' } as const;

export interface TreeOptions {
  /** Extra compilerOptions merged over BASE_COMPILER_OPTIONS; `null` leaves no tsconfig at all. */
  readonly compilerOptions?: Record<string, unknown>;
  readonly tsconfig?: Record<string, unknown> | null;
  readonly packageJson?: Record<string, unknown>;
}

const roots: string[] = [];

/**
 * A project under os.tmpdir(): tsconfig.json, package.json (engines.node), a `node_modules`
 * symlink to this repository's (so that `@types/node` resolves), and the given files.
 */
export function makeTree(files: Record<string, string | Uint8Array>, options: TreeOptions = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'disposable-migrate-e2e-')));
  roots.push(root);
  if (options.tsconfig !== null) {
    const tsconfig = options.tsconfig ?? {
      compilerOptions: { ...BASE_COMPILER_OPTIONS, ...options.compilerOptions },
      include: ['src'],
    };
    writeFile(root, 'tsconfig.json', `${JSON.stringify(tsconfig, null, 2)}\n`);
  }
  const packageJson = options.packageJson ?? { name: 'fixture', private: true, type: 'module', engines: { node: '>=20.19' } };
  writeFile(root, 'package.json', `${JSON.stringify(packageJson, null, 2)}\n`);
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  for (const [name, content] of Object.entries(files)) writeFile(root, name, content);
  return root;
}

export function writeFile(root: string, name: string, content: string | Uint8Array): void {
  const file = path.join(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

export function read(root: string, name: string): string {
  return fs.readFileSync(path.join(root, name), 'utf8');
}

/** Removes every folder made by `makeTree` and `tempDir` so far. */
export function removeTrees(): void {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

export function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'disposable-migrate-e2e-')));
  roots.push(dir);
  return dir;
}

export interface FileState {
  readonly bytes: Buffer;
  readonly mtimeMs: number;
  readonly mode: number;
}

/** Every regular file and symlink under root (not node_modules or .git), by relative path; links not followed. */
export function snapshot(root: string): Map<string, FileState | { readonly link: string }> {
  const states = new Map<string, FileState | { readonly link: string }>();
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const relative = path.relative(root, full);
      if (entry.isSymbolicLink()) {
        states.set(relative, { link: fs.readlinkSync(full) });
      } else if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') visit(full);
      } else {
        const stat = fs.statSync(full);
        states.set(relative, { bytes: fs.readFileSync(full), mtimeMs: stat.mtimeMs, mode: stat.mode });
      }
    }
  };
  visit(root);
  return states;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Both streams, for "exactly one line says so" checks. */
  readonly lines: readonly string[];
}

/** Environment for a piped, colorless, non-CI run. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  delete env['CI'];
  return { ...env, ...extra };
}

/** Runs `node dist/bin/disposable-migrate.js …args` in cwd; kills it after `timeout` ms. */
export function runCli(cwd: string, args: readonly string[], options: { timeout?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return collect(spawn(process.execPath, [CLI, ...args], { cwd, env: options.env ?? cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] }), options.timeout ?? 30_000);
}

export function collect(child: ReturnType<typeof spawn>, timeout: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`disposable-migrate did not finish within ${String(timeout)} ms\n${stdout}\n${stderr}`));
    }, timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, lines: `${stdout}\n${stderr}`.split(/\r?\n/) });
    });
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Fixture',
      GIT_AUTHOR_EMAIL: 'fixture@example.com',
      GIT_COMMITTER_NAME: 'Fixture',
      GIT_COMMITTER_EMAIL: 'fixture@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
}

/** A git work tree with everything committed (node_modules ignored, plus `ignore`). */
export function commitAll(root: string, ignore: readonly string[] = []): void {
  fs.writeFileSync(path.join(root, '.gitignore'), ['node_modules', ...ignore, ''].join('\n'));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'fixture');
}

export function hasCommand(command: string, ...args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

// Sources. `exact` is a try/finally the transform rewrites without changing behavior; the
// others are sites it reports and leaves alone.

export function exact(name: string): string {
  return `export async function ${name}(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const text = await handle.readFile('utf8');
    return text.split('\\n')[0] ?? '';
  } finally {
    await handle.close();
  }
}
`;
}

export function exactConverted(name: string): string {
  return `export async function ${name}(path: string): Promise<string> {
  await using handle = await open(path);
  const text = await handle.readFile('utf8');
  return text.split('\\n')[0] ?? '';
}
`;
}

/** Skipped: the handle is used after the try (reason `used-after-try`). */
export function usedAfterTry(name: string): string {
  return `export async function ${name}(path: string): Promise<number> {
  const handle = await open(path);
  try {
    await handle.stat();
  } finally {
    await handle.close();
  }
  return handle.fd;
}
`;
}

/** Not applied without --allow-behavior-change: work between the acquisition and the try. */
export function behaviorChanging(name: string): string {
  return `export async function ${name}(path: string): Promise<string> {
  const handle = await open(path);
  const stats = await handle.stat();
  try {
    return \`\${String(stats.size)}: \${await handle.readFile('utf8')}\`;
  } finally {
    await handle.close();
  }
}
`;
}

export const IMPORT_OPEN = "import { open } from 'node:fs/promises';\n";

export function moduleOf(...parts: string[]): string {
  return [IMPORT_OPEN, ...parts].join('\n');
}
