import type { ts } from '../typescript.js';
import type { ReleaseStatement } from '../vocabulary/release.js';

/**
 * Why a site that releases a resource by hand is not rewritten. Machine-readable: the codemod's
 * report groups sites by it, and the rules' messages explain it.
 */
export type SkipReason =
  | 'escapes'
  | 'reassigned'
  | 'conditional-release'
  | 'release-with-arguments'
  | 'early-release'
  | 'not-async-context'
  | 'no-dispose-member'
  | 'release-not-dispose'
  | 'unawaited-async-release'
  | 'release-order'
  | 'finally-order'
  | 'acquisition-not-found'
  | 'used-after-try'
  | 'used-before-acquisition'
  | 'exit-between-acquisition-and-try'
  | 'catch-inspects-error'
  | 'catch-around-acquisition'
  | 'comments-in-removed-code'
  | 'multiple-declarators'
  | 'illegal-position'
  // The open…close shape (no `finally`):
  | 'released-twice'
  | 'used-after-release'
  | 'exit-before-release'
  | 'released-in-callback'
  | 'hook-lifetime'
  | 'using-in-scope'
  | 'destructured-part';

/**
 * What a rewrite changes (docs/semantics.md). A rewrite with none is exact: identical on every path,
 * except that when both the body and the release throw, the error is a `SuppressedError` whose
 * `.error` is the release error the original threw (the accepted difference of every `using`).
 */
export type BehaviorChange =
  /**
   * Code before the release (between the acquisition and the `try` or the release, or earlier in
   * the `finally`) can throw: the original then skipped the release, the rewrite releases.
   */
  | 'release-on-early-throw'
  /**
   * A release in the `finally` is followed by other releases or other work: when it throws, the
   * original skipped them, with `using` they still run.
   */
  | 'later-release-runs';

/**
 * How the rewrite holds a resource: declared with `await using` / `using`, adopted by a stack with
 * its release call (`stack`), or, for a part destructured from a result (`const { body } = …`),
 * which no `using` can declare, its release call deferred on a stack (`defer`).
 */
export type DisposeForm = 'await using' | 'using' | 'stack' | 'defer';

/** The forms that need a `DisposableStack` / `AsyncDisposableStack`. */
export function usesStack(form: DisposeForm): boolean {
  return form === 'stack' || form === 'defer';
}

/**
 * The two shapes of manual release: a `finally` that releases (`try-finally`), and an acquisition
 * released by a plain statement later in the same block, with no `finally` (`open-close`).
 */
export type SiteShape = 'try-finally' | 'open-close';

export interface PlannedResource {
  readonly name: string;
  readonly form: DisposeForm;
  /** `const`/`let` declaration with the acquisition, or the `let` whose first assignment in the try acquires. */
  readonly declaration: ts.VariableDeclaration;
  readonly release: ReleaseStatement;
  /** For the `let x; try { x = acquire(); …` shape: the assignment statement. */
  readonly assignment?: ts.ExpressionStatement;
  readonly releaseIsAwaited: boolean;
  /**
   * What the stack adopts when it is not the whole acquisition: the operand that acquires in
   * `given ?? acquire()`, released only when it ran (conditional ownership).
   */
  readonly adopted?: ts.Expression;
}

interface RewritePlanBase {
  readonly kind: 'rewrite';
  /** Where reports point: the `try`, or the acquisition's declaration. */
  readonly anchor: ts.Node;
  /** In acquisition order. */
  readonly resources: readonly PlannedResource[];
  readonly changes: readonly BehaviorChange[];
  /**
   * The only change is that code before the release can throw, where the original leaked the
   * resource (what `disposable/no-leaked-resource` reports): the rewrite fixes that leak and is
   * the same on every path where nothing throws. Applied with `--fix-leaks`.
   */
  readonly fixesLeak: boolean;
  /** Wrap the scope in a new `{ }` block so disposal happens where the `try` ended or the release stood. */
  readonly wrap: boolean;
  /** The first statement that the rewrite regenerates (the first acquisition or the `try`). */
  readonly regionStart: ts.Statement;
  /** The last statement of the region: the `try`, or the release statement. */
  readonly regionEnd: ts.Statement;
  /** Point edits that are part of this plan but outside the region: a removed `let x;`. */
  readonly removedStatements: readonly ts.Statement[];
  readonly stackName?: string;
  /** `stackName` is a stack the source declares before the site (see stackDeclaredBefore): no declaration of its own. */
  readonly sharesStack?: boolean;
  /**
   * The outer site whose stack this one joins when both are rewritten together (see sharedStacks
   * in planner.ts); rendered alone, it declares its own `stackName`.
   */
  readonly joinsStackOf?: RewritePlan;
  readonly stackIsAsync: boolean;
}

export interface TryRewritePlan extends RewritePlanBase {
  readonly shape: 'try-finally';
  readonly tryStatement: ts.TryStatement;
  /** The shape kept around the body: none, the `catch` clause, or a `finally` with the other work. */
  readonly keep: 'nothing' | 'catch' | 'finally';
}

export interface OpenCloseRewritePlan extends RewritePlanBase {
  readonly shape: 'open-close';
  /**
   * The text removed with each release (the one that ends the scope, and those before an early
   * `return`): from the end of the statement before it to its end.
   */
  readonly removedRanges: readonly (readonly [number, number])[];
}

export type RewritePlan = TryRewritePlan | OpenCloseRewritePlan;

export interface SkippedSite {
  readonly kind: 'skip';
  readonly shape: SiteShape;
  readonly anchor: ts.Node;
  readonly name: string;
  readonly reason: SkipReason;
}

export type SitePlan = RewritePlan | SkippedSite;

export interface PlannerOptions {
  /** Rewrite resources without a matching dispose member with a DisposableStack's `adopt`. */
  readonly stack?: boolean;
  /** Which shapes to plan; both by default. `prefer-using` asks only for the `finally` sites it reports. */
  readonly shapes?: readonly SiteShape[];
}

export class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

/**
 * Stack names handed out per function (or file): nested plans flatten into one block, where two
 * `using stack` declarations would collide.
 */
export type StackNames = Map<ts.Node, Set<string>>;
