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

/** The `stack` option of the rules that rewrite (prefer-using's fixes, no-leaked-resource's suggestions). */
export const STACK_OPTION_SCHEMA: JSONSchema4 = {
  oneOf: [
    { type: 'boolean', description: 'On or off, whatever the runtime.' },
    { type: 'string', enum: ['auto'], description: 'On where the lib declares the stack classes and the package runs only on Node.js ≥ 24 or depends on a polyfill.' },
  ],
  description:
    "Rewrite resources whose release is not their dispose member (pg `PoolClient#release()`, `release(true)`, a socket's `end()`) by adopting them in a `DisposableStack` / `AsyncDisposableStack` with the same call. Needs those classes at runtime (Node.js ≥ 24, or a polyfill): `'auto'` (the default) turns it on when the program's lib declares them and the package's `engines.node` admits only Node.js ≥ 24 or it depends on a polyfill.",
};
