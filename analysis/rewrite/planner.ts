import type { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { scanFile } from '../file-scan.js';
import { isUsingStatement } from './checks.js';
import { planOpenCloseSites } from './open-close.js';
import { type PlannerOptions, type RewritePlan, type SitePlan, type StackNames, type TryRewritePlan, usesStack } from './plan.js';
import { planSite } from './try-finally.js';

export type {
  BehaviorChange,
  DisposeForm,
  OpenCloseRewritePlan,
  PlannedResource,
  PlannerOptions,
  RewritePlan,
  SiteShape,
  SitePlan,
  SkippedSite,
  SkipReason,
  TryRewritePlan,
} from './plan.js';

/**
 * Finds every site that releases a resource by hand and plans its rewrite to `using`, or says why
 * not: each try/finally that releases (try-finally.ts) and each acquisition released later in its
 * block without a `finally` (open-close.ts). In source order of the sites' anchors.
 */
export function planFile(sourceFile: ts.SourceFile, engine: Engine, options: PlannerOptions = {}): SitePlan[] {
  const shapes = options.shapes ?? ['try-finally', 'open-close'];
  const stackNames: StackNames = new Map();
  const plans: SitePlan[] = [];
  if (shapes.includes('try-finally')) {
    for (const tryStatement of scanFile(sourceFile).tryFinallyStatements) {
      const plan = planSite(tryStatement, sourceFile, engine, options, stackNames);
      if (plan) plans.push(plan);
    }
  }
  if (shapes.includes('open-close')) plans.push(...planOpenCloseSites(sourceFile, engine, options, stackNames));
  return sharedStacks(plans.sort((a, b) => a.anchor.getStart() - b.anchor.getStart()));
}

/**
 * Nested sites rewritten together (a session's `try` around a request's) take one stack, as
 * stackDeclaredBefore has a later pass find it: an inner site whose resources all go on a stack,
 * planned where the outer `try`'s body moves up unwrapped, after no other `using`, joins the
 * outer's stack (it must be one of the same kind, holding only what the outer adopts).
 */
function sharedStacks(plans: SitePlan[]): SitePlan[] {
  const result = [...plans];
  const allStacked = (plan: RewritePlan): boolean => plan.resources.every((resource) => usesStack(resource.form));
  for (const [index, plan] of result.entries()) {
    if (plan.kind !== 'rewrite' || !plan.stackName || plan.sharesStack === true || plan.wrap || !allStacked(plan)) continue;
    const outer = result.find(
      (candidate): candidate is TryRewritePlan =>
        candidate.kind === 'rewrite' &&
        candidate.shape === 'try-finally' &&
        candidate.tryStatement.tryBlock === plan.regionStart.parent &&
        candidate.keep === 'nothing' &&
        !candidate.wrap &&
        candidate.stackName !== undefined &&
        candidate.stackIsAsync === plan.stackIsAsync &&
        allStacked(candidate),
    );
    if (!outer?.stackName) continue;
    const before = outer.tryStatement.tryBlock.statements.slice(0, outer.tryStatement.tryBlock.statements.indexOf(plan.regionStart));
    if (before.some(isUsingStatement)) continue;
    result[index] = { ...plan, joinsStackOf: outer };
  }
  return result;
}
