export { type BehaviorChange, type DisposeForm, planFile, type PlannerOptions, type RewritePlan, type SitePlan, type SkippedSite, type SkipReason } from './planner.js';
export { type Classification, classificationOf, isApplied, type RenderMode, renderFile, renderSite } from './render.js';
export { applyEdits, type TextEdit } from '../text-edit.js';
export { chooseStack, type StackChoice, type StackSetting } from './stack-runtime.js';
