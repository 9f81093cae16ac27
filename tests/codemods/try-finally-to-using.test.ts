import * as path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { getEngine } from '../../analysis/engine.js';
import { planFile } from '../../analysis/rewrite/index.js';
import transform from '../../codemods/try-finally-to-using/transform.js';
import { typedFile } from '../../codemods/shared/program.js';
import plugin from '../../index.js';
import { findFixtures } from './fixtures.js';

const transformDir = path.resolve('codemods/try-finally-to-using');
const fixturesDir = path.join(transformDir, '__testfixtures__');
const fixtures = findFixtures(transformDir);
const api = { report: (): void => undefined };

function run(filePath: string, source: string, options: Record<string, true>): string {
  return transform({ path: filePath, source }, api, options) ?? source;
}

describe('try-finally-to-using fixtures', () => {
  it('has at least 40 fixture pairs', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(fixtures)('$name', (fixture) => {
    it('transforms the input into the expected output', () => {
      expect(run(fixture.inputPath, fixture.input, fixture.options)).toBe(fixture.output);
    });

    it('is idempotent: the output is left unchanged', () => {
      expect(run(fixture.outputPath, fixture.output, fixture.options)).toBe(fixture.output);
    });

    it('plans each site as the header says', () => {
      const { program, sourceFile } = typedFile(fixture.inputPath, fixture.input);
      const plans = planFile(sourceFile, getEngine(program), { stack: fixture.options['stack'] === true });
      const actual = plans.map((plan) =>
        plan.kind === 'skip' ? `skip ${plan.reason}` : plan.changes.length === 0 ? 'exact' : `changes ${[...plan.changes].sort().join(' ')}`,
      );
      expect(actual).toEqual(fixture.expectations);
    });

    it.runIf(!fixture.options['stack'] && !fixture.options['allow-behavior-change'])(
      'matches what `eslint --fix` makes of it with disposable/prefer-using (multi-pass)',
      () => {
        const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
        const config = [
          {
            files: ['**/*.ts'],
            languageOptions: {
              parser: tseslint.parser,
              parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
            },
            plugins: { disposable: plugin },
            rules: { 'disposable/prefer-using': 'error' },
          },
        ] as unknown as Linter.Config[];
        const fixed = linter.verifyAndFix(fixture.input, config, { filename: fixture.inputPath });
        expect(fixed.messages.filter((message) => message.fatal)).toEqual([]);
        expect(fixed.output).toBe(fixture.output);
      },
    );
  });
});
