import { type SourceOptions, type SourceResult, transformSource as tryFinallyToUsing } from './try-finally-to-using/transform.js';

export type TransformName = 'try-finally-to-using';

/** The transforms `disposable-migrate --transform <name>` runs, by name. */
export const TRANSFORMS: Record<TransformName, (filePath: string, source: string, options: SourceOptions) => SourceResult> = {
  'try-finally-to-using': tryFinallyToUsing,
};

export function isTransformName(name: string): name is TransformName {
  return Object.hasOwn(TRANSFORMS, name);
}
