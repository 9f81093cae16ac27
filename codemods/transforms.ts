import { transformSource as addDisposeMethod } from './add-dispose-method/transform.js';
import { type SourceOptions, type SourceResult, transformSource as tryFinallyToUsing } from './try-finally-to-using/transform.js';

export type TransformName = 'try-finally-to-using' | 'add-dispose-method';

/** The transforms `disposable-migrate --transform <name>` runs, by name. */
export const TRANSFORMS: Record<TransformName, (filePath: string, source: string, options: SourceOptions) => SourceResult> = {
  'try-finally-to-using': tryFinallyToUsing,
  'add-dispose-method': addDisposeMethod,
};

export function isTransformName(name: string): name is TransformName {
  return Object.hasOwn(TRANSFORMS, name);
}
