import { ts } from './typescript.js';
import { callOnBinding } from './hand-off.js';
import type { Reference } from './ownership.js';
import type { ResourceInfo } from './resource-model.js';
import { climbOuterExpressions } from './syntax.js';
import { isStackType } from './vocabulary/dispose-members.js';
import { LISTEN_METHOD, STACK_METHODS } from './vocabulary/names.js';
import { calledMember } from './vocabulary/release.js';

/**
 * Throws that leak nothing of one binding although the binding is live there: what a call on the
 * resource itself does when it fails, and a stack that has taken nothing yet. The throw model
 * (throw-model.ts) says what can throw at all; these say what a throw there means for this resource.
 */

/**
 * Where a `DisposableStack` binding first takes something (`stack.use(x)`, `adopt`, `defer`): an
 * empty stack holds nothing, so a throw before that point (in source order) leaks nothing.
 */
export function stackEmptyUntil(symbol: ts.Symbol, references: readonly Reference[], checker: ts.TypeChecker): number | undefined {
  if (!isStackType(checker.getNonNullableType(checker.getTypeOfSymbol(symbol)))) return undefined;
  const takes = references.flatMap(({ identifier }) => {
    const access = climbOuterExpressions(identifier).parent;
    // `move()` takes nothing: it empties the stack into a new one.
    const call = ts.isPropertyAccessExpression(access) && STACK_METHODS.has(access.name.text) && access.name.text !== 'move' ? calledMember(access) : undefined;
    return call ? [call.getEnd()] : [];
  });
  return takes.length === 0 ? undefined : Math.min(...takes);
}

/**
 * A call on the binding that leaves nothing open when it throws, or does not throw in practice:
 * `await cursor.next()` of a resource whose `next()` releases it when it fails (presets'
 * `releasedOnFailure`), a server's `listen()`, which throws only before it listens, and a method
 * that only makes a handle (presets' `inertMethods`: mongodb's `client.db(name)`).
 */
export function failureReleases(node: ts.Node, resource: ResourceInfo, references: readonly Reference[]): boolean {
  const method = callOnBinding(node, references)?.name.text;
  return (
    method !== undefined &&
    (method === LISTEN_METHOD || resource.releasedOnFailure?.has(method) === true || resource.inertMethods?.has(method) === true)
  );
}

/**
 * Whether `node` runs before whatever is at `position` each time: it ends before it in source
 * order, and no loop around it (inside `container`) also holds `position`, whose second pass would
 * run `node` after it.
 */
export function runsBefore(node: ts.Node, position: number, container: ts.Node): boolean {
  if (node.getEnd() > position) return false;
  for (let outer = node.parent; outer && outer !== container; outer = outer.parent) {
    if (ts.isIterationStatement(outer, false) && outer.getStart() <= position && position < outer.getEnd()) return false;
  }
  return true;
}
