import * as path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { getEngine } from '../../analysis/engine.js';
import { classificationOf, planFile } from '../../analysis/rewrite/index.js';
import transform from '../../codemods/try-finally-to-using/transform.js';
import { typedFile } from '../../codemods/shared/program.js';
import { findFixtures, fixtureLintConfig, fixtureProjectErrors, lintAndApply } from './fixtures.js';

const transformDir = path.resolve('codemods/try-finally-to-using');
const fixturesDir = path.join(transformDir, '__testfixtures__');
const fixtures = findFixtures(transformDir);
const api = { report: (): void => undefined };

function run(filePath: string, source: string, options: Record<string, true>): Promise<string> {
  return transform({ path: filePath, source }, api, options);
}

describe('try-finally-to-using fixtures', () => {
  it('has at least 45 fixture pairs', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
  });

  it('every fixture type-checks', () => {
    expect(fixtureProjectErrors(fixturesDir, fixtures)).toEqual([]);
  });

  describe.each(fixtures)('$name', (fixture) => {
    it('transforms the input into the expected output', async () => {
      expect(await run(fixture.inputPath, fixture.input, fixture.options)).toBe(fixture.output);
    });

    it('is idempotent: the output is left unchanged', async () => {
      expect(await run(fixture.outputPath, fixture.output, fixture.options)).toBe(fixture.output);
    });

    it('plans each site as the header says', () => {
      const { program, sourceFile } = typedFile(fixture.inputPath, fixture.input.replace(/^\uFEFF/, ''));
      const plans = planFile(sourceFile, getEngine(program), { stack: fixture.options['stack'] === true });
      const actual = plans.map((plan) =>
        plan.kind === 'skip'
          ? `skip ${plan.reason}`
          : classificationOf(plan) === 'changes-behavior'
            ? `changes ${[...plan.changes].sort().join(' ')}`
            : classificationOf(plan),
      );
      expect(actual).toEqual(fixture.expectations);
    });

    it('matches what `eslint --fix` (and its suggestions, with --allow-behavior-change or --fix-leaks) makes of it with disposable/prefer-using and disposable/no-leaked-resource', () => {
      const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
      const stack = fixture.options['stack'] === true;
      const config = fixtureLintConfig(fixturesDir, {
        'disposable/prefer-using': ['error', { stack }],
        'disposable/no-leaked-resource': ['error', { stack }],
      });
      const allowBehaviorChange = fixture.options['allow-behavior-change'] === true;
      const suggestions = allowBehaviorChange || fixture.options['fix-leaks'] === true;
      // The codemod's rewrites only: the leak rule's `using` suggestion for a resource never
      // released is none of them, and `--fix-leaks` alone applies only the leak fixes.
      const accept = (report: Linter.LintMessage, suggestion: Linter.LintSuggestion): boolean =>
        allowBehaviorChange
          ? ['suggestConvert', 'suggestFixLeak', 'suggestFixLeakChanges'].includes(suggestion.messageId ?? '')
          : suggestion.messageId === 'suggestFixLeak' || report.messageId === 'convertFixesLeak';
      const applied = lintAndApply(linter, fixture, config, { fix: true, suggestions, accept });
      expect(applied).toBe(fixture.output);
    });
  });
});
