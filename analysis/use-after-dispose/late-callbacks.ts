import { ts } from '../typescript.js';
import { calleeName, climbOuterExpressions, contains, enclosingFunction, hasExportModifier, isAsyncFunction, isUsingDeclarationList, rootIdentifier, skipOuterExpressions } from '../syntax.js';
import {
  LISTENER_METHODS,
  MAPPING_METHODS,
  PROMISE_CHAIN_METHODS,
  PROMISE_COMBINATORS,
  TIMER_CANCELLERS,
  TIMER_FUNCTIONS,
  TIMER_RECEIVERS,
} from '../vocabulary/names.js';
import { declaredInside, isExportedVariable, type ScopeContext, storesOutside, valueDestination } from './scope.js';

/** Why a nested function can run after the scope ends, or undefined when it runs inside it. */
export function lateCallback(
  fn: ts.SignatureDeclaration,
  context: ScopeContext,
): { callback: string; waitable?: boolean } | undefined {
  if (ts.isFunctionDeclaration(fn)) {
    return ts.isSourceFile(fn.parent) && hasExportModifier(fn) ? { callback: 'an exported function' } : undefined;
  }
  const start = ts.isClassElement(fn) && fn.parent && ts.isClassLike(fn.parent) ? fn.parent : fn;
  if (ts.isClassDeclaration(start)) {
    return ts.isSourceFile(start.parent) && hasExportModifier(start) ? { callback: 'a method of an exported class' } : undefined;
  }
  const { top, parent } = valueDestination(start);
  if (ts.isReturnStatement(parent)) return enclosingFunction(parent) === context.owner ? { callback: 'a returned function' } : undefined;
  if (ts.isYieldExpression(parent)) return { callback: 'a yielded function' };
  if (ts.isExportAssignment(parent) || isExportedVariable(parent, top)) return { callback: 'an exported function' };
  if (storesOutside(top, parent, context)) return { callback: 'a function stored outside the block' };
  if (ts.isCallExpression(parent) && parent.expression === top && isAsync(fn)) {
    // An async IIFE nobody awaits: `void (async () => { … })()`.
    return isFloatingChain(parent, context) ? { callback: 'an async function that nothing awaits', waitable: true } : undefined;
  }
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(top as ts.Expression)) return undefined;
  const callee = skipOuterExpressions(parent.expression);
  const name = calleeName(parent);
  if (name === undefined) return undefined;
  if (TIMER_FUNCTIONS.has(name) && (ts.isIdentifier(callee) || isTimerReceiver(callee))) {
    return isClearedTimer(parent, context) ? undefined : { callback: 'a timer callback', waitable: true };
  }
  if (ts.isPropertyAccessExpression(callee) && LISTENER_METHODS.has(name)) {
    // Listeners on the value itself stop with it; listeners on an emitter made in the block are
    // usually awaited there (`await once(stream, 'end')`); a `{ signal }` option removes them.
    const receiver = rootIdentifier(callee.expression);
    if (receiver && (context.identifiers.has(receiver) || declaredInside(receiver, context))) return undefined;
    if (parent.arguments.some((arg) => ts.isObjectLiteralExpression(arg) && hasProperty(arg, 'signal'))) return undefined;
    return { callback: 'an event listener', waitable: true };
  }
  if (ts.isPropertyAccessExpression(callee) && PROMISE_CHAIN_METHODS.has(name)) {
    return isFloatingChain(parent, context) ? { callback: 'a `.then` callback that nothing awaits', waitable: true } : undefined;
  }
  if (name === 'forEach' && isAsync(fn)) return { callback: 'an async callback that `forEach` does not wait for', waitable: true };
  return undefined;
}

function isAsync(fn: ts.SignatureDeclaration): boolean {
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && isAsyncFunction(fn);
}

function hasProperty(literal: ts.ObjectLiteralExpression, name: string): boolean {
  return literal.properties.some(
    (property) => property.name !== undefined && ts.isIdentifier(property.name) && property.name.text === name,
  );
}

/**
 * A timer kept in a variable of the block that the block clears (`clearInterval(timer)`,
 * `timer.close()`) or declares with `using`: it cannot fire after the block ends.
 */
function isClearedTimer(call: ts.CallExpression, context: ScopeContext): boolean {
  const { top, parent } = valueDestination(call);
  let target: ts.Node | undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === top) {
    if (ts.isVariableDeclarationList(parent.parent) && isUsingDeclarationList(parent.parent)) return true;
    target = parent.name;
  } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === top) {
    target = skipOuterExpressions(parent.left);
  }
  if (!target || !ts.isIdentifier(target)) return false;
  const checker = context.engine.checker;
  const timer = checker.getSymbolAtLocation(target);
  if (!timer) return false;
  let cleared = false;
  const visit = (node: ts.Node): void => {
    if (cleared) return;
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const callee = skipOuterExpressions(node.expression);
      const subject =
        name !== undefined && TIMER_CANCELLERS.has(name)
          ? node.arguments[0]
          : ts.isPropertyAccessExpression(callee) && name === 'close'
            ? callee.expression
            : undefined;
      const inner = subject && skipOuterExpressions(subject);
      if (inner && ts.isIdentifier(inner) && checker.getSymbolAtLocation(inner) === timer) {
        cleared = true;
        return;
      }
    }
    node.forEachChild(visit);
  };
  context.scope.forEachChild(visit);
  return cleared;
}

/** `globalThis.setTimeout`, `window.setTimeout`, `process.nextTick`. */
function isTimerReceiver(callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuterExpressions(callee.expression);
  return ts.isIdentifier(receiver) && TIMER_RECEIVERS.has(receiver.text);
}

/**
 * A `.then/.catch/.finally` chain whose result nothing waits for: a statement of its own, `void`,
 * or stored outside the block. A chain that is awaited, returned (reported as `returnedPromise`),
 * or kept in a local is not floating.
 */
export function isFloatingChain(call: ts.CallExpression, context: ScopeContext): boolean {
  let current: ts.Node = call;
  for (;;) {
    const outer = climbOuterExpressions(current);
    const parent = outer.parent;
    if (
      ts.isPropertyAccessExpression(parent) &&
      PROMISE_CHAIN_METHODS.has(parent.name.text) &&
      ts.isCallExpression(climbOuterExpressions(parent).parent)
    ) {
      current = climbOuterExpressions(parent).parent;
      continue;
    }
    if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return true;
    const { top, parent: destination } = valueDestination(outer);
    return storesOutside(top, destination, context);
  }
}

/** `new Promise(fn)` whose promise the scope waits for (awaited, or kept in a local of the block). */
export function isAwaitedPromiseExecutor(fn: ts.SignatureDeclaration, context: ScopeContext): boolean {
  const position = climbOuterExpressions(fn);
  const parent = position.parent;
  if (!ts.isNewExpression(parent) || parent.arguments?.[0] !== position) return false;
  const callee = skipOuterExpressions(parent.expression);
  if (!ts.isIdentifier(callee) || callee.text !== 'Promise') return false;
  return flowsIntoAwait(parent, context);
}

/** Whether the scope waits for a promise-valued expression: awaited directly, via a combinator or a mapping callback, or kept in a local. */
function flowsIntoAwait(expression: ts.Expression, context: ScopeContext): boolean {
  let current = climbOuterExpressions(expression);
  for (;;) {
    const parent = current.parent;
    if (ts.isAwaitExpression(parent)) return true;
    if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent)) {
      current = climbOuterExpressions(parent);
      continue;
    }
    if (ts.isCallExpression(parent) && parent.arguments.includes(current as ts.Expression)) {
      const callee = skipOuterExpressions(parent.expression);
      if (ts.isPropertyAccessExpression(callee) && PROMISE_COMBINATORS.has(callee.name.text)) {
        current = climbOuterExpressions(parent);
        continue;
      }
      return false;
    }
    if (ts.isPropertyAccessExpression(parent) && PROMISE_CHAIN_METHODS.has(parent.name.text)) {
      const call = climbOuterExpressions(parent).parent;
      if (ts.isCallExpression(call)) {
        current = climbOuterExpressions(call);
        continue;
      }
      return false;
    }
    // The value a mapping callback returns: `xs.map(() => new Promise(…))`.
    const callback = ts.isArrowFunction(parent) && parent.body === current ? parent : returningFunction(parent);
    if (callback) {
      const position = climbOuterExpressions(callback);
      const call = position.parent;
      if (
        ts.isCallExpression(call) &&
        call.arguments.includes(position as ts.Expression) &&
        MAPPING_METHODS.has(calleeName(call) ?? '')
      ) {
        current = climbOuterExpressions(call);
        continue;
      }
      return false;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === current) return contains(context.scope, parent);
    return false;
  }
}

function returningFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  if (!ts.isReturnStatement(node)) return undefined;
  return enclosingFunction(node);
}
