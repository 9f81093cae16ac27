export { Engine, type EngineOptions, getEngine } from './engine.js';
export type { LeakFinding, LeakKind } from './leaks.js';
export { applyEdits, type TextEdit } from './text-edit.js';
export { DEFAULT_IGNORE, RESOURCE_PRESETS, type ResourceDeclaration } from './presets.js';
export type { ResourceInfo } from './resource-model.js';
export type { TypeOrValueSpecifier } from './specifier.js';
