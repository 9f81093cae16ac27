import type { TSESLint } from '@typescript-eslint/utils';

import {
  CHANGE_TEXT,
  chooseStack,
  classificationOf,
  declarationKeyword,
  planFile,
  type RewritePlan,
  renderSite,
  type SitePlan,
  SKIP_TEXT,
  type SkipReason,
  type StackSetting,
} from '../analysis/rewrite/index.js';
import { createRule, getParserServices } from './create-rule.js';
import { ENGINE_MESSAGES, type EngineMessageId, getRuleEngine } from './engine-utils.js';
import { STACK_OPTION_SCHEMA } from './schema-utils.js';

export type Options = [{ stack?: StackSetting; reportUnconvertible?: boolean }];

export type MessageId = 'convert' | 'convertFixesLeak' | 'convertChangesBehavior' | 'cannotConvert' | 'suggestConvert' | EngineMessageId;

/**
 * Skips that say nothing a reader can act on here: the resource is someone else's to release, or
 * a legacy resource without a dispose member when the `stack` option is off.
 */
const SILENT_SKIPS: ReadonlySet<SkipReason> = new Set(['escapes', 'no-dispose-member', 'acquisition-not-found']);

export default createRule<Options, MessageId>({
  name: 'prefer-using',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `using` / `await using` declarations instead of releasing resources in `finally` blocks',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportUnconvertible: {
            type: 'boolean',
            description:
              'Also report try/finally releases that cannot be rewritten, with the reason. Off by default: that code releases correctly, and most reasons leave nothing to change.',
          },
          stack: STACK_OPTION_SCHEMA,
        },
      },
    ],
    messages: {
      ...ENGINE_MESSAGES,
      convert:
        "'{{names}}' is released in a `finally` block. Declare it with `{{keyword}}` instead, so that it is released on every path without a `try`.",
      convertFixesLeak:
        "'{{names}}' could be declared with `{{keyword}}` instead of being released in a `finally` block, and the rewrite also fixes a leak: code between its acquisition and the `try` can throw, and then the original never released it. Review the suggestion before applying it.",
      convertChangesBehavior:
        "'{{names}}' could be declared with `{{keyword}}` instead of being released in a `finally` block, but the rewrite changes behavior: {{changes}}. Review the suggestion before applying it.",
      cannotConvert:
        "'{{names}}' is released in a `finally` block, but cannot be rewritten to `using` automatically: {{reason}}.",
      suggestConvert: "Declare '{{names}}' with `{{keyword}}` (changes behavior: {{changes}}).",
    },
  },
  defaultOptions: [{ stack: 'auto', reportUnconvertible: false }],
  create(context, [options]) {
    const services = getParserServices(context);
    const engine = getRuleEngine(context, services.program)?.engine;
    if (!engine) return {};
    const sourceCode = context.sourceCode;
    return {
      Program(program) {
        const sourceFile = services.esTreeNodeToTSNodeMap.get(program);
        // Open…close sites leak, and are `disposable/no-leaked-resource`'s to report and suggest.
        const stack = chooseStack(options.stack ?? 'auto', services.program, sourceFile.fileName).stack;
        const plans = planFile(sourceFile, engine, { stack, shapes: ['try-finally'] });
        for (const plan of plans) report(plan, plans);
        function report(plan: SitePlan, all: readonly SitePlan[]): void {
          const start = plan.anchor.getStart(sourceFile);
          const loc = { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(start + 'try'.length) };
          if (plan.kind === 'skip') {
            if (!options.reportUnconvertible || SILENT_SKIPS.has(plan.reason)) return;
            context.report({ loc, messageId: 'cannotConvert', data: { names: plan.name, reason: SKIP_TEXT[plan.reason] } });
            return;
          }
          const data = { names: names(plan), keyword: keyword(plan) };
          if (classificationOf(plan) === 'exact') {
            const edit = renderSite(sourceFile, plan, all, { allowBehaviorChange: false });
            const range: [number, number] = [edit.start, edit.end];
            context.report({
              loc,
              messageId: 'convert',
              data,
              fix: (fixer): TSESLint.RuleFix => fixer.replaceTextRange(range, edit.text),
            });
            return;
          }
          const changes = plan.changes.map((change) => CHANGE_TEXT[change]).join('; ');
          const edit = renderSite(sourceFile, plan, all, { allowBehaviorChange: true });
          const range: [number, number] = [edit.start, edit.end];
          context.report({
            loc,
            messageId: classificationOf(plan) === 'fixes-leak' ? 'convertFixesLeak' : 'convertChangesBehavior',
            data: { names: data.names, keyword: data.keyword, changes },
            suggest: [
              {
                messageId: 'suggestConvert',
                data: { names: data.names, keyword: data.keyword, changes: plan.changes.join(', ') },
                fix: (fixer): TSESLint.RuleFix => fixer.replaceTextRange(range, edit.text),
              },
            ],
          });
        }
      },
    };
  },
});

function names(plan: RewritePlan): string {
  return plan.resources.map((resource) => resource.name).join("', '");
}

function keyword(plan: RewritePlan): string {
  return declarationKeyword(plan, '…');
}
