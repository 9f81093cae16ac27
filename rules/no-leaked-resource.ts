import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { getEngine, type LeakKind, type TypeOrValueSpecifier } from '../analysis/index.js';
import { specifierMatchesProgram } from '../analysis/specifier-usage.js';
import { createRule, getParserServices } from './create-rule.js';
import { specifierListSchema, typeOrValueSpecifierSchema } from './schema-utils.js';

export interface UserResource {
  type: TypeOrValueSpecifier;
  release: string[];
  async?: boolean;
}

export type Options = [
  {
    resources?: UserResource[];
    ignore?: TypeOrValueSpecifier[];
    ownershipTransfer?: TypeOrValueSpecifier[];
  },
];

export type MessageId = LeakKind | 'suggestUsing' | 'unmatchedSpecifier';

/** Specifiers already reported as matching nothing, per program: once per lint run, not per file. */
const reportedUnmatched = new WeakMap<ts.Program, Set<string>>();

export default createRule<Options, MessageId>({
  name: 'no-leaked-resource',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require resources to be released on every path, or handed to an owner',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: [
      {
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
                type: { ...typeOrValueSpecifierSchema, description: 'The resource type, as a TypeOrValueSpecifier.' },
                release: {
                  type: 'array',
                  description: 'Method names that release it, e.g. `["release"]`.',
                  items: { type: 'string' },
                  minItems: 1,
                },
                async: { type: 'boolean', description: 'Whether the release method returns a promise.' },
              },
            },
          },
          ignore: specifierListSchema('Types (or the functions that return them) never reported, on top of the built-in ignore list.'),
          ownershipTransfer: specifierListSchema(
            'Functions that take ownership of a resource passed to them, so the caller need not release it.',
          ),
        },
      },
    ],
    messages: {
      neverReleased:
        "'{{name}}' ({{type}}) is acquired here but never released. Declare it with {{remedy}}, or release it in a `finally` block.",
      notReleasedOnThrow:
        "'{{name}}' ({{type}}) is released, but not if something between its acquisition and the release throws. Declare it with {{remedy}}, or move the release into a `finally` block.",
      notReleasedOnEveryPath:
        "'{{name}}' ({{type}}) is not released on every path: an early return, a `break` or a branch skips the release. Declare it with {{remedy}}, or release it in a `finally` block.",
      discarded:
        'The {{type}} returned by `{{name}}` is discarded, so nothing can ever release it. Keep it in a declaration with {{remedy}}, or do not acquire it.',
      promiseAll:
        '`Promise.all` acquires a {{type}} here: if any other promise in it rejects, the resources already acquired are never released. Acquire them one at a time with {{remedy}}, or use `Promise.allSettled` and release the fulfilled ones.',
      suggestUsing: "Declare '{{name}}' with `{{keyword}}`, so that it is released when the enclosing block ends.",
      unmatchedSpecifier:
        'The `{{option}}` entry {{specifier}} matches no declaration in this program, so it has no effect; check its name and its `from`/`package`/`path`.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const services = getParserServices(context);
    const engine = getEngine(services.program, {
      resources: options.resources ?? [],
      ignore: options.ignore ?? [],
      ownershipTransfer: options.ownershipTransfer ?? [],
    });
    const sourceCode = context.sourceCode;
    const range = (node: ts.Node): [number, number] => [node.getStart(), node.getEnd()];
    const reportUnmatchedSpecifiers = (): void => {
      let reported = reportedUnmatched.get(services.program);
      if (!reported) {
        reported = new Set();
        reportedUnmatched.set(services.program, reported);
      }
      const entries: [string, TypeOrValueSpecifier][] = [
        ...(options.resources ?? []).map((resource): [string, TypeOrValueSpecifier] => ['resources', resource.type]),
        ...(options.ignore ?? []).map((spec): [string, TypeOrValueSpecifier] => ['ignore', spec]),
        ...(options.ownershipTransfer ?? []).map((spec): [string, TypeOrValueSpecifier] => ['ownershipTransfer', spec]),
      ];
      for (const [option, spec] of entries) {
        const key = `${option}:${JSON.stringify(spec)}`;
        if (reported.has(key) || specifierMatchesProgram(spec, services.program)) continue;
        reported.add(key);
        context.report({
          loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
          messageId: 'unmatchedSpecifier',
          data: { option, specifier: JSON.stringify(spec) },
        });
      }
    };
    return {
      Program(program) {
        reportUnmatchedSpecifiers();
        const sourceFile = services.esTreeNodeToTSNodeMap.get(program);
        for (const finding of engine.findLeaks(sourceFile)) {
          const [start, end] = range(finding.node);
          const data = { name: finding.name, type: finding.resource.typeName, remedy: finding.remedy };
          const suggestion = finding.suggestion;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
            messageId: finding.kind,
            data,
            suggest: suggestion
              ? [
                  {
                    messageId: 'suggestUsing',
                    data: { name: finding.name, keyword: suggestion.keyword },
                    fix: (fixer): TSESLint.RuleFix[] =>
                      suggestion.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});
