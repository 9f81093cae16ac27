// The published package: `npm pack`, the tarball's file list, and an install of the tarball with
// its peers into a fresh project (nothing from this repository's node_modules), configured with
// the eslint.config.js snippet taken from README.md. There: eslint, eslint --fix, the packaged
// jscodeshift codemod, and the `disposable-migrate` bin.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXPECTED_FINDINGS, FINDINGS_AFTER_FIX, FIXED, projectFiles, SOURCES } from './fixture.js';
import {
  installPackedPlugin,
  findings,
  installedVersion,
  killAll,
  makeTempDir,
  PACKAGE_NAME,
  type PackageManifest,
  type PackResult,
  packPlugin,
  parseLintJson,
  removeTempDirs,
  ROOT,
  runExpecting,
  writeFiles,
} from './support.js';

const SPECS = ['eslint@10', 'typescript@6.0', 'typescript-eslint@8.73', '@types/node@24', 'jscodeshift@17.4'];
const TIMEOUT_MS = 120_000;

let pack: PackResult;
let project: string;
let versions: Record<string, string>;

beforeAll(async () => {
  pack = await packPlugin(makeTempDir('pack'));
  // One installed project; each test puts the fixture sources back before it runs.
  project = makeTempDir('package-project');
  writeFiles(project, projectFiles());
  await installPackedPlugin('eslint10-ts60', SPECS, pack, project);
  versions = Object.fromEntries(
    ['eslint', 'typescript', 'typescript-eslint', 'jscodeshift', PACKAGE_NAME].map((name) => [name, installedVersion(project, name)]),
  );
  console.log(`installed: ${Object.entries(versions).map(([name, version]) => `${name} ${version}`).join(', ')}`);
}, 600_000);

afterAll(async () => {
  await killAll();
  removeTempDirs();
});

/** Puts the fixture sources back, so each test starts from them. */
function resetSources(): void {
  writeFiles(project, SOURCES);
}

function readSources(): Record<string, string> {
  return Object.fromEntries(Object.keys(SOURCES).map((path) => [path, readFileSync(join(project, path), 'utf8')]));
}

/** `npx --no -- <bin> …` in the installed project: only what the install put in node_modules/.bin. */
function npx(expectedCode: number, args: readonly string[]) {
  return runExpecting(expectedCode, 'npx', ['--no', '--', ...args], { cwd: project, timeoutMs: TIMEOUT_MS });
}

describe('npm pack', () => {
  it('ships only dist/, docs/, README.md, LICENSE, CHANGELOG.md and package.json', () => {
    const outside = pack.files.filter(
      (file) => !/^(dist|docs)\//.test(file) && !['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].includes(file),
    );
    expect(outside).toEqual([]);
    // No tests, fixtures or TypeScript sources (declarations only).
    expect(pack.files.filter((file) => /(^|\/)(tests?|__testfixtures__|fixtures)\//.test(file))).toEqual([]);
    expect(pack.files.filter((file) => /\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file))).toEqual([]);
    expect(pack.files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']));
  });

  it('ships every rule documentation page of the repository', () => {
    const docs = readdirSync(join(ROOT, 'docs', 'rules')).map((file) => `docs/rules/${file}`);
    expect(docs.length).toBeGreaterThan(0);
    expect(pack.files).toEqual(expect.arrayContaining(docs));
  });

  it('ships the files package.json points at: main, types, exports, bin, the codemod entry', () => {
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageManifest;
    const targets = [
      packageJson.main,
      packageJson.types,
      ...Object.values(packageJson.exports ?? {}).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target))),
      ...Object.values(packageJson.bin ?? {}),
      './dist/codemods/try-finally-to-using/index.cjs',
      './dist/codemods/try-finally-to-using/transform.js',
    ]
      .filter((target): target is string => target !== undefined)
      .map((target) => target.replace(/^\.\//, ''));
    expect(targets.length).toBeGreaterThan(4);
    expect(pack.files).toEqual(expect.arrayContaining(targets));
  });
});

describe('the tarball installed with its peers in a fresh project', { timeout: 240_000 }, () => {
  it('installed the packed version with eslint 10, typescript 6.0, typescript-eslint 8.73', () => {
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageManifest;
    expect(versions[PACKAGE_NAME]).toBe(packageJson.version);
    expect(versions['eslint']).toMatch(/^10\./);
    expect(versions['typescript']).toMatch(/^6\.0\./);
    expect(versions['typescript-eslint']).toMatch(/^8\.73\./);
  });

  it('resolves by name from the project, ESM and types: plugin object and presets', async () => {
    writeFiles(project, {
      'check/plugin.ts': `import disposable from '${PACKAGE_NAME}';
import type { Linter } from 'eslint';

const recommended: Linter.Config = disposable.configs.recommended as Linter.Config;
console.log(JSON.stringify({ meta: disposable.meta, rules: Object.keys(disposable.rules).sort(), recommended: Object.keys(recommended.rules ?? {}).sort() }));
`,
      'check/tsconfig.json': `${JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: { noEmit: false, outDir: 'out', rootDir: '.' },
        include: ['plugin.ts'],
      })}\n`,
    });
    // The published declarations type-check in a user's project (TypeScript 6, NodeNext).
    await npx(0, ['tsc', '-p', 'check/tsconfig.json']);
    const { stdout } = await runExpecting(0, process.execPath, ['check/out/plugin.js'], { cwd: project, timeoutMs: TIMEOUT_MS });
    const loaded = JSON.parse(stdout) as { meta: { name: string; version: string }; rules: string[]; recommended: string[] };
    expect(loaded.meta).toEqual({ name: PACKAGE_NAME, version: versions[PACKAGE_NAME] });
    expect(loaded.rules).toEqual(expect.arrayContaining(['no-leaked-resource', 'prefer-using']));
    expect(loaded.recommended).toEqual(expect.arrayContaining(['disposable/no-leaked-resource', 'disposable/prefer-using']));
  });

  it('eslint with the README configuration: the findings, exit code 1', async () => {
    resetSources();
    const { stdout } = await npx(1, ['eslint', '--format', 'json', 'src']);
    expect(findings(parseLintJson(stdout), project)).toEqual(EXPECTED_FINDINGS);
  });

  it('eslint --fix: the exact rewrites, exit code 1 for what is left', async () => {
    resetSources();
    const { stdout } = await npx(1, ['eslint', '--fix', '--format', 'json', 'src']);
    expect(readSources()).toEqual(FIXED);
    expect(findings(parseLintJson(stdout), project)).toEqual(FINDINGS_AFTER_FIX);
  });

  it.each([[[] as string[]], [['--no-babel']]])(
    'the packaged jscodeshift codemod (%j): the same rewrites as eslint --fix',
    async (extra) => {
      resetSources();
      const { stdout } = await npx(0, [
        'jscodeshift',
        ...extra,
        '-t',
        `node_modules/${PACKAGE_NAME}/dist/codemods/try-finally-to-using/index.cjs`,
        '--parser=ts',
        '--extensions=ts',
        'src/',
      ]);
      expect(stdout).toMatch(/0 errors/);
      expect(readSources(), stdout).toEqual(FIXED);
    },
  );

  it('disposable-migrate --dry: prints the diff and the summary, writes nothing', async () => {
    resetSources();
    const { stdout } = await npx(0, ['disposable-migrate', '--dry', 'src']);
    expect(stdout).toContain('dry run: nothing is written');
    expect(stdout).toContain('+  await using handle = await open(path);');
    expect(stdout).toContain('+  await using output = await open(target, \'w\');');
    expect(stdout).toMatch(/files that would change\s+2/);
    expect(readSources()).toEqual(SOURCES);
  });
});
