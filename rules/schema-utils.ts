import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** typescript-eslint's TypeOrValueSpecifier, with a description on every property. */
export const typeOrValueSpecifierSchema: JSONSchema4 = {
  oneOf: [
    { type: 'string', description: 'A type or value name, matched wherever it is declared.' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: { type: 'string', enum: ['file'], description: 'Declared in a file of this project.' },
        name: nameSchema('Type or value name(s) to match.'),
        path: { type: 'string', description: 'The file it is declared in, relative to the project root.' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: { type: 'string', enum: ['lib'], description: "Declared in TypeScript's built-in lib files." },
        name: nameSchema('Type or value name(s) to match.'),
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name', 'package'],
      properties: {
        from: { type: 'string', enum: ['package'], description: 'Declared in an npm package (or its @types package).' },
        name: nameSchema('Type or value name(s) to match.'),
        package: { type: 'string', description: "The package's name, e.g. `pg` or `node`." },
      },
    },
  ],
};

function nameSchema(description: string): JSONSchema4 {
  return {
    description,
    oneOf: [
      { type: 'string' },
      { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
    ],
  };
}

export function specifierListSchema(description: string): JSONSchema4 {
  return { type: 'array', description, items: typeOrValueSpecifierSchema };
}
