// The one place the rules get their engine: settings merged with options, and the guard against a
// program built by another copy of TypeScript (tests/integration/eslint-cli.test.ts runs the real
// case, TypeScript 5.9 under the parser and 6 under the plugin).
import * as path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { getRuleEngine } from '../../rules/engine-utils.js';
import { fixturesDir } from '../rule-tester.js';

type Context = Parameters<typeof getRuleEngine>[0];

function contextReportingTo(reports: unknown[], settings: Record<string, unknown> = {}): Context {
  return { id: 'disposable/test', settings, report: (descriptor: unknown) => reports.push(descriptor) } as unknown as Context;
}

/** What a program of a TypeScript this process cannot find looks like: a source file of another make. */
function foreignProgram(): ts.Program {
  return { getSourceFiles: () => [{ kind: ts.SyntaxKind.SourceFile }] } as unknown as ts.Program;
}

describe('getRuleEngine', () => {
  it('reports a program of another TypeScript once, at line 1 of the first file, and gives no rule an engine for it', () => {
    const program = foreignProgram();
    const first: unknown[] = [];
    const second: unknown[] = [];
    expect(getRuleEngine(contextReportingTo(first), program)).toBeUndefined();
    expect(getRuleEngine(contextReportingTo(second), program)).toBeUndefined();
    expect(first).toEqual([
      {
        loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
        messageId: 'secondTypeScript',
        data: {
          plugin: `TypeScript ${ts.version} from ${path.resolve('node_modules/typescript')}`,
          program: 'another copy of TypeScript, which this process did not load from a `typescript` package folder',
        },
      },
    ]);
    expect(second).toEqual([]);
    const another: unknown[] = [];
    getRuleEngine(contextReportingTo(another), foreignProgram());
    expect(another).toHaveLength(1);
  });

  it('merges settings.disposable, then the rule options, for a program of its own TypeScript', () => {
    const program = ts.createProgram({ rootNames: [path.join(fixturesDir, 'sanity.ts')], options: { noEmit: true, noLib: true, types: [] } });
    const reports: unknown[] = [];
    const settings = { disposable: { ignore: ['Timer'], cleanupMethods: ['stop'] } };
    const setup = getRuleEngine(contextReportingTo(reports, settings), program, { ignore: ['Clock'] });
    expect(reports).toEqual([]);
    expect(setup?.configuration).toEqual({ resources: [], ignore: ['Timer', 'Clock'], ownershipTransfer: [], cleanupMethods: ['stop'] });
    expect(setup?.engine.program).toBe(program);
  });
});
