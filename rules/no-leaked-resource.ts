import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { describeResource, findLeaks, type LeakFinding, type LeakKind, type ResourceDeclaration, type TypeOrValueSpecifier } from '../analysis/index.js';
import { FETCH_RESPONSES } from '../analysis/presets.js';
import { CHANGE_TEXT, chooseStack, declarationKeyword, type OpenCloseRewritePlan, planFile, planOfDeclaration, renderSite, type SitePlan, type StackSetting } from '../analysis/rewrite/index.js';
import { specifierMatchesProgram } from '../analysis/specifier-usage.js';
import { createRule, getParserServices } from './create-rule.js';
import { ENGINE_MESSAGES, type EngineMessageId, getRuleEngine } from './engine-utils.js';
import { configurationOptionsSchema, STACK_OPTION_SCHEMA } from './schema-utils.js';

export type Options = [
  {
    resources?: ResourceDeclaration[];
    ignore?: TypeOrValueSpecifier[];
    ownershipTransfer?: TypeOrValueSpecifier[];
    checkFetchResponses?: boolean;
    stack?: StackSetting;
  },
];

export type MessageId = LeakKind | 'suggestUsing' | 'suggestFixLeak' | 'suggestFixLeakChanges' | 'unmatchedSpecifier' | EngineMessageId;

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
    schema: configurationOptionsSchema(['resources', 'ignore', 'ownershipTransfer'], {
      checkFetchResponses: {
        type: 'boolean',
        description:
          'Also report a `fetch()` `Response` whose body is neither read to the end nor cancelled on some path (on in `strict`, off in `recommended`).',
      },
      stack: {
        ...STACK_OPTION_SCHEMA,
        description:
          "Whether the suggestion that fixes a leak (the resource declared with `using`, its release removed) may adopt a resource whose release is not its dispose member (pg `PoolClient#release()`) in a `DisposableStack` / `AsyncDisposableStack` with the same call. `'auto'` (the default) turns it on as `disposable/prefer-using` does: where the program's lib declares the stack classes and the package's `engines.node` admits only Node.js ≥ 24 or it depends on a polyfill.",
      },
    }),
    messages: {
      ...ENGINE_MESSAGES,
      neverReleased:
        "'{{name}}' ({{type}}) is acquired here but never released. Declare it with {{remedy}}, or release it in a `finally` block.",
      notReleasedOnThrow:
        "'{{name}}' ({{type}}) is released, but not if something between its acquisition and the release throws. Declare it with {{remedy}}, or move the release into a `finally` block.",
      notHandedOffOnThrow:
        "'{{name}}' ({{type}}) is handed on (returned, stored or given to its owner), but if something between its acquisition and the hand-off throws, it is never released. Release it in a `catch` block that rethrows, or hold it in a `DisposableStack`/`AsyncDisposableStack` and `move()` the stack when handing it on.",
      notReleasedOnEveryPath:
        "'{{name}}' ({{type}}) is not released on every path: an early return, a `break` or a branch skips the release. Declare it with {{remedy}}, or release it in a `finally` block.",
      discarded:
        'The {{type}} returned by `{{name}}` is discarded, so nothing can ever release it. Keep it in a declaration with {{remedy}}, or do not acquire it.',
      promiseAll:
        '`Promise.all` acquires a {{type}} here: if any other promise in it rejects, the resources already acquired are never released. Acquire them one at a time with {{remedy}}, or use `Promise.allSettled` and release the fulfilled ones.',
      suggestUsing: "Declare '{{name}}' with `{{keyword}}`, so that it is released when the enclosing block ends.",
      suggestFixLeak:
        "Declare '{{name}}' with `{{keyword}}` and remove its release, so that it is also released when something before the release throws; on every other path it is released where it was.",
      suggestFixLeakChanges:
        "Declare '{{name}}' with `{{keyword}}` and remove its release, so that it is also released when something before the release throws; this also changes behavior: {{changes}}.",
      unmatchedSpecifier:
        'The `{{option}}` entry {{specifier}} matches no declaration in this program, so it has no effect; check its name and its `from`/`package`/`path`.',
    },
  },
  defaultOptions: [{}],
  create(context, [{ checkFetchResponses = false, stack = 'auto', ...options }]) {
    const services = getParserServices(context);
    const setup = getRuleEngine(
      context,
      services.program,
      checkFetchResponses ? { ...options, resources: [...(options.resources ?? []), ...FETCH_RESPONSES] } : options,
    );
    if (!setup) return {};
    const { engine, configuration } = setup;
    const sourceCode = context.sourceCode;
    const range = (node: ts.Node): [number, number] => [node.getStart(), node.getEnd()];
    const reportUnmatchedSpecifiers = (): void => {
      let reported = reportedUnmatched.get(services.program);
      if (!reported) {
        reported = new Set();
        reportedUnmatched.set(services.program, reported);
      }
      const entries: [string, TypeOrValueSpecifier][] = [
        // The fetch declarations name the DOM's `Response` too, which a node-only program lacks.
        ...configuration.resources
          .filter((resource) => !FETCH_RESPONSES.includes(resource))
          .map((resource): [string, TypeOrValueSpecifier] => ['resources', resource.type]),
        ...configuration.ignore.map((spec): [string, TypeOrValueSpecifier] => ['ignore', spec]),
        ...configuration.ownershipTransfer.map((spec): [string, TypeOrValueSpecifier] => ['ownershipTransfer', spec]),
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
        // The rewrite planner runs only for a file with a leak its open…close rewrite can fix.
        let plans: SitePlan[] | undefined;
        const leakFix = (finding: LeakFinding): OpenCloseRewritePlan | undefined => {
          if (finding.kind !== 'notReleasedOnThrow') return undefined;
          plans ??= planFile(sourceFile, engine, { stack: chooseStack(stack, services.program, sourceFile.fileName).stack });
          return planOfDeclaration(plans, finding.node);
        };
        for (const finding of findLeaks(sourceFile, engine)) {
          const [start, end] = range(finding.node);
          const data = { name: finding.name, type: describeResource(finding.resource), remedy: finding.remedy };
          const suggestion = finding.suggestion;
          const fixPlan = leakFix(finding);
          const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
          if (suggestion) {
            suggest.push({
              messageId: 'suggestUsing',
              data: { name: finding.name, keyword: suggestion.keyword },
              fix: (fixer): TSESLint.RuleFix[] => suggestion.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
            });
          }
          if (fixPlan) {
            const edit = renderSite(sourceFile, fixPlan, [fixPlan], { allowBehaviorChange: true });
            suggest.push({
              messageId: fixPlan.fixesLeak ? 'suggestFixLeak' : 'suggestFixLeakChanges',
              data: { name: finding.name, keyword: declarationKeyword(fixPlan, fixPlan.stackName ?? 'stack'), changes: laterChanges(fixPlan) },
              fix: (fixer): TSESLint.RuleFix => fixer.replaceTextRange([edit.start, edit.end], edit.text),
            });
          }
          context.report({
            loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
            messageId: finding.kind,
            data,
            suggest,
          });
        }
      },
    };
  },
});

/** What the rewrite changes besides the leak it fixes, for the message. */
function laterChanges(plan: OpenCloseRewritePlan): string {
  return plan.changes
    .filter((change) => change !== 'release-on-early-throw')
    .map((change) => CHANGE_TEXT[change])
    .join('; ');
}

