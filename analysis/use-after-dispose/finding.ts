import type { ts } from '../typescript.js';
import type { TextEdit } from '../text-edit.js';

/**
 * How a resource is used after it has been disposed or released:
 * - `returned`, `yielded`, `exported`, `storedOutside`: a `using` value leaves its block, which
 *   disposes it on the way out.
 * - `lateCallback`: a `using` value is captured by a callback that can run after its block ended.
 * - `returnedPromise`: `return promise` without `await` from inside the block, where the promise
 *   still uses the value: the block disposes it before the promise settles.
 * - `useAfterRelease`: a method call after an explicit release call on the same straight-line path.
 */
export type UseAfterDisposeKind =
  | 'returned'
  | 'yielded'
  | 'exported'
  | 'storedOutside'
  | 'lateCallback'
  | 'returnedPromise'
  | 'useAfterRelease';

export interface UseAfterDisposeFinding {
  readonly kind: UseAfterDisposeKind;
  /** Where to report. */
  readonly node: ts.Node;
  readonly name: string;
  /** `using` / `await using` for scope findings; undefined for `useAfterRelease`. */
  readonly keyword?: 'using' | 'await using';
  /** For `lateCallback`: what kind of callback it is, for messages. */
  readonly callback?: string;
  /** For `useAfterRelease`: the release call's text (`fh.close()`) and its 1-based line. */
  readonly release?: { readonly text: string; readonly line: number };
  /** For `returnedPromise` in an async function: `return await …`. */
  readonly suggestion?: { readonly edits: readonly TextEdit[] };
}
