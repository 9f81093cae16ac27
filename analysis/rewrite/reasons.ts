import type { BehaviorChange, SkipReason } from './plan.js';

/** What each behavior change of a rewrite means, for messages (both shapes). */
export const CHANGE_TEXT: Record<BehaviorChange, string> = {
  'release-on-early-throw':
    'code before the release (between the acquisition and the `try` or the release, or earlier in the `finally`) can throw; the original then leaked the resource, the rewrite releases it',
  'later-release-runs':
    'when a release before it throws (another resource’s, or one in the `finally` before other work), the original skipped what came after it; with `using` it still runs',
};

/** Why a site cannot be rewritten, for messages. */
export const SKIP_TEXT: Record<SkipReason, string> = {
  escapes: 'the resource escapes (it is returned, stored or handed on)',
  reassigned: 'the variable is reassigned, and a `using` binding is constant',
  'conditional-release': 'the release runs only under a condition, which `using` cannot express',
  'release-with-arguments':
    'the release takes arguments, and dispose methods take none; enable the `stack` option to adopt it in a DisposableStack with the same call',
  'early-release': 'the resource is also released before the `finally`, and `using` would release it twice',
  'not-async-context': '`await using` is only allowed in an async function',
  'no-dispose-member': 'its type has no dispose member; enable the `stack` option to adopt it in a DisposableStack',
  'release-not-dispose':
    'the release method is not known to do what the dispose member does; enable the `stack` option to keep the exact call',
  'unawaited-async-release': 'the release returns a promise that the original does not await, and `await using` would wait for it',
  'release-order': 'the resources are not released in reverse order of acquisition, and `using` releases in that order',
  'finally-order': 'the `finally` does other work in an order that `using` cannot keep',
  'acquisition-not-found': 'the acquisition is not directly before the `try` (or first in it) in the same block',
  'used-after-try': 'the variable is used after the `try`, where it would already be disposed',
  'used-before-acquisition': 'the variable is read before the acquisition assigns it, where a `using` declaration would not exist yet',
  'exit-between-acquisition-and-try': 'a `return`, `break` or `continue` stands between the acquisition and the `try`',
  'catch-inspects-error':
    'an enclosing `catch` inspects the error, which would become a SuppressedError when the body and the release both throw',
  'catch-around-acquisition': 'the `catch` also handles errors of the acquisition, which `using` would move out of the `try`',
  'comments-in-removed-code': 'comments in the `try`/`finally` lines would be lost',
  'multiple-declarators': 'the declaration declares several variables',
  'illegal-position': '`using` is not allowed at this position',
  'released-twice': 'the resource is released more than once, and `using` releases it once',
  'used-after-release': 'the variable, or a name declared before the release, is used after the release, where it would already be disposed or out of scope',
  'exit-before-release': 'a `return`, `break` or `continue` before the release skips it on a path where nothing throws, and `using` would release there',
  'released-in-callback': 'the resource is released inside a callback, whose timing `using` cannot keep',
  'hook-lifetime': 'an after-hook releases it: the resource lives across the tests of its suite, which no block of one test can hold',
  'destructured-part':
    'the resource is a part destructured from a result, which `using` cannot declare; enable the `stack` option to defer its release on a stack',
  'using-in-scope':
    'a `using` declaration stands between the acquisition and the release: the original released first and disposed it later, and `using` disposes in the reverse order of declaration',
};
