import * as path from 'node:path';

import { Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { getEngine } from '../../analysis/engine.js';
import { findMissingDispose } from '../../analysis/implement-dispose.js';
import transform, { transformSource } from '../../codemods/add-dispose-method/transform.js';
import { typedFile } from '../../codemods/shared/program.js';
import { TRANSFORMS } from '../../codemods/transforms.js';
import plugin from '../../index.js';
import { findFixtures, type Fixture } from './fixtures.js';

const transformDir = path.resolve('codemods/add-dispose-method');
const fixturesDir = path.join(transformDir, '__testfixtures__');
const fixtures = findFixtures(transformDir);

/** `// @options: --cleanup-methods=stop,unsubscribe` */
function cleanupMethods(fixture: Fixture): string[] {
  return Object.keys(fixture.options).flatMap((option) =>
    option.startsWith('cleanup-methods=') ? option.slice('cleanup-methods='.length).split(',') : [],
  );
}

function run(fixture: Fixture, filePath: string, source: string): string {
  const reports: string[] = [];
  const options = { 'cleanup-methods': cleanupMethods(fixture).join(',') };
  return transform({ path: filePath, source }, { report: (message) => reports.push(message) }, options) ?? source;
}

function lintConfig(fixture: Fixture): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
      },
      plugins: { disposable: plugin },
      rules: { 'disposable/implement-dispose': ['error', { cleanupMethods: cleanupMethods(fixture) }] },
    },
  ] as unknown as Linter.Config[];
}

/** What an editor user gets by accepting every `implement-dispose` suggestion, one at a time. */
function applySuggestions(linter: Linter, fixture: Fixture): string {
  const config = lintConfig(fixture);
  let text = fixture.input;
  for (let pass = 0; pass < 10; pass++) {
    const messages = linter.verify(text, config, { filename: fixture.inputPath });
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const suggestion = messages.flatMap((message) => message.suggestions ?? [])[0];
    if (!suggestion) return text;
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    const body = text.slice(bom.length);
    text = bom + body.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + body.slice(suggestion.fix.range[1]);
  }
  throw new Error(`${fixture.name}: suggestions did not converge`);
}

describe('add-dispose-method fixtures', () => {
  it('has at least 10 fixture pairs', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it('is registered for disposable-migrate --transform add-dispose-method', () => {
    expect(TRANSFORMS['add-dispose-method']).toBe(transformSource);
  });

  it('every fixture type-checks, input and output', () => {
    const configPath = path.join(fixturesDir, 'tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    if (!parsed) throw new Error(`cannot read ${configPath}`);
    const files = new Set(parsed.fileNames.map((file) => path.resolve(file)));
    for (const fixture of fixtures) {
      expect(files).toContain(fixture.inputPath);
      expect(files).toContain(fixture.outputPath);
    }
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file
        ? `${path.basename(diagnostic.file.fileName)}:${String(diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1)}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    });
    expect(errors).toEqual([]);
  });

  describe.each(fixtures)('$name', (fixture) => {
    it('transforms the input into the expected output', () => {
      expect(run(fixture, fixture.inputPath, fixture.input)).toBe(fixture.output);
    });

    it('is idempotent: the output is left unchanged', () => {
      expect(run(fixture, fixture.outputPath, fixture.output)).toBe(fixture.output);
    });

    it('plans each class as the header says', () => {
      const { program, sourceFile } = typedFile(fixture.inputPath, fixture.input.replace(/^\uFEFF/, ''));
      const plans = findMissingDispose(sourceFile, getEngine(program), { cleanupMethods: cleanupMethods(fixture) });
      expect(plans.map((plan) => `${plan.className} ${plan.member} ${plan.cleanup}`)).toEqual(fixture.expectations);
    });

    it('matches the output of the disposable/implement-dispose suggestions', () => {
      const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
      expect(applySuggestions(linter, fixture)).toBe(fixture.output);
    });
  });
});

describe('add-dispose-method sites', () => {
  const fixture = fixtures.find((candidate) => candidate.name === 'new-sites-warning');
  if (!fixture) throw new Error('fixture new-sites-warning is missing');

  it('reports the class it made disposable as converted', () => {
    const { sites } = transformSource(fixture.inputPath, fixture.input);
    expect(sites.filter((site) => site.status === 'converted').map(({ names, line }) => ({ names, line }))).toEqual([
      { names: 'Connection', line: 4 },
    ]);
  });

  it('lists the existing `new` sites that no-leaked-resource will report, and only those', () => {
    const { sites } = transformSource(fixture.inputPath, fixture.input);
    const warnings = sites.filter((site) => site.status === 'would-be-reported');
    expect(warnings.map(({ file, line, names, reason }) => ({ file, line, names, reason }))).toEqual([
      {
        file: path.relative(process.cwd(), fixture.inputPath),
        line: 22,
        names: 'connection (Connection)',
        reason: 'disposable/no-leaked-resource: neverReleased',
      },
      {
        file: path.relative(process.cwd(), fixture.inputPath),
        line: 28,
        names: 'connection (Connection)',
        reason: 'disposable/no-leaked-resource: notReleasedOnThrow',
      },
    ]);
  });

  it('agrees with no-leaked-resource on the rewritten file', () => {
    const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
    const messages = linter.verify(
      fixture.output,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
          plugins: { disposable: plugin },
          rules: { 'disposable/no-leaked-resource': 'error' },
        },
      ] as unknown as Linter.Config[],
      { filename: fixture.outputPath },
    );
    expect(messages.map((message) => message.line)).toEqual([26, 32]);
  });

  it('warns through jscodeshift’s report, with the count', () => {
    const reports: string[] = [];
    transform({ path: fixture.inputPath, source: fixture.input }, { report: (message) => reports.push(message) }, {});
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^2 existing `new` site\(s\) will become disposable\/no-leaked-resource reports/);
  });

  it('lists nothing for a file it leaves unchanged', () => {
    const skip = fixtures.find((candidate) => candidate.name === 'skip-already-or-inherited');
    if (!skip) throw new Error('fixture skip-already-or-inherited is missing');
    expect(transformSource(skip.inputPath, skip.input)).toEqual({ output: undefined, sites: [] });
  });
});
