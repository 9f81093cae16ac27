// The examples in docs/rules/<rule>.md are tested: every ```ts block under a heading or paragraph
// marked ❌ must make its rule report at least once, and every block marked ✅ must not make it
// report at all. The blocks are found by parsing the Markdown, and each one is linted as a file of
// its own in a temporary project with typed linting (projectService), with only that rule on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../index.js';
import { linkDevNodeModules, makeTempDir, removeTempDirs, ROOT, tsconfig, writeFiles } from './support.js';

/** Every rule the plugin exports, written out: a new rule must be added here (and documented). */
const RULES = ['implement-dispose', 'no-leaked-resource', 'no-use-after-dispose', 'prefer-await-using', 'prefer-using'] as const;

type Kind = 'incorrect' | 'correct';

interface Example {
  readonly kind: Kind;
  /** 1-based line of the opening fence in the Markdown file. */
  readonly line: number;
  readonly code: string;
  /** Where the block is written in the temporary project, relative to it. */
  readonly file: string;
}

/**
 * The ```ts blocks of a rule's page, each with the ❌/✅ marker of the nearest heading or paragraph
 * above it. A heading without a marker ends the marked section; the generated header (which
 * mentions ✅ `recommended`) is not looked at.
 */
function parseExamples(ruleName: string, markdown: string): Example[] {
  const lines = markdown.split(/\r?\n/);
  const headerEnd = lines.findIndex((line) => line.includes('<!-- end auto-generated rule header -->'));
  const examples: Example[] = [];
  let kind: Kind | undefined;
  for (let index = headerEnd + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const fence = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (fence) {
      const [, , marker = '```', language] = fence;
      const start = index;
      const body: string[] = [];
      for (index++; index < lines.length && !(lines[index] ?? '').trimStart().startsWith(marker); index++) body.push(lines[index] ?? '');
      if (kind && (language === 'ts' || language === 'typescript')) {
        const count = examples.filter((example) => example.kind === kind).length + 1;
        examples.push({ kind, line: start + 1, code: `${body.join('\n')}\n`, file: `src/${ruleName}/${kind}-${String(count)}.ts` });
      }
      continue;
    }
    const marked = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : undefined;
    if (marked) kind = marked;
    else if (/^#{1,6}\s/.test(line)) kind = undefined;
  }
  return examples;
}

const docs = Object.fromEntries(
  RULES.map((ruleName) => {
    const path = join(ROOT, 'docs', 'rules', `${ruleName}.md`);
    return [ruleName, existsSync(path) ? parseExamples(ruleName, readFileSync(path, 'utf8')) : undefined];
  }),
) as Record<(typeof RULES)[number], Example[] | undefined>;

const results = new Map<string, ESLint.LintResult>();

beforeAll(async () => {
  const dir = makeTempDir('docs-examples');
  const examples = Object.values(docs).flatMap((list) => list ?? []);
  writeFiles(dir, {
    'package.json': `${JSON.stringify({ name: 'docs-examples', private: true, type: 'module' }, null, 2)}\n`,
    'tsconfig.json': tsconfig(),
    ...Object.fromEntries(examples.map((example) => [example.file, example.code])),
  });
  // @types/node, pg, mongodb… resolve from this repository's node_modules.
  linkDevNodeModules(dir);
  for (const ruleName of RULES) {
    const files = (docs[ruleName] ?? []).map((example) => join(dir, example.file));
    if (files.length === 0) continue;
    // One ESLint per rule: the rule under test alone, with its default options, on the plugin's sources.
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: defineConfig({
        files: ['**/*.ts'],
        extends: [tseslint.configs.base],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } },
        // index.ts types its plugin object for typescript-eslint; ESLint's own Plugin type differs in detail.
        plugins: { disposable: plugin as unknown as ESLint.Plugin },
        rules: { [`disposable/${ruleName}`]: 'error' },
      }),
    });
    for (const result of await eslint.lintFiles(files)) results.set(result.filePath, result);
  }
  // Keep the results, drop the folder: the paths are only keys now.
  for (const example of examples) {
    const result = results.get(join(dir, example.file));
    if (result) results.set(example.file, result);
  }
}, 120_000);

afterAll(() => {
  removeTempDirs();
});

function describeResult(result: ESLint.LintResult | undefined): string {
  if (!result) return 'not linted';
  return result.messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.ruleId ?? 'fatal'} ${message.message}`).join('\n') || 'no reports';
}

it('lists every rule the plugin exports', () => {
  expect([...RULES].sort()).toEqual(Object.keys(plugin.rules).sort());
});

for (const ruleName of RULES) {
  describe(`docs/rules/${ruleName}.md`, () => {
    const examples = docs[ruleName];
    const ruleId = `disposable/${ruleName}`;

    it('exists and has ❌ and ✅ ```ts examples', () => {
      expect(examples, `docs/rules/${ruleName}.md does not exist: the rule has no documentation page to test`).toBeDefined();
      expect(examples?.filter((example) => example.kind === 'incorrect').length ?? 0, 'no ```ts block marked ❌').toBeGreaterThan(0);
      expect(examples?.filter((example) => example.kind === 'correct').length ?? 0, 'no ```ts block marked ✅').toBeGreaterThan(0);
    });

    for (const example of examples ?? []) {
      const title =
        example.kind === 'incorrect'
          ? `❌ block at line ${String(example.line)}: ${ruleId} reports it`
          : `✅ block at line ${String(example.line)}: ${ruleId} is quiet`;
      it(title, () => {
        const result = results.get(example.file);
        const detail = `${describeResult(result)}\n--- the block\n${example.code}`;
        expect(result, detail).toBeDefined();
        // A parsing error would make "no reports" meaningless.
        expect(result?.messages.filter((message) => message.fatal === true || message.ruleId === null) ?? [], detail).toEqual([]);
        const reports = result?.messages.filter((message) => message.ruleId === ruleId) ?? [];
        if (example.kind === 'incorrect') expect(reports.length, detail).toBeGreaterThan(0);
        else expect(reports, detail).toEqual([]);
      });
    }
  });
}
