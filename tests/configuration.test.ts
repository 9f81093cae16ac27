// `settings.disposable` is checked in one place (analysis/configuration.ts); the rules' option
// schemas are built from the same description (rules/schema-utils.ts). These tests pin the error
// texts, the merge order, and that ESLint's own validation of rule options agrees with the checker.
import * as path from 'node:path';

import { Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import {
  ConfigurationError,
  EMPTY_CONFIGURATION,
  mergeConfiguration,
  parseConfiguration,
  toEngineOptions,
} from '../analysis/configuration.js';
import plugin from '../index.js';
import { fixturesDir } from './rule-tester.js';

function errorOf(value: unknown): string {
  try {
    parseConfiguration(value, 'settings.disposable');
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('parseConfiguration', () => {
  it('returns every list, empty when not given, and the defaults for undefined', () => {
    expect(parseConfiguration(undefined, 'settings.disposable')).toEqual(EMPTY_CONFIGURATION);
    expect(parseConfiguration({ ignore: ['Timer'] }, 'settings.disposable')).toEqual({
      resources: [],
      ignore: ['Timer'],
      ownershipTransfer: [],
      cleanupMethods: [],
    });
  });

  it('accepts every key a user resource may have', () => {
    const resource = { type: { from: 'file', name: 'Lease', path: 'src/lease.ts' }, release: ['release', 'end'], sameAsDispose: ['end'], async: true, longLived: false };
    expect(parseConfiguration({ resources: [resource] }, 'settings.disposable').resources).toEqual([resource]);
  });

  it('names the exact key that is wrong, and what it expects', () => {
    expect(errorOf({ resources: [{ type: 'Lease', relase: ['release'] }] })).toBe(
      'settings.disposable.resources[0].relase: unknown key; expected one of type, release, sameAsDispose, async, longLived, inertWith, opensOnFirstUse, inertMethods, releasedOnFailure',
    );
    expect(errorOf({ ignore: 'Timer' })).toBe('settings.disposable.ignore: expected an array');
    expect(errorOf('pg')).toBe('settings.disposable: expected an object');
    expect(errorOf({ resource: [] })).toBe('settings.disposable.resource: unknown key; expected one of resources, ignore, ownershipTransfer, cleanupMethods');
    expect(errorOf({ resources: [{ type: 'Lease' }] })).toBe('settings.disposable.resources[0].release: missing; it is required');
    expect(errorOf({ resources: [{ type: 'Lease', release: [] }] })).toBe('settings.disposable.resources[0].release: expected at least one item');
    expect(errorOf({ resources: [{ type: 'Lease', release: ['release'], async: 'yes' }] })).toBe(
      'settings.disposable.resources[0].async: expected true or false',
    );
    expect(errorOf({ cleanupMethods: ['stop', 'stop'] })).toBe('settings.disposable.cleanupMethods[1]: duplicate of settings.disposable.cleanupMethods[0]');
    expect(errorOf({ cleanupMethods: [''] })).toBe('settings.disposable.cleanupMethods[0]: expected a non-empty string');
  });

  it('picks the TypeOrValueSpecifier form by `from`, and names the key of that form', () => {
    expect(errorOf({ ignore: ['Timer', { from: 'module', name: 'X' }] })).toBe('settings.disposable.ignore[1].from: expected one of "file", "lib", "package"');
    expect(errorOf({ ignore: [{ name: 'X' }] })).toBe('settings.disposable.ignore[0].from: missing; expected one of "file", "lib", "package"');
    expect(errorOf({ ignore: [{ from: 'package', name: 'X' }] })).toBe('settings.disposable.ignore[0].package: missing; it is required');
    expect(errorOf({ ignore: [{ from: 'lib', name: 'X', package: 'pg' }] })).toBe('settings.disposable.ignore[0].package: unknown key; expected one of from, name');
    expect(errorOf({ ownershipTransfer: [42] })).toBe('settings.disposable.ownershipTransfer[0]: expected a string or an object');
    expect(errorOf({ ignore: [{ from: 'lib', name: 5 }] })).toBe('settings.disposable.ignore[0].name: expected a string or an array');
    expect(errorOf({ resources: [{ type: { from: 'file' }, release: ['release'] }] })).toBe('settings.disposable.resources[0].type.name: missing; it is required');
  });

  it('throws an error whose stack is its message: ESLint and the CLI print the stack', () => {
    const error = new ConfigurationError('settings.disposable.ignore: expected an array');
    error.message = `Error while loading rule 'disposable/prefer-using': ${error.message}`;
    expect(error.stack).toBe("ConfigurationError: Error while loading rule 'disposable/prefer-using': settings.disposable.ignore: expected an array");
  });
});

describe('mergeConfiguration', () => {
  it('concatenates each list in order, first part first, and leaves nothing out', () => {
    const settings = parseConfiguration(
      { resources: [{ type: 'Lease', release: ['release'] }], ignore: ['Timer'], cleanupMethods: ['stop'] },
      'settings.disposable',
    );
    const merged = mergeConfiguration(settings, { resources: [{ type: 'Ticket', release: ['punch'] }], ignore: ['Timer'], ownershipTransfer: ['adopt'] });
    expect(merged).toEqual({
      resources: [
        { type: 'Lease', release: ['release'] },
        { type: 'Ticket', release: ['punch'] },
      ],
      ignore: ['Timer', 'Timer'],
      ownershipTransfer: ['adopt'],
      cleanupMethods: ['stop'],
    });
    expect(toEngineOptions(merged)).toEqual({ resources: merged.resources, ignore: merged.ignore, ownershipTransfer: merged.ownershipTransfer });
  });
});

describe('the rule option schemas and parseConfiguration', () => {
  const configPath = path.join(fixturesDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const filename = path.join(fixturesDir, 'file.ts');
  const linter = new Linter({ configType: 'flat', cwd: fixturesDir });

  /** Whether ESLint accepts the options object for the rule (its schema validation runs first). */
  function eslintAccepts(ruleName: string, options: unknown): boolean {
    const config = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { programs: [program] } },
        plugins: { disposable: plugin },
        rules: { [`disposable/${ruleName}`]: ['error', options] },
      },
    ] as unknown as Linter.Config[];
    try {
      linter.verify('export {};\n', config, { filename });
      return true;
    } catch (error) {
      if ((error as Error).message.includes(`Key "disposable/${ruleName}"`)) return false;
      throw error;
    }
  }

  it('accept and reject the same samples', () => {
    const samples: [rule: string, options: Record<string, unknown>][] = [
      ['no-leaked-resource', { ignore: ['Timer'] }],
      ['no-leaked-resource', { ignore: [{ from: 'file', name: 'Timer' }] }],
      ['no-leaked-resource', { ignore: [{ from: 'file', name: ['Timer', 'Clock'], path: 'src/timer.ts' }] }],
      ['no-leaked-resource', { ignore: [{ from: 'lib', name: 'AsyncGenerator' }] }],
      ['no-leaked-resource', { ignore: [{ from: 'package', package: 'pg', name: 'PoolClient' }] }],
      ['no-leaked-resource', { ignore: [{ from: 'package', name: 'PoolClient' }] }],
      ['no-leaked-resource', { ignore: [{ from: 'lib', name: 'X', path: 'a.ts' }] }],
      ['no-leaked-resource', { ignore: [{ from: 'module', name: 'X' }] }],
      ['no-leaked-resource', { ignore: [{ name: 'X' }] }],
      ['no-leaked-resource', { ignore: [{ from: 'lib', name: [] }] }],
      ['no-leaked-resource', { ignore: [{ from: 'lib', name: ['X', 'X'] }] }],
      ['no-leaked-resource', { ignore: [42] }],
      ['no-leaked-resource', { ignore: 'Timer' }],
      ['no-leaked-resource', { ownershipTransfer: [{ from: 'file', name: 'adopt' }] }],
      ['no-leaked-resource', { ownershipTransfer: [{ from: 'file', name: 'adopt', package: 'x' }] }],
      ['no-leaked-resource', { resources: [{ type: 'Lease', release: ['release'] }] }],
      ['no-leaked-resource', { resources: [{ type: 'Lease', release: ['release'], sameAsDispose: ['release'], async: true, longLived: true }] }],
      ['no-leaked-resource', { resources: [{ type: 'Lease', relase: ['release'] }] }],
      ['no-leaked-resource', { resources: [{ type: 'Lease', release: [] }] }],
      ['no-leaked-resource', { resources: [{ type: 'Lease', release: [''] }] }],
      ['no-leaked-resource', { resources: [{ type: 'Lease', release: ['release'], async: 'yes' }] }],
      ['no-leaked-resource', { resources: [{ release: ['release'] }] }],
      ['no-leaked-resource', { resources: [{ type: { from: 'file' }, release: ['release'] }] }],
      ['implement-dispose', { cleanupMethods: ['stop', 'halt'] }],
      ['implement-dispose', { cleanupMethods: ['stop', 'stop'] }],
      ['implement-dispose', { cleanupMethods: [''] }],
      ['implement-dispose', { cleanupMethods: 'stop' }],
    ];
    const disagreements = samples.flatMap(([rule, options]) => {
      const byEslint = eslintAccepts(rule, options);
      const byParser = errorOf(options) === 'accepted';
      return byEslint === byParser ? [] : [`${JSON.stringify(options)}: ESLint ${byEslint ? 'accepts' : 'rejects'} it, parseConfiguration ${byParser ? 'accepts' : 'rejects'} it`];
    });
    expect(disagreements).toEqual([]);
    // Both kinds are in the samples.
    expect(samples.filter(([rule, options]) => eslintAccepts(rule, options)).length).toBe(9);
  });
});
