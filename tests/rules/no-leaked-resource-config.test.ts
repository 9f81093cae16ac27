// no-leaked-resource's user specifiers (`resources`, `ignore`, `ownershipTransfer`) that match
// nothing in the program are reported, once per lint run, instead of being silently ignored.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../index.js';
import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester, fixturesDir } from '../rule-tester.js';

const ruleTester = createRuleTester();
const code = 'export const nothing = 1;\n';

ruleTester.run('no-leaked-resource (option specifiers)', rule, {
  valid: [
    {
      name: 'a package specifier that names a type of that package',
      code,
      options: [{ ignore: [{ from: 'package', package: 'node', name: 'FileHandle' }] }],
    },
    {
      name: 'a plain name declared somewhere in the program',
      code,
      options: [{ resources: [{ type: 'FileHandle', release: ['close'] }] }],
    },
    {
      name: 'a lib specifier',
      code,
      options: [{ resources: [{ type: { from: 'lib', name: 'AsyncGenerator' }, release: ['return'], async: true }] }],
    },
    {
      name: 'a file specifier naming a function of the program',
      code: `
declare function adoptHandle(value: unknown): void;
export { adoptHandle };
`,
      options: [{ ownershipTransfer: [{ from: 'file', name: 'adoptHandle' }] }],
    },
    {
      name: 'a package specifier naming a method of a package type',
      code,
      options: [{ ownershipTransfer: [{ from: 'package', package: 'pg', name: 'release' }] }],
    },
  ],
  invalid: [
    {
      name: 'an ignore entry naming no type at all',
      code,
      options: [{ ignore: ['NoSuchType'] }],
      errors: [{ messageId: 'unmatchedSpecifier', line: 1, column: 1, data: { option: 'ignore', specifier: '"NoSuchType"' } }],
    },
    {
      name: 'a resources type misspelt',
      code,
      options: [{ resources: [{ type: { from: 'package', package: 'pg', name: 'PoolClent' }, release: ['release'] }] }],
      errors: [{ messageId: 'unmatchedSpecifier', data: { option: 'resources', specifier: '{"from":"package","package":"pg","name":"PoolClent"}' } }],
    },
    {
      name: 'the right name from the wrong package',
      code,
      options: [{ ownershipTransfer: [{ from: 'package', package: 'mysql2', name: 'FileHandle' }] }],
      errors: [{ messageId: 'unmatchedSpecifier', data: { option: 'ownershipTransfer', specifier: '{"from":"package","package":"mysql2","name":"FileHandle"}' } }],
    },
    {
      name: 'a lib specifier for a name no lib declares',
      code,
      options: [{ ignore: [{ from: 'lib', name: 'FileHandle' }] }],
      errors: [{ messageId: 'unmatchedSpecifier', data: { option: 'ignore', specifier: '{"from":"lib","name":"FileHandle"}' } }],
    },
    {
      name: 'a file specifier with a path that holds no such declaration',
      code,
      options: [{ ignore: [{ from: 'file', name: 'nothing', path: 'sanity.ts' }] }],
      errors: [{ messageId: 'unmatchedSpecifier' }],
    },
    {
      name: 'each unmatched entry once, the matching ones not at all',
      code,
      options: [
        {
          resources: [{ type: 'Lease', release: ['unlock'] }],
          ignore: ['FileHandle', 'Nope'],
          ownershipTransfer: [{ from: 'package', package: 'x', name: 'adopt' }],
        },
      ],
      errors: [
        { messageId: 'unmatchedSpecifier', data: { option: 'resources', specifier: '"Lease"' } },
        { messageId: 'unmatchedSpecifier', data: { option: 'ignore', specifier: '"Nope"' } },
        { messageId: 'unmatchedSpecifier', data: { option: 'ownershipTransfer', specifier: '{"from":"package","package":"x","name":"adopt"}' } },
      ],
    },
  ],
});

describe('unmatched specifiers across files', () => {
  it('are reported on the first file of a lint run only', () => {
    const configPath = path.join(fixturesDir, 'tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    if (!parsed) throw new Error(`cannot read ${configPath}`);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const config = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { programs: [program] } },
        plugins: { disposable: plugin },
        rules: { 'disposable/no-leaked-resource': ['error', { ignore: ['NoSuchType'] }] },
      },
    ] as unknown as Linter.Config[];
    const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
    const unmatched = ['file.ts', 'sanity.ts'].map((name) => {
      const filename = path.join(fixturesDir, name);
      const messages = linter.verify(readFileSync(filename, 'utf8'), config, { filename });
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      return messages.filter((message) => message.messageId === 'unmatchedSpecifier').length;
    });
    expect(unmatched).toEqual([1, 0]);
  });
});
