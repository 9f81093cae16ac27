// Differential execution of the try-finally-to-using fixtures: every fixture with a `// @run:`
// directive is compiled and run, input against output, on every scenario the harness enumerates
// (tests/harness/README.md), and must behave the same up to the behavior changes its `@expect`
// lines declare. The codemod's actual output is run the same way, so a rewrite the planner
// misclassifies fails here even when its text is what the codemod was expected to produce.

import * as path from 'node:path';

import { describe, expect, it } from 'vitest';

import transform from '../../codemods/try-finally-to-using/transform.js';
import { compareRewrite, formatVerdict, type AllowedDifference, type Expected, type Verdict } from '../harness/index.js';
import { findFixtures, type Fixture } from './fixtures.js';

type Runnable = Fixture & { readonly runArgs: readonly unknown[][] };

const transformDir = path.resolve('codemods/try-finally-to-using');
const runnable = findFixtures(transformDir).filter((fixture): fixture is Runnable => fixture.runArgs !== undefined);
const api = { report: (): void => undefined };

/** The planner's behavior changes, which the harness recognizes under the same names. */
const behaviorChanges: readonly AllowedDifference[] = ['release-on-early-throw', 'later-release-runs'];

/** The changes the `@expect` lines declare; none when every site is exact (or skipped: unchanged). */
function declaredChanges(fixture: Fixture): AllowedDifference[] {
  const changes = new Set<AllowedDifference>();
  for (const expectation of fixture.expectations) {
    const [kind = '', ...labels] = expectation.split(/\s+/);
    // A leak fix releases the resource on the early throw, and changes nothing else.
    if (kind === 'fixes-leak') changes.add('release-on-early-throw');
    if (kind !== 'changes') continue;
    for (const label of labels) {
      const change = behaviorChanges.find((candidate) => candidate === label);
      if (change === undefined) throw new Error(`${fixture.name}: unknown behavior change "${label}" in @expect`);
      changes.add(change);
    }
  }
  return [...changes].sort();
}

function expectedOf(fixture: Fixture): Expected {
  const changes = declaredChanges(fixture);
  return changes.length === 0 ? 'exact' : { allowed: changes };
}

function compare(fixture: Runnable, output: string, expected: Expected = expectedOf(fixture)): Promise<Verdict> {
  return compareRewrite(fixture.input, output, { argSets: fixture.runArgs, expected });
}

async function codemodOutput(fixture: Fixture): Promise<string> {
  return await transform({ path: fixture.inputPath, source: fixture.input }, api, fixture.options) ?? fixture.input;
}

function fixtureNamed(name: string): Runnable {
  const fixture = runnable.find((candidate) => candidate.name === name);
  if (fixture === undefined) throw new Error(`no runnable fixture ${name}`);
  return fixture;
}

describe('differential execution of the try-finally-to-using fixtures', () => {
  it('has at least 20 runnable fixtures', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(runnable)('$name', (fixture) => {
    it('the expected output behaves like the input, up to the declared changes', async () => {
      const expected = expectedOf(fixture);
      const verdict = await compare(fixture, fixture.output, expected);
      expect(verdict.kind, formatVerdict(verdict)).not.toBe('different');
      if (expected === 'exact') expect(verdict.kind, formatVerdict(verdict)).toBe('equal');
      // Normal run, a throw in the body or acquisition, a throw in the release at the least.
      expect(verdict.scenarios).toBeGreaterThanOrEqual(3);
    });

    it.runIf(fixture.output !== fixture.input && declaredChanges(fixture).length > 0)(
      'shows every declared behavior change on some scenario',
      async () => {
        const verdict = await compare(fixture, fixture.output);
        const shown = verdict.kind === 'allowed' ? verdict.differences : [];
        expect(shown, formatVerdict(verdict)).toEqual(declaredChanges(fixture));
      },
    );

    it("the codemod's actual output behaves like the input, up to the declared changes", async () => {
      const verdict = await compare(fixture, await codemodOutput(fixture));
      expect(verdict.kind, formatVerdict(verdict)).not.toBe('different');
    });
  });
});

describe('the harness is not vacuous on these fixtures', () => {
  it('catches swapped acquisitions (the nested rewrite with its two `await using` lines swapped)', async () => {
    const fixture = fixtureNamed('run-nested-try-finally');
    const lines = fixture.output.split('\n');
    const declarations = lines.flatMap((line, index) => (line.trimStart().startsWith('await using ') ? [index] : []));
    expect(declarations).toHaveLength(2);
    const [first = 0, second = 0] = declarations;
    [lines[first], lines[second]] = [lines[second] ?? '', lines[first] ?? ''];
    const verdict = await compare(fixture, lines.join('\n'), 'exact');
    expect(verdict.kind, formatVerdict(verdict)).toBe('different');
  });

  it('catches a swapped step and release (the release moved before the work in the finally)', async () => {
    const fixture = fixtureNamed('run-finally-log-before-release');
    const swapped = fixture.input.replace(
      "    console.log('releasing');\n    await resource.close();",
      "    await resource.close();\n    console.log('releasing');",
    );
    expect(swapped).not.toBe(fixture.input);
    const verdict = await compare(fixture, swapped, 'exact');
    expect(verdict.kind, formatVerdict(verdict)).toBe('different');
  });

  it('catches a dropped release (`await using` turned back into `const`)', async () => {
    const fixture = fixtureNamed('run-const-await-close');
    const leaking = fixture.output.replace('await using resource', 'const resource');
    expect(leaking).not.toBe(fixture.output);
    const verdict = await compare(fixture, leaking, 'exact');
    expect(verdict.kind, formatVerdict(verdict)).toBe('different');
  });

  it('catches a disposal moved before a `return` without `await`', async () => {
    const fixture = fixtureNamed('run-return-promise-without-await');
    const awaited = fixture.output.replace('return resource.use();', 'return await resource.use();');
    expect(awaited).not.toBe(fixture.output);
    const verdict = await compare(fixture, awaited, 'exact');
    expect(verdict.kind, formatVerdict(verdict)).toBe('different');
  });

  it("tells a behavior-changing rewrite from an exact one: 'exact' rejects what the declared changes accept", async () => {
    const fixture = fixtureNamed('run-two-releases-one-finally');
    const verdict = await compare(fixture, fixture.output, 'exact');
    expect(verdict.kind, formatVerdict(verdict)).toBe('different');
    if (verdict.kind === 'different') expect(verdict.recognized.length).toBeGreaterThan(0);
  });
});
