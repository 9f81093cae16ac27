/**
 * One configuration for the rules and the codemods: a legacy resource declared in
 * `settings.disposable` of the project's eslint.config.js is reported by no-leaked-resource, and
 * `eslint --fix` (prefer-using with `stack: true`), `disposable-migrate --stack` and jscodeshift
 * with `--stack=true` write the same text for it. The codemods read the settings through ESLint's
 * own config lookup, or from `--settings <file.json>`; bad settings stop every one of them.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cliEnv, ensureBuilt, makeTree, read, removeTrees, REPO, runCli, snapshot } from './tree.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const execute = promisify(execFile);
const JSCODESHIFT = path.join(REPO, 'node_modules/.bin/jscodeshift');
const ENTRY = path.join(REPO, 'dist/codemods/try-finally-to-using/index.cjs');
const ESLINT_BIN = path.join(REPO, 'node_modules/eslint/bin/eslint.js');

const LEASE = `/** A row lock of a legacy client: released with release(), no dispose member. */
export class Lease {
  constructor(readonly key: string) {}
  async release(): Promise<void> {}
  read(): string {
    return this.key;
  }
}
`;

const USE = `import { Lease } from './lease.js';

export function peek(key: string): string {
  const lease = new Lease(key);
  return lease.read();
}

export async function read(key: string): Promise<string> {
  const lease = new Lease(key);
  try {
    return lease.read();
  } finally {
    await lease.release();
  }
}
`;

const CONVERTED = `import { Lease } from './lease.js';

export function peek(key: string): string {
  const lease = new Lease(key);
  return lease.read();
}

export async function read(key: string): Promise<string> {
  await using stack = new AsyncDisposableStack();
  const lease = stack.adopt(new Lease(key), (lease) => lease.release());
  return lease.read();
}
`;

const SETTINGS = { resources: [{ type: { from: 'file', name: 'Lease', path: 'src/lease.ts' }, release: ['release'], async: true }] };
const BAD_SETTINGS = { resources: [{ type: 'Lease', relase: ['release'] }] };
const BAD_KEY = 'settings.disposable.resources[0].relase: unknown key; expected one of type, release, sameAsDispose, async, longLived, inertWith, opensOnFirstUse, inertMethods, releasedOnFailure';

/** The README's configuration with the plugin built in this repository, and `settings.disposable`. */
function eslintConfig(settings: unknown, preferUsing: unknown = { stack: true }): string {
  return `import disposable from ${JSON.stringify(pathToFileURL(path.join(REPO, 'dist/index.js')).href)};
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { disposable },
    ${settings === undefined ? '' : `settings: { disposable: ${JSON.stringify(settings)} },`}
    rules: { 'disposable/no-leaked-resource': 'error', 'disposable/prefer-using': ['error', ${JSON.stringify(preferUsing)}] },
  },
];
`;
}

function project(files: Record<string, string> = {}, engines = '>=20.19'): string {
  return makeTree({ 'src/lease.ts': LEASE, 'src/use.ts': USE, ...files }, { packageJson: { name: 'fixture', private: true, type: 'module', engines: { node: engines } } });
}

async function jscodeshift(root: string, ...args: string[]): Promise<string> {
  const { stdout } = await execute(JSCODESHIFT, ['-t', ENTRY, '--parser=ts', '--extensions=ts', ...args, 'src/'], { cwd: root, env: cliEnv() });
  return stdout;
}

describe('a legacy resource declared in settings.disposable of the eslint.config.js', { timeout: 120_000 }, () => {
  it('is reported by no-leaked-resource, and prefer-using --fix adopts it in a stack', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(SETTINGS) });
    const [result] = await new ESLint({ cwd: root, fix: true }).lintFiles(['src/use.ts']);
    expect(result?.messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}/${message.messageId ?? ''}`)).toEqual([
      '4 disposable/no-leaked-resource/neverReleased',
    ]);
    expect(result?.output).toBe(CONVERTED);
  });

  it('disposable-migrate --stack writes the same text, and its preflight names the config it read', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(SETTINGS) });
    const run = await runCli(root, ['--stack', 'src'], { timeout: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(root, 'src/use.ts')).toBe(CONVERTED);
    expect(run.stdout).toContain('✓ settings for 2 file(s): settings.disposable of eslint.config.js (resources: 1, on top of the built-in defaults)');
  });

  it('jscodeshift --stack=true writes the same text', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(SETTINGS) });
    await jscodeshift(root, '--stack=true');
    expect(read(root, 'src/use.ts')).toBe(CONVERTED);
  });

  it('without the settings, the codemods leave it alone, as prefer-using does', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(undefined) });
    const run = await runCli(root, ['--stack', 'src'], { timeout: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(root, 'src/use.ts')).toBe(USE);
    expect(run.stdout).toContain('✓ settings for 2 file(s): eslint.config.js, without settings.disposable (the built-in defaults)');
  });
});

describe('--settings <file.json>, for a project without an ESLint config', { timeout: 120_000 }, () => {
  it('gives disposable-migrate the same settings, and the preflight says so', async () => {
    const root = project({ 'disposable.json': JSON.stringify(SETTINGS) });
    const run = await runCli(root, ['--stack', '--settings', 'disposable.json', 'src'], { timeout: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(root, 'src/use.ts')).toBe(CONVERTED);
    expect(run.stdout).toContain('✓ settings for 2 file(s): --settings disposable.json (resources: 1, on top of the built-in defaults)');
  });

  it('gives jscodeshift the same settings as --settings=<file.json>', async () => {
    const root = project({ 'disposable.json': JSON.stringify(SETTINGS) });
    await jscodeshift(root, '--stack=true', '--settings=disposable.json');
    expect(read(root, 'src/use.ts')).toBe(CONVERTED);
  });

  it('without it, a project without an ESLint config gets the defaults', async () => {
    const root = project();
    const run = await runCli(root, ['--stack', 'src'], { timeout: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(root, 'src/use.ts')).toBe(USE);
    expect(run.stdout).toContain('✓ settings for 2 file(s): no ESLint config found (the built-in defaults)');
  });
});

describe('a bad settings.disposable', { timeout: 120_000 }, () => {
  it('stops eslint with one line that names the rule and the key (exit 2)', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(BAD_SETTINGS) });
    const run = await execute(process.execPath, [ESLINT_BIN, 'src'], { cwd: root, env: cliEnv() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`\nConfigurationError: Error while loading rule 'disposable/no-leaked-resource': ${BAD_KEY}\nOccurred while linting `);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('in eslint.config.js: disposable-migrate exits 2 with the config file and the key, and writes nothing', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(BAD_SETTINGS) });
    const before = snapshot(root);
    const run = await runCli(root, ['--stack', 'src'], { timeout: 60_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`disposable-migrate: eslint.config.js: ${BAD_KEY}\nNothing was written.`);
    expect(snapshot(root)).toEqual(before);
  });

  it('an eslint.config.js that cannot be loaded: disposable-migrate exits 2, says how to go on, and writes nothing', async () => {
    const root = project({ 'eslint.config.js': "throw new Error('no config today');\n" });
    const before = snapshot(root);
    const run = await runCli(root, ['src'], { timeout: 60_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/disposable-migrate: cannot read the ESLint config for src\/\w+\.ts: no config today; fix it, or pass --settings <file\.json>\nNothing was written\./);
    expect(snapshot(root)).toEqual(before);
  });

  it('in --settings <file.json>: disposable-migrate exits 2 with the file and the key, and writes nothing', async () => {
    const root = project({ 'disposable.json': JSON.stringify(BAD_SETTINGS), 'broken.json': '{ "resources": [' });
    const before = snapshot(root);
    const bad = await runCli(root, ['--settings', 'disposable.json', 'src'], { timeout: 60_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(`disposable-migrate: --settings disposable.json: ${BAD_KEY}`);
    const broken = await runCli(root, ['--settings', 'broken.json', 'src'], { timeout: 60_000 });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^disposable-migrate: --settings broken\.json: .*JSON/);
    expect(snapshot(root)).toEqual(before);
  });

  it('in --settings=<file.json>: jscodeshift fails each file with the key and writes nothing', async () => {
    const root = project({ 'disposable.json': JSON.stringify(BAD_SETTINGS) });
    const before = snapshot(root);
    const stdout = await jscodeshift(root, '--settings=disposable.json');
    expect(stdout).toContain(`ERR src/use.ts Transformation error (--settings disposable.json: ${BAD_KEY})`);
    expect(stdout).toMatch(/2 errors/);
    expect(snapshot(root)).toEqual(before);
  });
});

describe("stack: 'auto', the default of prefer-using and of both codemods", { timeout: 120_000 }, () => {
  it('is on where engines.node admits only Node.js 24 and later: the three write the same stack, and the preflight says why', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(SETTINGS, {}) }, '>=24');
    const [result] = await new ESLint({ cwd: root, fix: true }).lintFiles(['src/use.ts']);
    expect(result?.output).toBe(CONVERTED);
    const migrated = project({ 'eslint.config.js': eslintConfig(SETTINGS, {}) }, '>=24');
    const run = await runCli(migrated, ['src'], { timeout: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(migrated, 'src/use.ts')).toBe(CONVERTED);
    expect(run.stdout).toContain(
      '✓ stack rewrites on (auto): engines.node >=24 admits only Node.js ≥ 24, which has the stack classes; --no-stack turns them off',
    );
    const shifted = project({ 'eslint.config.js': eslintConfig(SETTINGS, {}) }, '>=24');
    await jscodeshift(shifted);
    expect(read(shifted, 'src/use.ts')).toBe(CONVERTED);
  });

  it('is off where engines.node admits an older Node.js, and --no-stack turns it off where it would be on', async () => {
    const root = project({ 'eslint.config.js': eslintConfig(SETTINGS, {}) });
    const [result] = await new ESLint({ cwd: root, fix: true }).lintFiles(['src/use.ts']);
    expect(result?.output).toBeUndefined();
    const run = await runCli(root, ['src'], { timeout: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(root, 'src/use.ts')).toBe(USE);
    expect(run.stdout).toContain(
      '✓ stack rewrites off (auto): engines.node >=20.19 admits Node.js before 24, which lacks the stack classes; --stack turns them on',
    );
    const declined = project({ 'eslint.config.js': eslintConfig(SETTINGS, {}) }, '>=24');
    const off = await runCli(declined, ['--no-stack', 'src'], { timeout: 60_000 });
    expect(off.code, off.stdout + off.stderr).toBe(0);
    expect(read(declined, 'src/use.ts')).toBe(USE);
  });
});
