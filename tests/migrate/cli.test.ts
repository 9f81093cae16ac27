/**
 * End-to-end tests of `disposable-migrate` (issue 5): the built bin in a child process, on
 * temporary project trees, checking what lands on disk and what the run says.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { applyPatch, parsePatch } from 'diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  behaviorChanging,
  CLI,
  cliEnv,
  collect,
  commitAll,
  ensureBuilt,
  exact,
  exactConverted,
  hasCommand,
  makeTree,
  moduleOf,
  PACKAGE_COMPILER_OPTIONS,
  read,
  removeTrees,
  runCli,
  type RunResult,
  snapshot,
  tempDir,
  usedAfterTry,
  writeFile,
} from './tree.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

/** The 1-based line of the `try` in function `name`: where the report places the site. */
function tryLine(text: string, name: string): number {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const start = lines.findIndex((line) => line.includes(`function ${name}(`));
  const offset = lines.slice(start).findIndex((line) => line.trim() === 'try {');
  if (start < 0 || offset < 0) throw new Error(`no try in ${name}`);
  return start + offset + 1;
}

/** The value column of the summary table row `label`. */
function summaryValue(result: RunResult, label: string): number | undefined {
  const row = new RegExp(`^  ${label.replace(/[()]/g, '\\$&')}\\s+(\\d+)$`, 'm').exec(result.stdout);
  return row ? Number(row[1]) : undefined;
}

function linesMentioning(result: RunResult, needle: string): string[] {
  return result.lines.filter((line) => line.includes(needle));
}

interface Report {
  files: { file: string; status: string; message?: string }[];
  sites: { file: string; line: number; column: number; names: string; status: string; classification?: string; changes?: string[]; reason?: string }[];
  preflight: { ok: boolean; message: string }[];
}

function readReport(file: string): Report {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
}

const JSX_LINE = "export const element = <p>{'jsx parses here'}</p>;\n";

/** One of each kind of site, and each TypeScript extension. */
const MAIN_FILES = {
  'src/exact.ts': moduleOf(exact('firstLine'), exact('secondLine')),
  'src/skipped.ts': moduleOf(usedAfterTry('descriptor')),
  'src/changes.ts': moduleOf(behaviorChanging('header')),
  'src/plain.ts': 'export const answer = 42;\n',
  'src/types.d.ts': 'export declare const declared: number;\n',
  'src/kinds/esm.mts': moduleOf(exact('fromEsm')),
  'src/kinds/common.cts': moduleOf(exact('fromCommonJs')),
  'src/kinds/view.tsx': moduleOf(exact('fromTsx')) + JSX_LINE,
};

const MAIN_CONVERTED: Record<string, string> = {
  'src/exact.ts': moduleOf(exactConverted('firstLine'), exactConverted('secondLine')),
  'src/kinds/esm.mts': moduleOf(exactConverted('fromEsm')),
  'src/kinds/common.cts': moduleOf(exactConverted('fromCommonJs')),
  'src/kinds/view.tsx': moduleOf(exactConverted('fromTsx')) + JSX_LINE,
};

describe('a default run and a --dry run of the same tree', () => {
  let written: string;
  let dry: string;
  let run: RunResult;
  let dryRun: RunResult;
  let fixed: string;
  let fixRun: RunResult;
  let before: ReturnType<typeof snapshot>;

  beforeAll(async () => {
    written = makeTree(MAIN_FILES);
    dry = makeTree(MAIN_FILES);
    fixed = makeTree({ 'src/changes.ts': MAIN_FILES['src/changes.ts'] });
    before = snapshot(dry);
    [run, dryRun, fixRun] = await Promise.all([
      runCli(written, ['--report=report.json', 'src']),
      runCli(dry, ['--dry', '--report', 'report.json', 'src']),
      runCli(fixed, ['--fix-leaks', 'src']),
    ]);
  });

  it('converts the exact sites, writes them, leaves the others, and exits 0', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stdout).toBe(0);
    for (const [name, text] of Object.entries(MAIN_FILES)) expect(read(written, name), name).toBe(MAIN_CONVERTED[name] ?? text);
    expect(run.stdout).toContain('7 file(s) to scan');
  });

  it('prints the summary table', () => {
    expect(summaryValue(run, 'files scanned')).toBe(7);
    expect(summaryValue(run, 'files changed')).toBe(4);
    expect(summaryValue(run, 'files unchanged')).toBe(3);
    expect(summaryValue(run, 'files failed')).toBe(0);
    expect(summaryValue(run, 'sites converted, exact')).toBe(5);
    expect(summaryValue(run, 'sites converted, behavior-changing')).toBe(0);
    expect(summaryValue(run, 'sites not applied (change behavior)')).toBe(1);
    expect(summaryValue(run, 'sites skipped')).toBe(1);
    const skipped = tryLine(MAIN_FILES['src/skipped.ts'], 'descriptor');
    expect(run.stdout).toMatch(new RegExp(`^  used-after-try \\(1\\): src/skipped\\.ts:${String(skipped)}$`, 'm'));
    const changes = tryLine(MAIN_FILES['src/changes.ts'], 'header');
    expect(run.stdout).toMatch(new RegExp(`^  fixes-leak: release-on-early-throw \\(1\\): src/changes\\.ts:${String(changes)}$`, 'm'));
  });

  it('--fix-leaks also converts the site whose only change is releasing where the original leaked', () => {
    expect(fixRun.code, fixRun.stdout).toBe(0);
    expect(summaryValue(fixRun, 'sites converted, fixing a leak')).toBe(1);
    expect(summaryValue(fixRun, 'sites not applied (change behavior)')).toBe(0);
    expect(read(fixed, 'src/changes.ts')).toBe(
      MAIN_FILES['src/changes.ts'].replace('  const handle = await open(path);', '  await using handle = await open(path);').replace(
        /  try \{\n    (return .*)\n  \} finally \{\n    await handle\.close\(\);\n  \}\n/,
        '  $1\n',
      ),
    );
  });

  it('writes a report with every file and every site, with reasons and file:line', () => {
    const report = readReport(path.join(written, 'report.json'));
    expect(report.files.map((file) => [file.file, file.status]).sort()).toEqual(
      [
        ['src/changes.ts', 'unchanged'],
        ['src/exact.ts', 'changed'],
        ['src/kinds/common.cts', 'changed'],
        ['src/kinds/esm.mts', 'changed'],
        ['src/kinds/view.tsx', 'changed'],
        ['src/plain.ts', 'unchanged'],
        ['src/skipped.ts', 'unchanged'],
      ].sort(),
    );
    const sites = report.sites.map(({ file, line, column, names, status, reason, changes, classification }) => ({
      where: `${file}:${String(line)}:${String(column)}`,
      names,
      status,
      detail: reason ?? `${classification ?? ''} ${(changes ?? []).join('+')}`.trim(),
    }));
    const at = (file: keyof typeof MAIN_FILES, name: string): string => `${file}:${String(tryLine(MAIN_FILES[file], name))}:3`;
    expect(sites).toEqual(
      expect.arrayContaining([
        { where: at('src/exact.ts', 'firstLine'), names: 'handle', status: 'converted', detail: 'exact' },
        { where: at('src/exact.ts', 'secondLine'), names: 'handle', status: 'converted', detail: 'exact' },
        { where: at('src/kinds/esm.mts', 'fromEsm'), names: 'handle', status: 'converted', detail: 'exact' },
        { where: at('src/kinds/common.cts', 'fromCommonJs'), names: 'handle', status: 'converted', detail: 'exact' },
        { where: at('src/kinds/view.tsx', 'fromTsx'), names: 'handle', status: 'converted', detail: 'exact' },
        { where: at('src/skipped.ts', 'descriptor'), names: 'handle', status: 'skipped', detail: 'used-after-try' },
        { where: at('src/changes.ts', 'header'), names: 'handle', status: 'not-applied', detail: 'fixes-leak release-on-early-throw' },
      ]),
    );
    expect(sites).toHaveLength(7);
    expect(report.preflight.every((check) => check.ok)).toBe(true);
  });

  it('--dry writes nothing (bytes and mtimes) but the report', () => {
    expect(dryRun.code, dryRun.stdout).toBe(0);
    const after = snapshot(dry);
    after.delete('report.json');
    expect(after).toEqual(before);
    expect(dryRun.stdout).toContain('(dry run: nothing is written)');
    expect(summaryValue(dryRun, 'files that would change')).toBe(4);
  });

  it('--dry prints a unified diff that turns each file into what the real run wrote', () => {
    const start = dryRun.stdout.indexOf('Index: ');
    const end = dryRun.stdout.indexOf('\nSummary\n');
    expect(start).toBeGreaterThan(0);
    const patches = parsePatch(dryRun.stdout.slice(start, end));
    expect(patches.map((patch) => patch.newFileName).sort()).toEqual(Object.keys(MAIN_CONVERTED).sort());
    for (const patch of patches) {
      const name = patch.oldFileName as keyof typeof MAIN_FILES;
      expect(applyPatch(MAIN_FILES[name], patch), name).toBe(read(written, name));
    }
    expect(dryRun.stdout).toMatch(/^-  const handle = await open\(path\);$/m);
    expect(dryRun.stdout).toMatch(/^\+  await using handle = await open\(path\);$/m);
    expect(dryRun.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  });

  it('prints plain progress lines when piped', () => {
    const progress = run.stderr.split('\n').filter((line) => line.startsWith('disposable-migrate: '));
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatch(/^disposable-migrate: \d+\/7 files$/);
    expect(progress.at(-1)).toBe('disposable-migrate: 7/7 files');
    expect(run.stderr).not.toContain('\r');
  });

  it.skipIf(!hasCommand('script', '--version'))('shows a progress bar on a terminal, and plain lines in CI', async () => {
    const command = `'${process.execPath}' '${CLI}' --dry src`;
    const onTerminal = (env: NodeJS.ProcessEnv): Promise<RunResult> =>
      collect(spawn('script', ['-qec', command, '/dev/null'], { cwd: dry, env, stdio: ['ignore', 'pipe', 'pipe'] }), 30_000);
    const [terminal, ci] = await Promise.all([onTerminal(cliEnv({ TERM: 'xterm' })), onTerminal(cliEnv({ TERM: 'xterm', CI: 'true' }))]);
    expect(terminal.code, terminal.stdout).toBe(0);
    expect(terminal.stdout).toMatch(/\r\[#{30}\] 7\/7 src\/skipped\.ts/);
    expect(terminal.stdout).toMatch(/\r\[#*\.+\] 1\/7 /);
    expect(terminal.stdout).not.toContain('disposable-migrate: 7/7 files');
    expect(ci.code, ci.stdout).toBe(0);
    expect(ci.stdout).toContain('disposable-migrate: 7/7 files');
    expect(ci.stdout).not.toMatch(/\r\[#/);
  });
});

describe('open…close sites, many of one kind', () => {
  // Twelve functions that each close a handle after a call that can fail, with no `finally`.
  const many = Array.from(
    { length: 12 },
    (_, index) => `export async function size${String(index)}(path: string): Promise<number> {
  const handle = await open(path);
  const stats = await handle.stat();
  await handle.close();
  return stats.size;
}
`,
  ).join('\n');
  const source = `import { open } from 'node:fs/promises';\n\n${many}`;
  let dryRun: RunResult;
  let fixRun: RunResult;
  let fixed: string;

  beforeAll(async () => {
    const dry = makeTree({ 'src/many.ts': source });
    fixed = makeTree({ 'src/many.ts': source });
    [dryRun, fixRun] = await Promise.all([runCli(dry, ['--dry', 'src']), runCli(fixed, ['--fix-leaks', 'src'])]);
  });

  it('lists the first ten sites of a group and says how many more the report has', () => {
    expect(dryRun.code, dryRun.stdout).toBe(0);
    expect(summaryValue(dryRun, 'sites not applied (change behavior)')).toBe(12);
    const group = linesMentioning(dryRun, 'fixes-leak: release-on-early-throw (12)');
    expect(group).toHaveLength(1);
    expect(group[0]).toMatch(/src\/many\.ts:4, .*src\/many\.ts:67, and 2 more \(--report lists every site\)$/);
  });

  it('--fix-leaks rewrites every one of them, and a second run finds nothing left', async () => {
    expect(summaryValue(fixRun, 'sites converted, fixing a leak')).toBe(12);
    const text = read(fixed, 'src/many.ts');
    expect(text.match(/await using handle = await open\(path\);/g)).toHaveLength(12);
    expect(text).not.toContain('handle.close()');
    const again = await runCli(fixed, ['--dry', '--fix-leaks', 'src']);
    expect(summaryValue(again, 'files that would change')).toBe(0);
  });
});

describe('bad input: one clear line each, every other file processed', () => {
  const bomText = `\uFEFF// A file saved with a byte-order mark.\n${moduleOf(exact('withBom'))}`;
  const files: Record<string, string | Uint8Array> = {
    'src/good.ts': moduleOf(exact('good')),
    'src/bom.ts': bomText,
    'src/broken.ts': moduleOf(exact('broken')).replace('(path: string)', '(path: string'),
    'src/binary.ts': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    'src/latin1.ts': Buffer.from("export const name = 'Jos\u00e9';\n", 'latin1'),
    'src/large.ts': moduleOf(exact('large')) + '// padding\n'.repeat(1000),
    'src/empty.ts': '',
    'src/zz-last.ts': moduleOf(exact('last')),
  };
  let root: string;
  let run: RunResult;

  beforeAll(async () => {
    root = makeTree(files);
    run = await runCli(root, ['--max-size', '4096', '--report', 'report.json', 'src']);
  });

  it('exits 1 because some files failed, and still converts the others', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stdout).toBe(1);
    expect(read(root, 'src/good.ts')).toBe(moduleOf(exactConverted('good')));
    expect(read(root, 'src/zz-last.ts')).toBe(moduleOf(exactConverted('last')));
    expect(summaryValue(run, 'files scanned')).toBe(8);
    expect(summaryValue(run, 'files failed')).toBe(4);
  });

  it.each([
    ['src/broken.ts', /failed src\/broken\.ts: does not parse \(line 3\)/],
    ['src/binary.ts', /failed src\/binary\.ts: binary file/],
    ['src/latin1.ts', /failed src\/latin1\.ts: not valid UTF-8/],
    ['src/large.ts', /failed src\/large\.ts: too large \(\d+ bytes > --max-size 4096\)/],
    ['src/empty.ts', /skipped src\/empty\.ts: empty file/],
  ])('%s: one line, file untouched', (name, message) => {
    const lines = linesMentioning(run, name);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(fs.readFileSync(path.join(root, name))).toEqual(Buffer.from(files[name] ?? ''));
  });

  it('converts a file with a byte-order mark at the right offsets and keeps the mark', () => {
    const written = fs.readFileSync(path.join(root, 'src/bom.ts'));
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written.toString('utf8')).toBe(`\uFEFF// A file saved with a byte-order mark.\n${moduleOf(exactConverted('withBom'))}`);
    const site = readReport(path.join(root, 'report.json')).sites.find((entry) => entry.file === 'src/bom.ts');
    expect(site).toMatchObject({ line: tryLine(bomText, 'withBom'), column: 3, status: 'converted' });
  });

  it('lists every file in the report, the failed ones with their message', () => {
    const report = readReport(path.join(root, 'report.json'));
    expect(report.files.map((file) => file.file).sort()).toEqual(Object.keys(files).sort());
    expect(report.files.find((file) => file.file === 'src/latin1.ts')).toMatchObject({ status: 'failed', message: expect.stringMatching(/UTF-8/) });
  });
});

describe('what is scanned', () => {
  const jsExact = `import { open } from 'node:fs/promises';

export async function firstLine(path) {
  const handle = await open(path);
  try {
    return (await handle.readFile('utf8')).split('\\n')[0];
  } finally {
    await handle.close();
  }
}
`;
  const jsConverted = `import { open } from 'node:fs/promises';

export async function firstLine(path) {
  await using handle = await open(path);
  return (await handle.readFile('utf8')).split('\\n')[0];
}
`;
  const jsFiles = { 'src/a.ts': moduleOf(exact('typed')), 'src/b.js': jsExact, 'src/c.mjs': jsExact, 'src/d.cjs': jsExact };

  it('skips what .gitignore ignores, and writes in a clean git work tree without --force', async () => {
    const site = moduleOf(exact('site'));
    const root = makeTree({ 'src/app.ts': site, 'src/generated.ts': site, 'src/gen/more.ts': site });
    commitAll(root, ['src/generated.ts', 'gen/']);
    const run = await runCli(root, ['.']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('1 file(s) to scan');
    expect(read(root, 'src/app.ts')).toBe(moduleOf(exactConverted('site')));
    expect(read(root, 'src/generated.ts')).toBe(site);
    expect(read(root, 'src/gen/more.ts')).toBe(site);
  });

  it('takes .js/.mjs/.cjs only when the tsconfig allows JS; skips node_modules, build output and the outDir', async () => {
    const site = moduleOf(exact('site'));
    const outOfScope = {
      'src/vendor/node_modules/dep/index.ts': site,
      'dist/app.ts': site,
      'build/app.ts': site,
      'compiled/app.ts': site,
    };
    const withoutJs = makeTree(jsFiles);
    const withJs = makeTree({ ...jsFiles, ...outOfScope }, { compilerOptions: { allowJs: true, outDir: 'compiled', rootDir: 'src' } });
    const [runWithout, runWith] = await Promise.all([runCli(withoutJs, ['src']), runCli(withJs, ['.'])]);
    expect(runWithout.code, runWithout.stdout).toBe(0);
    expect(runWithout.stdout).toContain('1 file(s) to scan');
    for (const name of ['src/b.js', 'src/c.mjs', 'src/d.cjs']) expect(read(withoutJs, name), name).toBe(jsExact);
    expect(runWith.code, runWith.stdout).toBe(0);
    expect(runWith.stdout).toContain('4 file(s) to scan');
    for (const name of ['src/b.js', 'src/c.mjs', 'src/d.cjs']) expect(read(withJs, name), name).toBe(jsConverted);
    expect(read(withJs, 'src/a.ts')).toBe(moduleOf(exactConverted('typed')));
    for (const name of Object.keys(outOfScope)) expect(read(withJs, name), name).toBe(site);
  });
});

describe('files it must not write', () => {
  it('never follows a symbolic link out of the tree, and reports a read-only file instead of replacing it', async () => {
    const outside = tempDir();
    const outsideText = moduleOf(exact('outside'));
    writeFile(outside, 'target.ts', outsideText);
    writeFile(outside, 'dir/inner.ts', outsideText);
    const locked = moduleOf(exact('locked'));
    const root = makeTree({ 'src/ok.ts': moduleOf(exact('ok')), 'src/locked.ts': locked });
    fs.symlinkSync(path.join(outside, 'target.ts'), path.join(root, 'src/link.ts'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'src/linked-dir'), 'dir');
    fs.chmodSync(path.join(root, 'src/locked.ts'), 0o444);
    const outsideBefore = snapshot(outside);
    const lockedBefore = snapshot(root).get('src/locked.ts');

    const [run, named] = await Promise.all([runCli(root, ['src']), runCli(root, ['--dry', 'src/link.ts'])]);
    expect(run.code, run.stdout).toBe(1);
    expect(read(root, 'src/ok.ts')).toBe(moduleOf(exactConverted('ok')));
    expect(snapshot(outside)).toEqual(outsideBefore);
    expect(fs.readlinkSync(path.join(root, 'src/link.ts'))).toBe(path.join(outside, 'target.ts'));
    expect(linesMentioning(run, 'src/link.ts')).toEqual([expect.stringMatching(/skipped src\/link\.ts: symbolic link: not followed/)]);
    expect(linesMentioning(run, 'linked-dir')).toEqual([]);

    expect(snapshot(root).get('src/locked.ts')).toEqual(lockedBefore);
    expect(fs.statSync(path.join(root, 'src/locked.ts')).mode & 0o777).toBe(0o444);
    expect(linesMentioning(run, 'src/locked.ts')).toEqual([expect.stringMatching(/failed src\/locked\.ts: is read-only; not rewritten/)]);

    expect(named.code, named.stdout).toBe(0);
    expect(named.stdout).toMatch(/skipped src\/link\.ts: symbolic link: not followed/);
    expect(named.stdout).not.toContain('Index: ');
  });
});

describe('exit codes and usage errors', () => {
  const configAbove = (folder: string): boolean =>
    fs.existsSync(path.join(folder, 'tsconfig.json')) || (path.dirname(folder) !== folder && configAbove(path.dirname(folder)));

  it('exits 2 on a usage error or without a tsconfig, writing nothing; 0 for --help', async () => {
    const root = makeTree({ 'src/a.ts': moduleOf(exact('a')) });
    const bare = makeTree({ 'src/a.ts': moduleOf(exact('a')) }, { tsconfig: null });
    const cases: [string, readonly string[], RegExp][] = [
      [root, [], /no paths given/],
      [root, ['--bogus', 'src'], /Unknown option '--bogus'/],
      [root, ['--transform', 'nope', 'src'], /unknown transform "nope"; known: try-finally-to-using/],
      [root, ['src', 'missing'], /no such file or folder: missing/],
      [root, ['--max-size', 'lots', 'src'], /--max-size takes a positive number of bytes/],
      [root, ['--report'], /argument missing/],
      ...(configAbove(path.dirname(bare)) ? [] : [[bare, ['src'], /! no tsconfig\.json found above the given paths: pass --tsconfig=<path>/] as [string, string[], RegExp]]),
    ];
    const [help, ...runs] = await Promise.all([runCli(root, ['--help']), ...cases.map(([cwd, args]) => runCli(cwd, args))]);
    runs.forEach((run, index) => {
      const [, args, message] = cases[index] ?? [];
      expect(run.code, JSON.stringify(args)).toBe(2);
      expect(`${run.stdout}\n${run.stderr}`).toMatch(message ?? /./);
    });
    expect(read(root, 'src/a.ts')).toBe(moduleOf(exact('a')));
    expect(read(bare, 'src/a.ts')).toBe(moduleOf(exact('a')));
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: disposable-migrate \[options\] <paths…>/);
  });
});

describe('preflight', () => {
  // Preflight reads only the configs: an empty file makes the run after it cheap.
  const files = { 'src/a.ts': '' };
  const packageJson = (node: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: 'fixture',
    private: true,
    type: 'module',
    engines: { node },
    ...extra,
  });

  it.concurrent.each([
    [
      'the base fixture, --stack without a polyfill',
      {},
      ['--stack'],
      [
        '✓ tsconfig.json: lib includes esnext.disposable',
        '✓ tsconfig.json: target ES2022 lowers `using`; the runtime needs Symbol.asyncDispose (Node.js ≥ 20.4; engines.node >=20.19)',
        '! --stack: DisposableStack / AsyncDisposableStack / SuppressedError need Node.js ≥ 24 (engines.node >=20.19) or a polyfill such as `disposablestack` loaded at startup',
      ],
    ],
    [
      'lib without esnext.disposable, target ESNext on Node 20',
      { compilerOptions: { lib: ['ES2023'], target: 'ESNext' } },
      [],
      [
        '! tsconfig.json: add "esnext.disposable" (or "esnext") to compilerOptions.lib, or `using` will not type-check',
        '! tsconfig.json: target ESNext emits `using` as written, which needs Node.js ≥ 24 (engines.node >=20.19); or set a target below ESNext so TypeScript lowers it',
      ],
    ],
    [
      'lib esnext, target ESNext on Node 24, --stack',
      { compilerOptions: { lib: ['ESNext'], target: 'ESNext' }, packageJson: packageJson('>=24') },
      ['--stack'],
      [
        '✓ tsconfig.json: lib includes esnext.disposable',
        '✓ tsconfig.json: target ESNext emits `using` as written; engines.node >=24 runs it natively',
        '✓ --stack: DisposableStack / AsyncDisposableStack / SuppressedError are built into Node.js ≥ 24 (engines.node >=24)',
      ],
    ],
    [
      '--stack with disposablestack in dependencies',
      { packageJson: packageJson('>=20.19', { dependencies: { disposablestack: '^1.1.8' } }) },
      ['--stack'],
      ['✓ --stack: DisposableStack / AsyncDisposableStack / SuppressedError come from disposablestack'],
    ],
  ] as const)('%s', async (_name, options, flags, expected) => {
    const root = makeTree(files, options);
    const run = await runCli(root, ['--dry', ...flags, 'src']);
    expect(run.code, run.stdout).toBe(0);
    const checks = run.stdout
      .slice(run.stdout.indexOf('Preflight\n'), run.stdout.indexOf('file(s) to scan'))
      .split('\n')
      .map((line) => line.trim());
    expect(checks).toEqual(expect.arrayContaining([...expected]));
  });
});

describe('uncommitted changes in a git work tree', () => {
  it('refuses to write over them, allows --dry, and writes with --force', async () => {
    const root = makeTree({ 'src/a.ts': moduleOf(exact('a')), 'src/b.ts': moduleOf(exact('b')) });
    commitAll(root);
    writeFile(root, 'src/b.ts', `${moduleOf(exact('b'))}// work in progress\n`);
    const before = snapshot(root);

    // Paths outside any work tree, given before or after the dirty one, change nothing.
    const other = makeTree({ 'src/c.ts': moduleOf(exact('c')) });
    const otherBefore = snapshot(other);
    const refusals = await Promise.all([
      runCli(root, ['src']),
      runCli(root, [path.join(other, 'src'), 'src']),
      runCli(root, ['src', path.join(other, 'src')]),
    ]);
    for (const refused of refusals) {
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/1 uncommitted change\(s\) under the given paths; commit or stash them first/);
      expect(refused.stderr).toMatch(/^ {2} M src\/b\.ts$/m);
    }
    expect(snapshot(root)).toEqual(before);
    expect(snapshot(other)).toEqual(otherBefore);

    const dry = await runCli(root, ['--dry', 'src']);
    expect(dry.code, dry.stdout).toBe(0);
    expect(dry.stdout).toContain('+++ src/b.ts');
    expect(snapshot(root)).toEqual(before);

    const forced = await runCli(root, ['--force', 'src']);
    expect(forced.code, forced.stdout).toBe(0);
    expect(read(root, 'src/a.ts')).toBe(moduleOf(exactConverted('a')));
    expect(read(root, 'src/b.ts')).toBe(`${moduleOf(exactConverted('b'))}// work in progress\n`);
  });
});

describe('killed or interrupted mid-run', () => {
  const count = 240;
  const names = Array.from({ length: count }, (_, index) => `src/f${String(index).padStart(3, '0')}.ts`);
  const original = (index: number): string => moduleOf(exact(`first${String(index)}`), exact(`second${String(index)}`));
  const converted = (index: number): string => moduleOf(exactConverted(`first${String(index)}`), exactConverted(`second${String(index)}`));

  /** Starts a run, sends `signal` as soon as one more file has changed on disk, and waits for the end. */
  async function stopWhenOneMoreChanged(root: string, signal: NodeJS.Signals): Promise<RunResult> {
    const pending = names.filter((name, index) => read(root, name) === original(index)).slice(0, 10);
    const child = spawn(process.execPath, [CLI, 'src'], { cwd: root, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = collect(child, 60_000);
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (pending.some((name) => read(root, name) !== original(names.indexOf(name)))) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill(signal);
    return exited;
  }

  /** How many files are converted; fails on any that is neither old nor new. */
  function convertedCount(root: string): number {
    return names.filter((name, index) => {
      const text = read(root, name);
      if (text !== converted(index)) expect(text, name).toBe(original(index));
      return text === converted(index);
    }).length;
  }

  it('SIGKILL leaves every file old or new, none truncated; SIGINT stops between files; a new run finishes the job', async () => {
    const root = makeTree(Object.fromEntries(names.map((name, index) => [name, original(index)])));

    const killed = await stopWhenOneMoreChanged(root, 'SIGKILL');
    expect(killed.signal, killed.stdout).toBe('SIGKILL');
    const afterKill = convertedCount(root);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(count);
    const entries = fs.readdirSync(path.join(root, 'src'));
    const leftovers = entries.filter((entry) => !names.includes(`src/${entry}`));
    for (const entry of leftovers) expect(entry).toMatch(/^\.f\d{3}\.ts\.disposable-migrate-\d+-[0-9a-f]{8}\.tmp$/);
    expect(entries.length - leftovers.length).toBe(count);

    const interrupted = await stopWhenOneMoreChanged(root, 'SIGINT');
    expect(interrupted.code, interrupted.stdout + interrupted.stderr).toBe(130);
    const processed = /interrupted \(SIGINT\) after (\d+) of 240 files; the other files were not touched/.exec(interrupted.stderr);
    expect(processed, interrupted.stderr).not.toBeNull();
    const afterInterrupt = convertedCount(root);
    expect(afterInterrupt).toBeGreaterThan(afterKill);
    expect(afterInterrupt).toBeLessThan(count);
    expect(summaryValue(interrupted, 'files changed')).toBe(afterInterrupt - afterKill);
    expect(fs.readdirSync(path.join(root, 'src'))).toHaveLength(entries.length);

    const resumed = await runCli(root, ['src'], { timeout: 60_000 });
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(summaryValue(resumed, 'files changed')).toBe(count - afterInterrupt);
    expect(convertedCount(root)).toBe(count);
  });
});

describe('a monorepo with project references', () => {
  it('converts sites in every package from the root, with no --tsconfig, using the unbuilt referenced packages’ types', async () => {
    const packageConfig = (references: string[]): Record<string, unknown> => ({
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist' },
      include: ['src'],
      references: references.map((reference) => ({ path: reference })),
    });
    const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
    const libraryText = `import { open, type FileHandle } from 'node:fs/promises';

/** Opens the log for appending. */
export function openLog(path: string): Promise<FileHandle> {
  return open(path, 'a');
}

${exact('firstLine')}`;
    const consumerText = `import { openLog } from '../../a/src/index.js';

export async function append(path: string, line: string): Promise<void> {
  const log = await openLog(path);
  try {
    await log.appendFile(\`\${line}\\n\`);
  } finally {
    await log.close();
  }
}
`;
    const root = makeTree(
      {
        'tsconfig.base.json': json({
          compilerOptions: { ...PACKAGE_COMPILER_OPTIONS, composite: true },
        }),
        'packages/a/tsconfig.json': json(packageConfig([])),
        'packages/a/src/index.ts': libraryText,
        'packages/a/package.json': json({
          name: '@fixture/a',
          type: 'module',
          exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
        }),
        'packages/b/tsconfig.json': json(packageConfig(['../a'])),
        'packages/b/src/index.ts': consumerText,
        'packages/c/tsconfig.json': json(packageConfig(['../a'])),
        'packages/c/src/index.ts': consumerText.replace('../../a/src/index.js', '@fixture/a'),
      },
      { tsconfig: { files: [], references: ['a', 'b', 'c'].map((name) => ({ path: `./packages/${name}` })) } },
    );
    // A workspace link: `@fixture/a` resolves to a's unbuilt dist/index.d.ts, whose source is a's.
    fs.mkdirSync(path.join(root, 'packages/c/node_modules/@fixture'), { recursive: true });
    fs.symlinkSync('../../../a', path.join(root, 'packages/c/node_modules/@fixture/a'), 'dir');
    const run = await runCli(root, ['--report', 'report.json', '.']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/✓ packages\/a\/tsconfig\.json: lib includes esnext\.disposable/);
    expect(run.stdout).toMatch(/✓ packages\/b\/tsconfig\.json: lib includes esnext\.disposable/);
    expect(run.stdout).not.toMatch(/^ {2}! /m);
    expect(read(root, 'packages/a/src/index.ts')).toBe(libraryText.replace(exact('firstLine'), exactConverted('firstLine')));
    const consumerConverted = `import { openLog } from '../../a/src/index.js';

export async function append(path: string, line: string): Promise<void> {
  await using log = await openLog(path);
  await log.appendFile(\`\${line}\\n\`);
}
`;
    expect(read(root, 'packages/b/src/index.ts')).toBe(consumerConverted);
    expect(read(root, 'packages/c/src/index.ts')).toBe(consumerConverted.replace('../../a/src/index.js', '@fixture/a'));
    const sites = readReport(path.join(root, 'report.json')).sites.map((site) => [site.file, site.status]);
    expect(sites).toEqual([
      ['packages/a/src/index.ts', 'converted'],
      ['packages/b/src/index.ts', 'converted'],
      ['packages/c/src/index.ts', 'converted'],
    ]);
  });
});
