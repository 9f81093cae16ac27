import type { TSESLint } from '@typescript-eslint/utils';

import {
  type BehaviorChange,
  chooseStack,
  classificationOf,
  planFile,
  type RewritePlan,
  renderSite,
  type SitePlan,
  type SkipReason,
  type StackSetting,
} from '../analysis/rewrite/index.js';
import { createRule, getParserServices } from './create-rule.js';
import { ENGINE_MESSAGES, type EngineMessageId, getRuleEngine } from './engine-utils.js';

export type Options = [{ stack?: StackSetting; reportUnconvertible?: boolean }];

export type MessageId = 'convert' | 'convertChangesBehavior' | 'cannotConvert' | 'suggestConvert' | EngineMessageId;

/** What each behavior change means, for messages. */
const CHANGE_TEXT: Record<BehaviorChange, string> = {
  'release-on-early-throw':
    'code before the release (between the acquisition and the `try`, or earlier in the `finally`) can throw; the original then leaked the resource, the rewrite releases it',
  'later-release-runs':
    'when a release in the `finally` throws, the original skipped what came after it (other releases or other work); with `using` it still runs',
};

/** Why a site cannot be rewritten, for messages. */
const SKIP_TEXT: Record<SkipReason, string> = {
  escapes: 'the resource escapes (it is returned, stored or handed on)',
  reassigned: 'the variable is reassigned, and a `using` binding is constant',
  'conditional-release': 'the release runs only under a condition, which `using` cannot express',
  'release-with-arguments':
    'the release takes arguments, and dispose methods take none; enable the `stack` option to adopt it in a DisposableStack with the same call',
  'early-release': 'the resource is also released before the `finally`, and `using` would release it twice',
  'not-async-context': '`await using` is only allowed in an async function',
  'no-dispose-member': 'its type has no dispose member; enable the `stack` option to adopt it in a DisposableStack',
  'release-not-dispose':
    'the release method is not known to do what the dispose member does; enable the `stack` option to keep the exact call',
  'unawaited-async-release': 'the release returns a promise that the original does not await, and `await using` would wait for it',
  'release-order': 'the resources are not released in reverse order of acquisition, and `using` releases in that order',
  'finally-order': 'the `finally` does other work in an order that `using` cannot keep',
  'acquisition-not-found': 'the acquisition is not directly before the `try` (or first in it) in the same block',
  'used-after-try': 'the variable is used after the `try`, where it would already be disposed',
  'used-before-acquisition': 'the variable is read before the acquisition assigns it, where a `using` declaration would not exist yet',
  'exit-between-acquisition-and-try': 'a `return`, `break` or `continue` stands between the acquisition and the `try`',
  'catch-inspects-error':
    'an enclosing `catch` inspects the error, which would become a SuppressedError when the body and the release both throw',
  'catch-around-acquisition': 'the `catch` also handles errors of the acquisition, which `using` would move out of the `try`',
  'comments-in-removed-code': 'comments in the `try`/`finally` lines would be lost',
  'multiple-declarators': 'the declaration declares several variables',
  'illegal-position': '`using` is not allowed at this position',
};

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
          stack: {
            oneOf: [
              { type: 'boolean', description: 'On or off, whatever the runtime.' },
              { type: 'string', enum: ['auto'], description: 'On where the lib declares the stack classes and the package runs only on Node.js ≥ 24 or depends on a polyfill.' },
            ],
            description:
              "Rewrite resources whose release is not their dispose member (pg `PoolClient#release()`, `release(true)`, a socket's `end()`) by adopting them in a `DisposableStack` / `AsyncDisposableStack` with the same call. Needs those classes at runtime (Node.js ≥ 24, or a polyfill): `'auto'` (the default) turns it on when the program's lib declares them and the package's `engines.node` admits only Node.js ≥ 24 or it depends on a polyfill.",
          },
        },
      },
    ],
    messages: {
      ...ENGINE_MESSAGES,
      convert:
        "'{{names}}' is released in a `finally` block. Declare it with `{{keyword}}` instead, so that it is released on every path without a `try`.",
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
        const plans = planFile(sourceFile, engine, { stack: chooseStack(options.stack ?? 'auto', services.program, sourceFile.fileName).stack });
        for (const plan of plans) report(plan, plans);
        function report(plan: SitePlan, all: readonly SitePlan[]): void {
          const tryStatement = plan.tryStatement;
          const start = tryStatement.getStart(sourceFile);
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
            messageId: 'convertChangesBehavior',
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
  const forms = new Set(plan.resources.map((resource) => resource.form));
  if (forms.has('stack')) return plan.stackIsAsync ? 'await using … = new AsyncDisposableStack()' : 'using … = new DisposableStack()';
  return forms.has('await using') ? 'await using' : 'using';
}
