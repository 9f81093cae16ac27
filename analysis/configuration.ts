import type { EngineOptions } from './engine.js';
import type { ResourceDeclaration } from './presets.js';
import type { TypeOrValueSpecifier } from './specifier.js';
import { DEFAULT_CLEANUP_METHODS } from './vocabulary/names.js';

/**
 * What a user can tell the engine: `settings.disposable` in the ESLint config, the codemods'
 * `--settings <file.json>`, and the options of the rules that take some of it. Every list extends
 * the built-in one (presets, ignore list, cleanup methods); none replaces it.
 */
export interface Configuration {
  /** Resources the built-in presets do not know, with how they are released. */
  readonly resources: readonly ResourceDeclaration[];
  /** Types (or the functions that return them) never reported. */
  readonly ignore: readonly TypeOrValueSpecifier[];
  /** Functions that take ownership of a resource passed to them. */
  readonly ownershipTransfer: readonly TypeOrValueSpecifier[];
  /** Method names that release what an object holds (implement-dispose, add-dispose-method). */
  readonly cleanupMethods: readonly string[];
}

export const EMPTY_CONFIGURATION: Configuration = { resources: [], ignore: [], ownershipTransfer: [], cleanupMethods: [] };

/** A configuration value that does not have the documented shape; the message names the key. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';

  constructor(message: string) {
    super(message);
    // The user's to fix, not a bug: a stack trace would only bury the key the message names.
    Object.defineProperty(this, 'stack', { get: () => `${this.name}: ${this.message}`, configurable: true });
  }
}

/**
 * The JSON Schema subset the configuration is described in. The same objects are the rules'
 * option schemas (rules/schema-utils.ts), so ESLint's validation of rule options and
 * `parseConfiguration` below check one description.
 */
export interface JsonSchema {
  type?: 'array' | 'boolean' | 'object' | 'string';
  description?: string;
  enum?: string[];
  minLength?: number;
  items?: JsonSchema;
  minItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: false;
  oneOf?: JsonSchema[];
  /** `#/$defs/<name>`, resolved against CONFIGURATION_DEFINITIONS. */
  $ref?: string;
}

const names = (description: string): JsonSchema => ({
  description,
  oneOf: [
    { type: 'string' },
    { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
  ],
});

const methodNames = (description: string, minItems?: number): JsonSchema => ({
  type: 'array',
  description,
  items: { type: 'string', minLength: 1 },
  ...(minItems === undefined ? {} : { minItems }),
});

/** typescript-eslint's TypeOrValueSpecifier, described once and referenced as `#/$defs/typeOrValueSpecifier`. */
export const CONFIGURATION_DEFINITIONS: Record<string, JsonSchema> = {
  typeOrValueSpecifier: {
    oneOf: [
      { type: 'string', description: 'A type or value name, matched wherever it is declared.' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'name'],
        properties: {
          from: { type: 'string', enum: ['file'], description: 'Declared in a file of this project.' },
          name: names('Type or value name(s) to match.'),
          path: { type: 'string', description: 'The file it is declared in, relative to the project root.' },
        },
      },
      {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'name'],
        properties: {
          from: { type: 'string', enum: ['lib'], description: "Declared in TypeScript's built-in lib files." },
          name: names('Type or value name(s) to match.'),
        },
      },
      {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'name', 'package'],
        properties: {
          from: { type: 'string', enum: ['package'], description: 'Declared in an npm package (or its @types package).' },
          name: names('Type or value name(s) to match.'),
          package: { type: 'string', description: "The package's name, e.g. `pg` or `node`." },
        },
      },
    ],
  },
};

const specifier = (description: string): JsonSchema => ({ $ref: '#/$defs/typeOrValueSpecifier', description });

const specifierList = (description: string): JsonSchema => ({
  type: 'array',
  description,
  items: { $ref: '#/$defs/typeOrValueSpecifier' },
});

/** `settings.disposable`; the rules' options are subsets of its properties. */
export const CONFIGURATION_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    resources: {
      type: 'array',
      description: 'Resources your code uses that the built-in presets do not know, with how they are released.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'release'],
        properties: {
          type: specifier('The resource type, as a TypeOrValueSpecifier.'),
          release: methodNames('Method names that release it, e.g. `["release"]`.', 1),
          sameAsDispose: methodNames(
            'The zero-argument release calls (among `release`) that do exactly what its dispose member does: only their `finally` blocks are rewritten to a plain `using`.',
          ),
          async: { type: 'boolean', description: 'Whether the release method returns a promise.' },
          longLived: {
            type: 'boolean',
            description: "Created once in a program's entry function and kept for the process lifetime (a server, a pool): not reported there.",
          },
          inertWith: specifierList(
            'Parts that make an instance open nothing (a no-op driver): an instance built with one of them in what it is constructed from is not reported.',
          ),
          opensOnFirstUse: {
            type: 'boolean',
            description: 'Opens nothing until its first operation (a pool that connects on its first query): one never used is not reported.',
          },
          inertMethods: methodNames(
            'Methods that neither open it nor throw in practice (a call that only makes a handle, like mongodb\'s `client.db(name)`): a call of one before the release skips nothing.',
          ),
          releasedOnFailure: methodNames(
            'Methods that release it themselves when they fail (a cursor that cleans itself up when fetching fails): such a call throwing before the release leaks nothing.',
          ),
        },
      },
    },
    ignore: specifierList('Types (or the functions that return them) never reported, on top of the built-in ignore list.'),
    ownershipTransfer: specifierList('Functions that take ownership of a resource passed to them, so the caller need not release it.'),
    cleanupMethods: {
      type: 'array',
      description: `Method names that release what an object holds, on top of the defaults (${DEFAULT_CLEANUP_METHODS.join(', ')}).`,
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
    },
  },
};

/**
 * Checks a configuration value against CONFIGURATION_SCHEMA and returns it with every list
 * present. `where` names the value in messages (`settings.disposable`); `undefined` is the
 * defaults. Throws a ConfigurationError that names the first wrong key.
 */
export function parseConfiguration(value: unknown, where: string): Configuration {
  if (value === undefined) return EMPTY_CONFIGURATION;
  check(CONFIGURATION_SCHEMA, value, where);
  const given = value as Partial<Configuration>;
  return {
    resources: [...(given.resources ?? [])],
    ignore: [...(given.ignore ?? [])],
    ownershipTransfer: [...(given.ownershipTransfer ?? [])],
    cleanupMethods: [...(given.cleanupMethods ?? [])],
  };
}

/**
 * The lists of each configuration, concatenated in order (settings, then rule options or
 * command-line flags): nothing overrides, everything applies. A part may leave lists out, as rule
 * options do.
 */
export function mergeConfiguration(...parts: readonly Partial<Configuration>[]): Configuration {
  return {
    resources: parts.flatMap((part) => part.resources ?? []),
    ignore: parts.flatMap((part) => part.ignore ?? []),
    ownershipTransfer: parts.flatMap((part) => part.ownershipTransfer ?? []),
    cleanupMethods: parts.flatMap((part) => part.cleanupMethods ?? []),
  };
}

export function toEngineOptions(configuration: Configuration): EngineOptions {
  return { resources: configuration.resources, ignore: configuration.ignore, ownershipTransfer: configuration.ownershipTransfer };
}

// ── The checker of the schema subset ─────────────────────────────────────────────────────────

function check(schema: JsonSchema, value: unknown, at: string): void {
  const resolved = resolve(schema);
  if (resolved.oneOf) {
    check(branchFor(resolved.oneOf, value, at), value, at);
    return;
  }
  if (!hasType(resolved, value)) throw new ConfigurationError(`${at}: expected ${typeName(resolved)}`);
  if (typeof value === 'string') checkString(resolved, value, at);
  else if (Array.isArray(value)) checkArray(resolved, value, at);
  else if (isObject(value)) checkObject(resolved, value, at);
}

function checkString(schema: JsonSchema, value: string, at: string): void {
  if (schema.minLength !== undefined && value.length < schema.minLength) throw new ConfigurationError(`${at}: expected a non-empty string`);
  if (schema.enum && !schema.enum.includes(value)) {
    throw new ConfigurationError(`${at}: expected one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`);
  }
}

function checkArray(schema: JsonSchema, value: readonly unknown[], at: string): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) throw new ConfigurationError(`${at}: expected at least one item`);
  const seen = new Map<string, number>();
  value.forEach((item, index) => {
    if (schema.items) check(schema.items, item, `${at}[${String(index)}]`);
    if (!schema.uniqueItems) return;
    const key = JSON.stringify(item);
    const first = seen.get(key);
    if (first !== undefined) throw new ConfigurationError(`${at}[${String(index)}]: duplicate of ${at}[${String(first)}]`);
    seen.set(key, index);
  });
}

function checkObject(schema: JsonSchema, value: Readonly<Record<string, unknown>>, at: string): void {
  const properties = schema.properties ?? {};
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(properties, key)) {
      throw new ConfigurationError(`${at}.${key}: unknown key; expected one of ${Object.keys(properties).join(', ')}`);
    }
  }
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) throw new ConfigurationError(`${at}.${key}: missing; it is required`);
  }
  for (const [key, property] of Object.entries(properties)) {
    if (value[key] !== undefined) check(property, value[key], `${at}.${key}`);
  }
}

/**
 * The one branch of a `oneOf` the value can be: by its JSON type, then, among object branches,
 * by the key each of them pins to one value (`from` of a TypeOrValueSpecifier).
 */
function branchFor(branches: readonly JsonSchema[], value: unknown, at: string): JsonSchema {
  const resolved = branches.map(resolve);
  const candidates = resolved.filter((branch) => hasType(branch, value));
  const [only] = candidates;
  if (!only) throw new ConfigurationError(`${at}: expected ${[...new Set(resolved.map(typeName))].join(' or ')}`);
  if (candidates.length === 1 || !isObject(value)) return only;
  const key = Object.keys(only.properties ?? {}).find((name) => candidates.every((branch) => branch.properties?.[name]?.enum?.length === 1));
  if (key === undefined) return only;
  const expected = `expected one of ${candidates.map((branch) => JSON.stringify(branch.properties?.[key]?.enum?.[0])).join(', ')}`;
  if (value[key] === undefined) throw new ConfigurationError(`${at}.${key}: missing; ${expected}`);
  const match = candidates.find((branch) => branch.properties?.[key]?.enum?.[0] === value[key]);
  if (!match) throw new ConfigurationError(`${at}.${key}: ${expected}`);
  return match;
}

function resolve(schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const target = CONFIGURATION_DEFINITIONS[schema.$ref.replace(/^#\/\$defs\//, '')];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return target;
}

function hasType(schema: JsonSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case undefined:
      return true;
  }
}

function typeName(schema: JsonSchema): string {
  switch (schema.type) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case undefined:
      return 'a value';
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
