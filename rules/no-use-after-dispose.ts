import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import {
  findScopeEscapes,
  findUsesAfterRelease,
  type UseAfterDisposeFinding,
  type UseAfterDisposeKind,
} from '../analysis/index.js';
import { createRule, getParserServices } from './create-rule.js';
import { ENGINE_MESSAGES, type EngineMessageId, getRuleEngine } from './engine-utils.js';

/** No options: the object is reserved for future ones. */
export type Options = [Record<string, never>];

export type MessageId = UseAfterDisposeKind | 'suggestReturnAwait' | EngineMessageId;

export default createRule<Options, MessageId>({
  name: 'no-use-after-dispose',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow using a resource after `using` has disposed it or after it has been released',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
    messages: {
      ...ENGINE_MESSAGES,
      returned:
        "'{{name}}' is declared with `{{keyword}}`, so it is disposed when its block ends, and the caller gets it already disposed. Declare it with `const` and let the caller release it, or return what you read from it instead.",
      yielded:
        "'{{name}}' is declared with `{{keyword}}` and yielded here: it is disposed as soon as the consumer asks for the next value, so a consumer that keeps it holds a disposed resource. Yield what you read from it, or declare it with `const` and let the consumer release it.",
      exported:
        "'{{name}}' is declared with `{{keyword}}` at module level, so it is disposed when the module finishes loading, and importers get it already disposed. Declare it with `const` and release it when the program shuts down.",
      storedOutside:
        "'{{name}}' is declared with `{{keyword}}` but stored outside its block here, so whoever reads it later gets it already disposed. Declare it with `const` and release it where the stored reference is released, or store only what you read from it.",
      lateCallback:
        "'{{name}}' is used in {{callback}}, which can run after its block ends and `{{keyword}}` has disposed it. Await the work inside the block, or declare '{{name}}' with `const` and release it when the callback is done.",
      returnedPromise:
        "This returns a promise that still uses '{{name}}', but `{{keyword}}` disposes '{{name}}' as soon as the function returns, before the promise settles. Write `return await …` so that it is disposed after the promise settles.",
      useAfterRelease:
        "'{{name}}' is used here after `{{release}}` released it on line {{line}}. Move this use before the release, or acquire a new one.",
      suggestReturnAwait: "Await the promise before returning, so that '{{name}}' is disposed after it settles.",
    },
  },
  defaultOptions: [{}],
  create(context) {
    const services = getParserServices(context);
    const engine = getRuleEngine(context, services.program)?.engine;
    if (!engine) return {};
    const sourceCode = context.sourceCode;
    // One report per node, message and name: a release scan and a scope scan can meet.
    const reported = new Set<string>();

    function report(finding: UseAfterDisposeFinding): void {
      const key = `${finding.node.getStart()}:${finding.kind}:${finding.name}`;
      if (reported.has(key)) return;
      reported.add(key);
      const data = {
        name: finding.name,
        keyword: finding.keyword ?? 'using',
        callback: finding.callback ?? 'a callback',
        release: finding.release?.text ?? '',
        line: String(finding.release?.line ?? ''),
      };
      const suggestion = finding.suggestion;
      context.report({
        loc: {
          start: sourceCode.getLocFromIndex(finding.node.getStart()),
          end: sourceCode.getLocFromIndex(finding.node.getEnd()),
        },
        messageId: finding.kind,
        data,
        suggest: suggestion
          ? [
              {
                messageId: 'suggestReturnAwait',
                data,
                fix: (fixer): TSESLint.RuleFix[] =>
                  suggestion.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
              },
            ]
          : [],
      });
    }

    return {
      'VariableDeclaration[kind="using"], VariableDeclaration[kind="await using"]'(node: TSESTree.VariableDeclaration) {
        for (const declarator of node.declarations) {
          if (declarator.id.type !== 'Identifier') continue;
          const declaration = services.esTreeNodeToTSNodeMap.get(declarator) as ts.VariableDeclaration;
          findScopeEscapes(declaration, engine).forEach(report);
        }
      },
      ExpressionStatement(node) {
        const statement = services.esTreeNodeToTSNodeMap.get(node) as ts.ExpressionStatement;
        findUsesAfterRelease(statement, engine).forEach(report);
      },
    };
  },
});
