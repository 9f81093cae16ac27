import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { checkUsingDeclaration } from '../analysis/await-using.js';
import { createRule, getParserServices } from './create-rule.js';
import { ENGINE_MESSAGES, type EngineMessageId, getRuleEngine } from './engine-utils.js';

/** No options: the object is reserved for future ones. */
export type Options = [Record<string, never>];

export type MessageId = 'asyncOnly' | 'asyncOnlyNotAllowed' | 'syncOfAsync' | 'suggestAwaitUsing' | EngineMessageId;

export default createRule<Options, MessageId>({
  name: 'prefer-await-using',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `await using` for values whose type has an asynchronous `[Symbol.asyncDispose]`',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
    messages: {
      ...ENGINE_MESSAGES,
      asyncOnly:
        "'{{name}}' ({{type}}) has only an asynchronous `[Symbol.asyncDispose]`, and `using` looks for `[Symbol.dispose]`, so this line throws a TypeError. Declare it with `await using`.",
      asyncOnlyNotAllowed:
        "'{{name}}' ({{type}}) has only an asynchronous `[Symbol.asyncDispose]`, and `using` looks for `[Symbol.dispose]`, so this line throws a TypeError. `await using` is not allowed here ({{reason}}): move the code into an async function and declare it with `await using` there, or release it with `await {{name}}[Symbol.asyncDispose]()` in a `finally` block.",
      syncOfAsync:
        "'{{name}}' ({{type}}) has an asynchronous `[Symbol.asyncDispose]`, but `using` calls its synchronous `[Symbol.dispose]` and does not wait for the release to finish. Declare it with `await using`.",
      suggestAwaitUsing:
        "Declare '{{name}}' with `await using`, so that the block waits for its asynchronous release (this switches it from `[Symbol.dispose]` to `[Symbol.asyncDispose]`).",
    },
  },
  defaultOptions: [{}],
  create(context) {
    const services = getParserServices(context);
    const engine = getRuleEngine(context, services.program)?.engine;
    if (!engine) return {};
    return {
      'VariableDeclaration[kind="using"]'(node: TSESTree.VariableDeclaration) {
        for (const declarator of node.declarations) {
          if (declarator.id.type !== 'Identifier') continue;
          const declaration = services.esTreeNodeToTSNodeMap.get(declarator) as ts.VariableDeclaration;
          const finding = checkUsingDeclaration(declaration, engine);
          if (!finding) continue;
          const data = { name: finding.name, type: finding.typeName, reason: finding.notAllowedReason ?? '' };
          context.report({
            node: declarator.id,
            messageId:
              finding.kind === 'syncOfAsync' ? 'syncOfAsync' : finding.awaitUsingAllowed ? 'asyncOnly' : 'asyncOnlyNotAllowed',
            data,
            suggest: finding.awaitUsingAllowed
              ? [
                  {
                    messageId: 'suggestAwaitUsing',
                    data,
                    fix: (fixer) => fixer.insertTextBefore(node, 'await '),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});
