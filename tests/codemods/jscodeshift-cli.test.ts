import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMP_PROJECT_COMPILER_OPTIONS } from '../temp-project.js';

/**
 * The built codemod under the real jscodeshift CLI, on a copy of a small project: what users run.
 * Each test gets its own copy, since most of them write.
 */
const repo = path.resolve('.');
const jscodeshift = path.join(repo, 'node_modules/.bin/jscodeshift');
const entry = path.join(repo, 'dist/codemods/try-finally-to-using/index.cjs');
const run = promisify(execFile);

const TSCONFIG = {
  compilerOptions: { ...TEMP_PROJECT_COMPILER_OPTIONS, jsx: 'preserve', noEmit: true },
  include: ['src'],
};

/** `<string>path` is a type assertion in .ts and a syntax error in .tsx: each file needs its own parser. */
const SOURCES: Record<string, string> = {
  'read.ts': `import { open } from 'node:fs/promises';

export async function read(path: unknown): Promise<string> {
  const handle = await open(<string>path);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
`,
  // JSX and a generic arrow with a trailing comma: a syntax error for the \`ts\` parser.
  'view.tsx': `import { open } from 'node:fs/promises';

export const identity = <T,>(value: T): T => value;

export async function render(path: string): Promise<unknown> {
  const handle = await open(path);
  try {
    return <pre>{await handle.readFile('utf8')}</pre>;
  } finally {
    await handle.close();
  }
}
`,
  'size.mts': `import { open } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  const handle = await open(path);
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
`,
  'ask.cts': `import { createInterface } from 'node:readline';

export function ask(): string {
  const rl = createInterface({ input: process.stdin });
  try {
    return rl.getPrompt();
  } finally {
    rl.close();
  }
}
`,
  // Behavior-changing (release-on-early-throw): only with --allow-behavior-change.
  'header.ts': `import { open } from 'node:fs/promises';

export async function header(path: string): Promise<string> {
  const handle = await open(path);
  const stats = await handle.stat();
  try {
    return \`\${stats.size}: \${await handle.readFile('utf8')}\`;
  } finally {
    await handle.close();
  }
}
`,
  // No dispose member: only with --stack.
  'pool.ts': `import type pg from 'pg';

export async function count(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rowCount ?? 0;
  } finally {
    client.release();
  }
}
`,
  'plain.ts': `export const answer = 42;
`,
  'broken.ts': `export function broken( {
  return 1;
}
`,
};

const EXPECTED: Record<string, string> = {
  'read.ts': `import { open } from 'node:fs/promises';

export async function read(path: unknown): Promise<string> {
  await using handle = await open(<string>path);
  return await handle.readFile('utf8');
}
`,
  'view.tsx': `import { open } from 'node:fs/promises';

export const identity = <T,>(value: T): T => value;

export async function render(path: string): Promise<unknown> {
  await using handle = await open(path);
  return <pre>{await handle.readFile('utf8')}</pre>;
}
`,
  'size.mts': `import { open } from 'node:fs/promises';

export async function size(path: string): Promise<number> {
  await using handle = await open(path);
  return (await handle.stat()).size;
}
`,
  'ask.cts': `import { createInterface } from 'node:readline';

export function ask(): string {
  using rl = createInterface({ input: process.stdin });
  return rl.getPrompt();
}
`,
  'header.ts': `import { open } from 'node:fs/promises';

export async function header(path: string): Promise<string> {
  await using handle = await open(path);
  const stats = await handle.stat();
  return \`\${stats.size}: \${await handle.readFile('utf8')}\`;
}
`,
  'pool.ts': `import type pg from 'pg';

export async function count(pool: pg.Pool): Promise<number> {
  using stack = new DisposableStack();
  const client = stack.adopt(await pool.connect(), (client) => client.release());
  return (await client.query('select 1')).rowCount ?? 0;
}
`,
};

const EXACT = ['read.ts', 'view.tsx', 'size.mts', 'ask.cts'];
const temporaryDirs: string[] = [];

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'disposable-jscodeshift-'));
  temporaryDirs.push(dir);
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  mkdirSync(path.join(dir, 'src'));
  for (const [name, text] of Object.entries(SOURCES)) writeFileSync(path.join(dir, 'src', name), text);
  return dir;
}

function source(dir: string, name: string): string {
  return readFileSync(path.join(dir, 'src', name), 'utf8');
}

interface Result {
  readonly stdout: string;
  readonly stderr: string;
}

async function codemod(dir: string, ...args: string[]): Promise<Result> {
  const { stdout, stderr } = await run(
    jscodeshift,
    ['-t', entry, '--parser=ts', '--extensions=ts,tsx,mts,cts', ...args, 'src/'],
    { cwd: dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  return { stdout, stderr };
}

/** jscodeshift's summary: `1 errors`, `3 unmodified`, `0 skipped`, `4 ok`. */
function summary(stdout: string): Record<'errors' | 'unmodified' | 'skipped' | 'ok', number> {
  const count = (label: string): number => Number(new RegExp(`(\\d+) ${label}`).exec(stdout)?.[1] ?? Number.NaN);
  return { errors: count('errors'), unmodified: count('unmodified'), skipped: count('skipped'), ok: count('ok') };
}

/** Workers write the report when they exit, which can be just after the runner returns. */
async function waitForReport(file: string): Promise<unknown> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (existsSync(file) && !existsSync(`${file}.lock`)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch {
        // Caught between writes: try again.
      }
    }
    if (Date.now() > deadline) throw new Error(`no report at ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function snapshot(dir: string): Record<string, string> {
  const src = path.join(dir, 'src');
  return Object.fromEntries(
    readdirSync(src)
      .filter((name) => statSync(path.join(src, name)).isFile())
      .map((name) => [name, readFileSync(path.join(src, name), 'utf8')]),
  );
}

beforeAll(() => {
  if (!existsSync(entry)) execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
}, 120_000);

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

describe('jscodeshift CLI with dist/codemods/try-finally-to-using/index.cjs', { timeout: 60_000 }, () => {
  // One plain --no-babel run, read by several tests.
  let noBabelRun: Promise<Result & { dir: string }> | undefined;
  const noBabel = (): Promise<Result & { dir: string }> => {
    noBabelRun ??= (async () => {
      const dir = project();
      return { ...(await codemod(dir, '--no-babel')), dir };
    })();
    return noBabelRun;
  };

  it('rewrites .ts, .tsx, .mts and .cts files, each parsed by its own extension (default babel mode)', async () => {
    const dir = project();
    const { stdout } = await codemod(dir);
    for (const name of EXACT) expect(source(dir, name)).toBe(EXPECTED[name]);
    expect(summary(stdout)).toEqual({ errors: 1, unmodified: 3, skipped: 0, ok: 4 });
  });

  it('does the same with --no-babel', async () => {
    const { dir, stdout } = await noBabel();
    for (const name of EXACT) expect(source(dir, name)).toBe(EXPECTED[name]);
    expect(summary(stdout)).toEqual({ errors: 1, unmodified: 3, skipped: 0, ok: 4 });
  });

  it('reports a file that does not parse as an error and still transforms the others', async () => {
    const { dir, stdout } = await noBabel();
    expect(stdout).toMatch(/ERR src\/broken\.ts Transformation error \(does not parse \(line 2\)/);
    expect(source(dir, 'broken.ts')).toBe(SOURCES['broken.ts']);
    expect(source(dir, 'read.ts')).toBe(EXPECTED['read.ts']);
  });

  it('leaves unchanged files alone and counts them unmodified, with the reason for each skipped site', async () => {
    const { dir, stdout } = await noBabel();
    for (const name of ['header.ts', 'pool.ts', 'plain.ts']) expect(source(dir, name)).toBe(SOURCES[name]);
    expect(stdout).toContain('REP src/pool.ts line 5: skipped (no-dispose-member): client');
    expect(stdout).toContain(
      'REP src/header.ts line 6: not applied, fixes a leak (releases the resource when code before its release throws): pass --fix-leaks',
    );
    expect(summary(stdout).unmodified).toBe(3);
  });

  it('--dry writes nothing', async () => {
    const dir = project();
    const before = snapshot(dir);
    const { stdout } = await codemod(dir, '--dry');
    expect(snapshot(dir)).toEqual(before);
    expect(summary(stdout)).toEqual({ errors: 1, unmodified: 3, skipped: 0, ok: 4 });
  });

  it('--print prints the transformed files', async () => {
    const dir = project();
    const { stdout } = await codemod(dir, '--dry', '--print', '--no-babel');
    for (const name of EXACT) expect(stdout).toContain(EXPECTED[name]);
    expect(source(dir, 'read.ts')).toBe(SOURCES['read.ts']);
  });

  it('--report=<file.json> records every file and site, merged across workers', async () => {
    const dir = project();
    const reportPath = path.join(dir, 'report.json');
    await codemod(dir, '--cpus=2', `--report=${reportPath}`);
    const report = (await waitForReport(reportPath)) as {
      files: { file: string; status: string; error?: string }[];
      sites: { file: string; line: number; status: string; reason?: string; classification?: string; changes?: string[] }[];
    };
    expect(report.files.map(({ file, status }) => `${file} ${status}`)).toEqual([
      'src/ask.cts changed',
      'src/broken.ts failed',
      'src/header.ts unchanged',
      'src/plain.ts unchanged',
      'src/pool.ts unchanged',
      'src/read.ts changed',
      'src/size.mts changed',
      'src/view.tsx changed',
    ]);
    expect(report.files.find((file) => file.status === 'failed')?.error).toMatch(/^does not parse \(line 2\)/);
    expect(report.sites.map(({ file, line, status, reason, changes }) => [file, line, status, reason ?? changes?.join(' ')])).toEqual([
      ['src/ask.cts', 5, 'converted', ''],
      ['src/header.ts', 6, 'not-applied', 'release-on-early-throw'],
      ['src/pool.ts', 5, 'skipped', 'no-dispose-member'],
      ['src/read.ts', 5, 'converted', ''],
      ['src/size.mts', 5, 'converted', ''],
      ['src/view.tsx', 7, 'converted', ''],
    ]);
  });

  it('--allow-behavior-change applies the behavior-changing rewrite', async () => {
    const dir = project();
    const { stdout } = await codemod(dir, '--no-babel', '--allow-behavior-change=true');
    expect(source(dir, 'header.ts')).toBe(EXPECTED['header.ts']);
    expect(source(dir, 'pool.ts')).toBe(SOURCES['pool.ts']);
    expect(summary(stdout)).toEqual({ errors: 1, unmodified: 2, skipped: 0, ok: 5 });
  });

  describe("settings.disposable of the project's eslint.config.js", () => {
    const LEASE = `export class Lease {
  async release(): Promise<void> {}
  read(): string {
    return 'row';
  }
}

export async function read(): Promise<string> {
  const lease = new Lease();
  try {
    return lease.read();
  } finally {
    await lease.release();
  }
}
`;
    const CONVERTED = `export class Lease {
  async release(): Promise<void> {}
  read(): string {
    return 'row';
  }
}

export async function read(): Promise<string> {
  await using stack = new AsyncDisposableStack();
  const lease = stack.adopt(new Lease(), (lease) => lease.release());
  return lease.read();
}
`;
    const CONFIG = `import disposable from ${JSON.stringify(pathToFileURL(path.join(repo, 'dist/index.js')).href)};
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { disposable },
    settings: { disposable: { resources: [{ type: { from: 'file', name: 'Lease' }, release: ['release'], async: true }] } },
  },
];
`;

    function projectWithConfig(): string {
      const dir = project();
      writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(path.join(dir, 'eslint.config.js'), CONFIG);
      writeFileSync(path.join(dir, 'src', 'lease.ts'), LEASE);
      return dir;
    }

    it('declares a resource the transform then rewrites (default babel mode)', async () => {
      const dir = projectWithConfig();
      await codemod(dir, '--stack=true');
      expect(source(dir, 'lease.ts')).toBe(CONVERTED);
    });

    it('does the same with --no-babel', async () => {
      const dir = projectWithConfig();
      await codemod(dir, '--no-babel', '--stack=true');
      expect(source(dir, 'lease.ts')).toBe(CONVERTED);
    });
  });

  it('--stack adopts a resource without a dispose member in a DisposableStack', async () => {
    const dir = project();
    const { stdout } = await codemod(dir, '--no-babel', '--stack=true');
    expect(source(dir, 'pool.ts')).toBe(EXPECTED['pool.ts']);
    expect(source(dir, 'header.ts')).toBe(SOURCES['header.ts']);
    expect(summary(stdout)).toEqual({ errors: 1, unmodified: 2, skipped: 0, ok: 5 });
  });
});
