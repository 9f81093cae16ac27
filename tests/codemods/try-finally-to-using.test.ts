import * as path from 'node:path';

import { Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { getEngine } from '../../analysis/engine.js';
import { planFile } from '../../analysis/rewrite/index.js';
import transform from '../../codemods/try-finally-to-using/transform.js';
import { typedFile } from '../../codemods/shared/program.js';
import plugin from '../../index.js';
import { findFixtures, type Fixture } from './fixtures.js';

const transformDir = path.resolve('codemods/try-finally-to-using');
const fixturesDir = path.join(transformDir, '__testfixtures__');
const fixtures = findFixtures(transformDir);
const api = { report: (): void => undefined };

function run(filePath: string, source: string, options: Record<string, true>): string {
  return transform({ path: filePath, source }, api, options);
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
      rules: { 'disposable/prefer-using': ['error', { stack: fixture.options['stack'] === true }] },
    },
  ] as unknown as Linter.Config[];
}

/**
 * `eslint --fix`, then, for a fixture run with --allow-behavior-change, the first suggestion
 * applied and the file linted again, until no suggestion is left: what an editor user gets by
 * accepting every suggestion.
 */
function lintFix(linter: Linter, fixture: Fixture): string {
  const config = lintConfig(fixture);
  let text = fixture.input;
  for (let pass = 0; pass < 10; pass++) {
    const fixed = linter.verifyAndFix(text, config, { filename: fixture.inputPath });
    expect(fixed.messages.filter((message) => message.fatal)).toEqual([]);
    text = fixed.output;
    const suggestion = fixture.options['allow-behavior-change']
      ? fixed.messages.flatMap((message) => message.suggestions ?? [])[0]
      : undefined;
    if (!suggestion) return text;
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    const body = text.slice(bom.length);
    text = bom + body.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + body.slice(suggestion.fix.range[1]);
  }
  throw new Error(`${fixture.name}: suggestions did not converge`);
}

describe('try-finally-to-using fixtures', () => {
  it('has at least 45 fixture pairs', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
  });

  it('every fixture type-checks', () => {
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
      expect(run(fixture.inputPath, fixture.input, fixture.options)).toBe(fixture.output);
    });

    it('is idempotent: the output is left unchanged', () => {
      expect(run(fixture.outputPath, fixture.output, fixture.options)).toBe(fixture.output);
    });

    it('plans each site as the header says', () => {
      const { program, sourceFile } = typedFile(fixture.inputPath, fixture.input.replace(/^\uFEFF/, ''));
      const plans = planFile(sourceFile, getEngine(program), { stack: fixture.options['stack'] === true });
      const actual = plans.map((plan) =>
        plan.kind === 'skip' ? `skip ${plan.reason}` : plan.changes.length === 0 ? 'exact' : `changes ${[...plan.changes].sort().join(' ')}`,
      );
      expect(actual).toEqual(fixture.expectations);
    });

    it('matches what `eslint --fix` (and its suggestions, with --allow-behavior-change) makes of it with disposable/prefer-using', () => {
      const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
      expect(lintFix(linter, fixture)).toBe(fixture.output);
    });
  });
});
