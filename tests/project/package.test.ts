import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import plugin from '../../index.js';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const ruleFiles = readdirSync('rules')
  .filter((file) => file.endsWith('.ts') && !['index.ts', 'create-rule.ts'].includes(file) && !file.endsWith('-utils.ts'))
  .map((file) => file.replace(/\.ts$/, ''));

describe('the plugin object', () => {
  it('names itself from package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });

  it('exports one rule per file in rules/', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual([...ruleFiles].sort());
  });

  it('builds the presets from each rule’s meta.docs.recommended', () => {
    for (const [ruleName, rule] of Object.entries(plugin.rules)) {
      const level = rule.meta.docs?.recommended;
      const id = `disposable/${ruleName}`;
      expect(plugin.configs.recommended.rules?.[id]).toBe(level === 'recommended' ? 'error' : undefined);
      const strict = plugin.configs.strict.rules?.[id];
      expect(Array.isArray(strict) ? strict[0] : strict).toBe(level ? 'error' : undefined);
    }
  });

  it('turns on checkFetchResponses in strict only', () => {
    expect(plugin.configs.strict.rules?.['disposable/no-leaked-resource']).toEqual(['error', { checkFetchResponses: true }]);
    expect(plugin.configs.recommended.rules?.['disposable/no-leaked-resource']).toBe('error');
  });

  it('registers itself in each preset under the `disposable` prefix', () => {
    expect(plugin.configs.recommended.plugins?.['disposable']).toBe(plugin);
    expect(plugin.configs.strict.plugins?.['disposable']).toBe(plugin);
  });

  it('marks every rule as requiring type information, with a docs URL', () => {
    for (const [ruleName, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.requiresTypeChecking).toBe(true);
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${ruleName}\\.md$`));
    }
  });
});
