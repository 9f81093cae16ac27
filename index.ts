import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from './rules/index.js';

const { name, version } = readPackageJson();

type RuleName = keyof typeof rules;
type PresetName = 'recommended' | 'strict';

const plugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<PresetName, TSESLint.FlatConfig.Config>,
};

/** Options that `strict` turns on: checks too noisy for `recommended` (see each rule's docs). */
const STRICT_OPTIONS: Partial<Record<RuleName, unknown[]>> = {
  'no-leaked-resource': [{ checkFetchResponses: true }],
};

/** A preset's rules come from each rule's `meta.docs.recommended`: no hand-kept lists. */
function preset(presetName: PresetName): TSESLint.FlatConfig.Config {
  const included = (Object.keys(rules) as RuleName[]).filter((ruleName) => {
    const level = rules[ruleName].meta.docs?.recommended;
    return presetName === 'strict' ? level !== undefined : level === 'recommended';
  });
  return {
    name: `disposable/${presetName}`,
    plugins: { disposable: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: Object.fromEntries(
      included.map((ruleName) => {
        const options = presetName === 'strict' ? STRICT_OPTIONS[ruleName] : undefined;
        return [`disposable/${ruleName}`, options ? ['error', ...options] : 'error'];
      }),
    ),
  };
}

plugin.configs.recommended = preset('recommended');
plugin.configs.strict = preset('strict');

export default plugin;

/** The package's own package.json: one folder up from `dist/`, or beside the sources in tests. */
function readPackageJson(): { name: string; version: string } {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) folder = dirname(folder);
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name: string; version: string };
}
