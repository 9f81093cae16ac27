import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import plugin from '../../index.js';
import { RESOURCE_PRESETS } from '../../analysis/presets.js';
import { specifierNames } from '../../analysis/specifier.js';
import { catalogueTable, DOCS_FILE, documentedTable } from '../../scripts/catalogue-table.js';

const ruleNames = Object.keys(plugin.rules);

describe.each(ruleNames)('docs/rules/%s.md', (ruleName) => {
  const path = `docs/rules/${ruleName}.md`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';

  it('exists', () => {
    expect(existsSync(path)).toBe(true);
  });

  it('shows incorrect (❌) and correct (✅) examples in ts code blocks', () => {
    expect(text).toMatch(/❌[^\n]*\n+```ts\n/);
    expect(text).toMatch(/✅[^\n]*\n+```ts\n/);
  });

  it('documents every option', () => {
    const schema: unknown = plugin.rules[ruleName as keyof typeof plugin.rules].meta.schema;
    // An array of option schemas, or (rules with `$defs`) an array schema with them as `items`.
    const items = Array.isArray(schema) ? schema : (schema as { items?: unknown } | undefined)?.items;
    const first = Array.isArray(items) ? (items[0] as { properties?: object } | undefined) : undefined;
    const properties = Object.keys(first?.properties ?? {});
    if (properties.length > 0) expect(text).toContain('## Options');
    for (const property of properties) expect(text).toContain(`\`${property}\``);
  });

  it('says when not to use it', () => {
    expect(text).toContain('## When Not To Use It');
  });
});

describe('the catalogue table of docs/rules/no-leaked-resource.md', () => {
  it('is the one the built-in presets make (rewrite it with `node scripts/catalogue-table.js` after a build)', () => {
    expect(documentedTable(readFileSync(DOCS_FILE, 'utf8'))).toBe(catalogueTable(RESOURCE_PRESETS, specifierNames));
  });
});
