export {
  type BehaviorChange,
  type DisposeForm,
  type OpenCloseRewritePlan,
  planFile,
  type PlannerOptions,
  type RewritePlan,
  type SiteShape,
  type SitePlan,
  type SkippedSite,
  type SkipReason,
  type TryRewritePlan,
} from './planner.js';
export { planOfDeclaration } from './open-close.js';
export { CHANGE_TEXT, SKIP_TEXT } from './reasons.js';
export { type Classification, classificationOf, declarationKeyword, isApplied, type RenderMode, renderFile, renderSite } from './render.js';
export { applyEdits, type TextEdit } from '../text-edit.js';
export { chooseStack, type StackChoice, type StackSetting } from './stack-runtime.js';
