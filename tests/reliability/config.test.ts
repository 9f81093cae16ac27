// Bad configuration fails loudly: an invalid option of any rule is rejected by ESLint's schema
// validation, with a message that names the rule and what is wrong.
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../index.js';

const ruleNames = Object.keys(plugin.rules);

function lintWith(ruleName: string, options: unknown[]): () => void {
  const config = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { disposable: plugin },
      rules: { [`disposable/${ruleName}`]: ['error', ...options] },
    },
  ] as unknown as Linter.Config[];
  return () => new Linter({ configType: 'flat' }).verify('export {};\n', config, { filename: 'file.ts' });
}

describe.each(ruleNames)('disposable/%s', (ruleName) => {
  it('rejects an unknown option with the schema message', () => {
    expect(lintWith(ruleName, [{ notAnOption: true }])).toThrow(
      new RegExp(`disposable/${ruleName}[\\s\\S]*(notAnOption|additional properties|more than 0 items)`),
    );
  });

  it('rejects a second options object', () => {
    expect(lintWith(ruleName, [{}, {}])).toThrow(new RegExp(`disposable/${ruleName}[\\s\\S]*should NOT have more than \\d items`));
  });
});

describe('disposable/no-leaked-resource option values', () => {
  it.each([
    ['a specifier with an unknown `from`', { ignore: [{ from: 'npm', name: 'X' }] }],
    ['a package specifier without `package`', { ignore: [{ from: 'package', name: 'X' }] }],
    ['a resource without `release`', { resources: [{ type: 'Lease' }] }],
    ['a resource with an empty `release`', { resources: [{ type: 'Lease', release: [] }] }],
    ['`async` that is not a boolean', { resources: [{ type: 'Lease', release: ['unlock'], async: 'yes' }] }],
    ['a name list with duplicates', { ownershipTransfer: [{ from: 'file', name: ['a', 'a'] }] }],
  ])('rejects %s', (_label, options) => {
    expect(lintWith('no-leaked-resource', [options])).toThrow(/Key "rules": Key "disposable\/no-leaked-resource":/);
  });
});
