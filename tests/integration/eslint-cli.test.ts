// `eslint` / `eslint --fix` in CI: the real CLI as a child process, on temporary copies of a
// project configured exactly as the README says. First with this repository's ESLint 10 and
// TypeScript 6, then with the low ends of the peer ranges (ESLint 9, TypeScript 5.x), installed
// with the packed plugin into a folder of their own.
import { cpSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXPECTED_FINDINGS, FINDINGS_AFTER_FIX, FIXED, projectFiles, SOURCES } from './fixture.js';
import {
  installPackedPlugin,
  ESLINT_BIN,
  findings,
  installedVersion,
  killAll,
  linkDevNodeModules,
  makeTempDir,
  PACKAGE_NAME,
  packPlugin,
  parseLintJson,
  readmeConfig,
  removeTempDirs,
  ROOT,
  run,
  runExpecting,
  writeFiles,
} from './support.js';

const ESLINT_TIMEOUT_MS = 120_000;
/** Per test: up to three eslint runs on a machine that may be busy. */
const TEST_TIMEOUT_MS = 240_000;

afterAll(async () => {
  await killAll();
  removeTempDirs();
});

/** A fresh copy of `template` (symlinks kept as symlinks), so that each run starts from the sources. */
function copyOf(template: string, label: string): string {
  const dir = makeTempDir(label);
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

function readSources(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(SOURCES).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

function eslint(eslintBin: string, dir: string, args: readonly string[], expectedCode: number) {
  return runExpecting(expectedCode, process.execPath, [eslintBin, ...args], { cwd: dir, timeoutMs: ESLINT_TIMEOUT_MS });
}

describe('the eslint CLI with the README configuration (ESLint 10, TypeScript 6 of this repository)', { timeout: TEST_TIMEOUT_MS }, () => {
  let template: string;

  beforeAll(() => {
    template = makeTempDir('cli-template');
    writeFiles(template, projectFiles());
    linkDevNodeModules(template);
  });

  it('--format json: reports the findings and exits 1', async () => {
    const dir = copyOf(template, 'cli-json');
    const { stdout } = await eslint(ESLINT_BIN, dir, ['--format', 'json', '.'], 1);
    const results = parseLintJson(stdout);
    expect(findings(results, dir)).toEqual(EXPECTED_FINDINGS);
    // eslint.config.js itself is linted (it is a .js file outside `files`) and clean: no parsing error.
    expect(results.map((result) => result.filePath.slice(dir.length + 1)).sort()).toEqual(
      ['eslint.config.js', ...Object.keys(SOURCES)].sort(),
    );
    expect(readSources(dir)).toEqual(SOURCES);
  });

  it('--fix: applies the exact rewrites only, reports the rest and exits 1', async () => {
    const dir = copyOf(template, 'cli-fix');
    const { stdout } = await eslint(ESLINT_BIN, dir, ['--fix', '--format', 'json', '.'], 1);
    expect(readSources(dir)).toEqual(FIXED);
    expect(findings(parseLintJson(stdout), dir)).toEqual(FINDINGS_AFTER_FIX);
    // The fixed code is clean for the rules it was fixed for, on a fresh run too.
    const again = await eslint(ESLINT_BIN, dir, ['--format', 'json', '.'], 1);
    expect(findings(parseLintJson(again.stdout), dir)).toEqual(FINDINGS_AFTER_FIX);
  });

  it('--fix exits 0 when every finding in the linted files is an exact rewrite', async () => {
    const dir = copyOf(template, 'cli-fix-clean');
    const { stdout } = await eslint(ESLINT_BIN, dir, ['--fix', '--format', 'json', 'src/copy.ts', 'src/clean.ts'], 0);
    expect(findings(parseLintJson(stdout), dir)).toEqual([]);
    expect(readFileSync(join(dir, 'src/copy.ts'), 'utf8')).toBe(FIXED['src/copy.ts']);
  });

  it('--fix-dry-run prints the fixed text and writes nothing', async () => {
    const dir = copyOf(template, 'cli-fix-dry');
    const { stdout } = await eslint(ESLINT_BIN, dir, ['--fix-dry-run', '--format', 'json', 'src/resources.ts'], 1);
    const [result] = parseLintJson(stdout);
    expect(result?.output).toBe(FIXED['src/resources.ts']);
    expect(readSources(dir)).toEqual(SOURCES);
  });

  it.each(['auto', '2'])('--concurrency=%s: the same findings from worker threads', async (concurrency) => {
    const dir = copyOf(template, `cli-concurrency-${concurrency}`);
    const { stdout } = await eslint(ESLINT_BIN, dir, [`--concurrency=${concurrency}`, '--format', 'json', '.'], 1);
    expect(findings(parseLintJson(stdout), dir)).toEqual(EXPECTED_FINDINGS);
  });

  it('--concurrency=2 --fix: the same fixed text', async () => {
    const dir = copyOf(template, 'cli-concurrency-fix');
    await eslint(ESLINT_BIN, dir, ['--concurrency=2', '--fix', '--format', 'json', '.'], 1);
    expect(readSources(dir)).toEqual(FIXED);
  });

  describe('a .js file under allowJs/checkJs', () => {
    const LEGACY_JS = `import { open } from 'node:fs/promises';

/** @param {string} path */
export async function firstLine(path) {
  const handle = await open(path);
  const text = await handle.readFile('utf8');
  return text.split('\\n')[0];
}
`;
    let jsTemplate: string;

    beforeAll(() => {
      jsTemplate = makeTempDir('cli-js-template');
      writeFiles(jsTemplate, { ...projectFiles({ allowJs: true, checkJs: true }), 'src/legacy.js': LEGACY_JS });
      linkDevNodeModules(jsTemplate);
    });

    it('is not covered by the README configuration as written: its `files` are TypeScript only', async () => {
      const dir = copyOf(jsTemplate, 'cli-js-readme');
      const { stdout } = await eslint(ESLINT_BIN, dir, ['--format', 'json', 'src/legacy.js'], 0);
      expect(findings(parseLintJson(stdout), dir)).toEqual([]);
    });

    it('is linted with type information once `files` includes it', async () => {
      const dir = copyOf(jsTemplate, 'cli-js');
      const config = readmeConfig();
      const withJs = config.replace("files: ['**/*.ts',", "files: ['src/**/*.js', '**/*.ts',");
      expect(withJs, 'the README config no longer has the `files` line this test extends').not.toBe(config);
      writeFiles(dir, { 'eslint.config.js': withJs });
      const { stdout } = await eslint(ESLINT_BIN, dir, ['--format', 'json', '.'], 1);
      const results = parseLintJson(stdout);
      expect(findings(results, dir)).toEqual(
        [...EXPECTED_FINDINGS, 'src/legacy.js:5:9 disposable/no-leaked-resource/neverReleased'].sort((a, b) =>
          a.localeCompare(b, 'en', { numeric: true }),
        ),
      );
      // The type checker named the type: the rule ran with type information on the .js file.
      const legacy = results.find((result) => result.filePath.endsWith('legacy.js'));
      expect(legacy?.messages[0]?.message).toContain("'handle' (FileHandle) is acquired here but never released");
    });
  });
});

describe('peer ranges: ESLint 9 and TypeScript 5.9 with the packed plugin, in their own install folder', { timeout: TEST_TIMEOUT_MS }, () => {
  const SPECS = ['eslint@9', 'typescript@5.9', 'typescript-eslint@8.73', '@types/node@24'];
  let template: string;
  let versions: { eslint: string; typescript: string; typescriptEslint: string };

  beforeAll(async () => {
    const pack = await packPlugin(makeTempDir('cli-peer-pack'));
    template = makeTempDir('cli-peer-template');
    writeFiles(template, projectFiles());
    await installPackedPlugin('eslint9-ts59', SPECS, pack, template);
    versions = {
      eslint: installedVersion(template, 'eslint'),
      typescript: installedVersion(template, 'typescript'),
      typescriptEslint: installedVersion(template, 'typescript-eslint'),
    };
    console.log(
      `peer-range run: eslint ${versions.eslint}, typescript ${versions.typescript}, typescript-eslint ${versions.typescriptEslint}`,
    );
  }, 600_000);

  it('installed ESLint 9, TypeScript 5.9 and typescript-eslint 8.73, and the parser loads that TypeScript', async () => {
    expect(versions.eslint).toMatch(/^9\./);
    expect(versions.typescript).toMatch(/^5\.9\./);
    expect(versions.typescriptEslint).toMatch(/^8\.73\./);
    // The parser loads `typescript` by its bare name from its own location: the 5.9 of this folder.
    const probe = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { createRequire } from 'node:module'; const estree = createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree'); console.log(createRequire(estree)('typescript').version);",
      ],
      { cwd: template, timeoutMs: 30_000 },
    );
    expect(probe.stdout.trim(), probe.stderr).toBe(versions.typescript);
  });

  it('--format json: the same findings as with ESLint 10 / TypeScript 6', async () => {
    const dir = copyOf(template, 'cli-peer-json');
    const { stdout } = await eslint(join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js'), dir, ['--format', 'json', '.'], 1);
    expect(findings(parseLintJson(stdout), dir)).toEqual(EXPECTED_FINDINGS);
  });

  it('--fix: the same fixed text', async () => {
    const dir = copyOf(template, 'cli-peer-fix');
    const { stdout } = await eslint(join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js'), dir, ['--fix', '--format', 'json', '.'], 1);
    expect(readSources(dir)).toEqual(FIXED);
    expect(findings(parseLintJson(stdout), dir)).toEqual(FINDINGS_AFTER_FIX);
  });

  it('a plugin that loads another TypeScript than the parser says so once, instead of finding nothing', async () => {
    const dir = copyOf(template, 'cli-peer-second-typescript');
    // A linked checkout: the plugin resolves `typescript` from this repository (6.x), while the
    // parser builds the program with the project's own (5.9).
    const pluginDir = join(dir, 'node_modules', PACKAGE_NAME);
    rmSync(pluginDir, { recursive: true, force: true });
    symlinkSync(ROOT, pluginDir, 'dir');
    const { stdout } = await eslint(join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js'), dir, ['--format', 'json', '.'], 1);
    const results = parseLintJson(stdout);
    const messages = results.flatMap((result) => result.messages.map((message) => ({ file: relative(dir, result.filePath), ...message })));
    // One program for the whole project: one report, on whichever file ESLint 9 lints first.
    expect(messages.map(({ line, column, ruleId, messageId }) => `${String(line)}:${String(column)} ${ruleId ?? ''}/${messageId ?? ''}`)).toEqual([
      '1:1 disposable/no-leaked-resource/secondTypeScript',
    ]);
    expect(Object.keys(SOURCES)).toContain(messages[0]?.file);
    const pluginTypeScript = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string };
    expect(messages[0]?.message).toBe(
      `This file's program was built by TypeScript ${versions.typescript} from ${join(dir, 'node_modules', 'typescript')}, but eslint-plugin-disposable loaded TypeScript ${pluginTypeScript.version} from ${join(ROOT, 'node_modules', 'typescript')}. The two number their syntax kinds and type flags differently, so no disposable/* rule can read this program, and they check nothing in it. Install eslint-plugin-disposable where it resolves the project's own \`typescript\` (not as a linked checkout), and keep one TypeScript in the dependency tree (\`npm dedupe\`, or the same version everywhere).`,
    );
  });
});
