import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { describeResource, findMissingDispose, findUnreleasedFields } from '../analysis/index.js';
import { createRule, getParserServices } from './create-rule.js';
import { ENGINE_MESSAGES, type EngineMessageId, getRuleEngine } from './engine-utils.js';
import { configurationOptionsSchema } from './schema-utils.js';

export type Options = [
  {
    cleanupMethods?: string[];
  },
];

export type MessageId = 'missingDispose' | 'unreleasedField' | 'suggestDispose' | EngineMessageId;

export default createRule<Options, MessageId>({
  name: 'implement-dispose',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require classes with a cleanup method to implement `[Symbol.asyncDispose]`/`[Symbol.dispose]` and to release the resources they keep in fields',
      recommended: 'strict',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: configurationOptionsSchema(['cleanupMethods']),
    messages: {
      ...ENGINE_MESSAGES,
      missingDispose:
        "Class '{{name}}' has a cleanup method, `{{cleanup}}()`, but no `{{member}}`, so its instances cannot be declared with `{{keyword}}`. Add a `{{member}}()` method that calls `this.{{cleanup}}()`.",
      unreleasedField:
        "'{{field}}' holds a {{type}} that '{{name}}' creates, but {{releasers}} never releases it, so it stays open after the object is cleaned up. Release it there with `{{release}}`.",
      suggestDispose: 'Add `{{member}}()` that calls `this.{{cleanup}}()`.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const services = getParserServices(context);
    const setup = getRuleEngine(context, services.program, options);
    if (!setup) return {};
    const { engine } = setup;
    const sourceCode = context.sourceCode;
    const settings = { cleanupMethods: setup.configuration.cleanupMethods };
    const loc = (node: ts.Node): { start: { line: number; column: number }; end: { line: number; column: number } } => ({
      start: sourceCode.getLocFromIndex(node.getStart()),
      end: sourceCode.getLocFromIndex(node.getEnd()),
    });
    return {
      Program(program) {
        const sourceFile = services.esTreeNodeToTSNodeMap.get(program);
        for (const plan of findMissingDispose(sourceFile, engine, settings)) {
          const data = { name: plan.className, cleanup: plan.cleanup, member: plan.member, keyword: plan.keyword };
          context.report({
            loc: loc(plan.reportNode),
            messageId: 'missingDispose',
            data,
            suggest: [
              {
                messageId: 'suggestDispose',
                data,
                // The edit is an insertion (start === end) at the end of the cleanup method.
                fix: (fixer): TSESLint.RuleFix => fixer.insertTextAfterRange([plan.edit.start, plan.edit.end], plan.edit.text),
              },
            ],
          });
        }
        for (const finding of findUnreleasedFields(sourceFile, engine, settings)) {
          context.report({
            loc: loc(finding.node),
            messageId: 'unreleasedField',
            data: {
              field: finding.field,
              type: describeResource(finding.resource),
              name: finding.className,
              releasers: finding.releasers.join(' or '),
              release: finding.release,
            },
          });
        }
      },
    };
  },
});
