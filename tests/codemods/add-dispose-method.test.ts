import * as path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { getEngine } from '../../analysis/engine.js';
import { findMissingDispose } from '../../analysis/index.js';
import transform, { transformSource } from '../../codemods/add-dispose-method/transform.js';
import { typedFile } from '../../codemods/shared/program.js';
import { TRANSFORMS } from '../../codemods/transforms.js';
import { findFixtures, type Fixture, fixtureLintConfig, fixtureProjectErrors, lintAndApply } from './fixtures.js';

const transformDir = path.resolve('codemods/add-dispose-method');
const fixturesDir = path.join(transformDir, '__testfixtures__');
const fixtures = findFixtures(transformDir);

/** `// @options: --cleanup-methods=stop,unsubscribe` */
function cleanupMethods(fixture: Fixture): string[] {
  return Object.keys(fixture.options).flatMap((option) =>
    option.startsWith('cleanup-methods=') ? option.slice('cleanup-methods='.length).split(',') : [],
  );
}

async function run(fixture: Fixture, filePath: string, source: string): Promise<string> {
  const reports: string[] = [];
  const options = { 'cleanup-methods': cleanupMethods(fixture).join(',') };
  return (await transform({ path: filePath, source }, { report: (message) => reports.push(message) }, options)) ?? source;
}

describe('add-dispose-method fixtures', () => {
  it('has at least 10 fixture pairs', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it('is registered for disposable-migrate --transform add-dispose-method', () => {
    expect(TRANSFORMS['add-dispose-method']).toBe(transformSource);
  });

  it('every fixture type-checks, input and output', () => {
    expect(fixtureProjectErrors(fixturesDir, fixtures)).toEqual([]);
  });

  describe.each(fixtures)('$name', (fixture) => {
    it('transforms the input into the expected output', async () => {
      expect(await run(fixture, fixture.inputPath, fixture.input)).toBe(fixture.output);
    });

    it('is idempotent: the output is left unchanged', async () => {
      expect(await run(fixture, fixture.outputPath, fixture.output)).toBe(fixture.output);
    });

    it('plans each class as the header says', () => {
      const { program, sourceFile } = typedFile(fixture.inputPath, fixture.input.replace(/^\uFEFF/, ''));
      const plans = findMissingDispose(sourceFile, getEngine(program), { cleanupMethods: cleanupMethods(fixture) });
      expect(plans.map((plan) => `${plan.className} ${plan.member} ${plan.cleanup}`)).toEqual(fixture.expectations);
    });

    it('matches the output of the disposable/implement-dispose suggestions', () => {
      const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
      const config = fixtureLintConfig(fixturesDir, {
        'disposable/implement-dispose': ['error', { cleanupMethods: cleanupMethods(fixture) }],
      });
      expect(lintAndApply(linter, fixture, config, { fix: false, suggestions: true })).toBe(fixture.output);
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
        line: 28,
        names: 'connection (Connection)',
        reason: 'disposable/no-leaked-resource: neverReleased',
      },
      {
        file: path.relative(process.cwd(), fixture.inputPath),
        line: 34,
        names: 'connection (Connection)',
        reason: 'disposable/no-leaked-resource: notReleasedOnThrow',
      },
    ]);
  });

  it('agrees with no-leaked-resource on the rewritten file', () => {
    const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
    const messages = linter.verify(fixture.output, fixtureLintConfig(fixturesDir, { 'disposable/no-leaked-resource': 'error' }), {
      filename: fixture.outputPath,
    });
    expect(messages.map((message) => message.line)).toEqual([32, 38]);
  });

  it('warns through jscodeshift’s report, with the count', async () => {
    const reports: string[] = [];
    await transform({ path: fixture.inputPath, source: fixture.input }, { report: (message) => reports.push(message) }, {});
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^2 existing `new` site\(s\) will become disposable\/no-leaked-resource reports/);
  });

  it('lists nothing for a file it leaves unchanged', () => {
    const skip = fixtures.find((candidate) => candidate.name === 'skip-already-or-inherited');
    if (!skip) throw new Error('fixture skip-already-or-inherited is missing');
    expect(transformSource(skip.inputPath, skip.input)).toEqual({ output: undefined, sites: [] });
  });
});
