import type { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { scanFile } from '../file-scan.js';
import { planOpenCloseSites } from './open-close.js';
import type { PlannerOptions, SitePlan, StackNames } from './plan.js';
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
  return plans.sort((a, b) => a.anchor.getStart() - b.anchor.getStart());
}
