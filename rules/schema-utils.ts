import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import { CONFIGURATION_DEFINITIONS, CONFIGURATION_SCHEMA, type Configuration } from '../analysis/configuration.js';

/**
 * The options schema of a rule whose one option object takes some keys of `settings.disposable`:
 * the very schema `parseConfiguration` checks settings with, so that a rule option and a setting
 * of the same name accept the same values. The TypeOrValueSpecifier is one `$defs` entry that the
 * keys reference; the schema is in object form because ESLint nests an array-form schema in a
 * wrapper of its own, where `#/$defs/…` would not resolve. `ruleProperties` are the rule's own
 * options, which no setting has.
 */
export function configurationOptionsSchema(keys: readonly (keyof Configuration)[], ruleProperties: Record<string, JSONSchema4> = {}): JSONSchema4 {
  const properties = { ...Object.fromEntries(keys.map((key) => [key, CONFIGURATION_SCHEMA.properties?.[key] ?? {}])), ...ruleProperties };
  const referencesDefinitions = JSON.stringify(properties).includes('"$ref"');
  return {
    type: 'array',
    ...(referencesDefinitions ? { $defs: CONFIGURATION_DEFINITIONS } : {}),
    items: [{ type: 'object', additionalProperties: false, properties }],
    minItems: 0,
    maxItems: 1,
  } as JSONSchema4;
}
