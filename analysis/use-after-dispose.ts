import { ts, tsutils } from './typescript.js';
import type { TextEdit } from './text-edit.js';
import type { Engine } from './engine.js';
import type { Reference } from './ownership.js';
import { GENERIC_RELEASE_METHODS, RESOURCE_PRESETS } from './presets.js';
import {
  calleeName,
  climbOuterExpressions,
  disposeSymbolName,
  enclosingFunction,
  isAsyncFunction,
  isAwaitUsingDeclarationList,
  isUsingDeclarationList,
  skipOuterExpressions,
} from './syntax.js';

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

const TIMER_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick', 'requestAnimationFrame']);
const LISTENER_METHODS = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
]);
const PROMISE_CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);
const COLLECTION_STORE_METHODS = new Set(['push', 'unshift', 'add', 'set']);
/** Array methods whose callback's return values are what the call returns (so an awaited `Promise.all(xs.map(…))` awaits them). */
const MAPPING_METHODS = new Set(['map', 'flatMap', 'from']);
/**
 * Calls that are fine after a release: event registration (a `close` handler after `end()`),
 * state queries and restarts.
 */
const ALLOWED_AFTER_RELEASE = new Set([
  ...LISTENER_METHODS,
  'off',
  'removeListener',
  'removeAllListeners',
  'removeEventListener',
  'emit',
  'listenerCount',
  'listeners',
  'rawListeners',
  'eventNames',
  'getMaxListeners',
  'setMaxListeners',
  'listen',
  'start',
  'open',
  'restart',
  'ref',
  'unref',
  'hasRef',
  'address',
  'toString',
  'toJSON',
  'valueOf',
  'inspect',
]);
const ASSERTION_CALLS = new Set(['expect', 'assert', 'throws', 'rejects', 'doesNotThrow', 'doesNotReject']);

const RELEASE_NAME_CANDIDATES: ReadonlySet<string> = new Set([
  ...GENERIC_RELEASE_METHODS,
  ...RESOURCE_PRESETS.flatMap((declaration) => declaration.release),
]);

/**
 * Cheap syntactic filter for the lint front-end: whether a method name can release a resource
 * (the generic release names plus every preset's release methods).
 */
export function isReleaseMethodCandidate(name: string): boolean {
  return RELEASE_NAME_CANDIDATES.has(name);
}

/**
 * Uses of a `using`/`await using` value after its block has disposed it: escapes (returned,
 * yielded, exported, stored outside), callbacks that can run after the block, and promises
 * returned without `await` that still use it. Passing the value to a function is a borrow and is
 * not reported; callbacks that run while the block waits (`xs.map(…)`, awaited `.then`, awaited
 * `Promise.all`) are fine.
 */
export function findScopeEscapes(declaration: ts.VariableDeclaration, engine: Engine): UseAfterDisposeFinding[] {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !isUsingDeclarationList(list) || !ts.isIdentifier(declaration.name)) return [];
  const scope = disposalScope(list);
  if (!scope) return [];
  const checker = engine.checker;
  const symbol = checker.getSymbolAtLocation(declaration.name);
  if (!symbol) return [];
  const resource = engine.resources.classify(checker.getTypeAtLocation(declaration.name));
  const references = engine.ownership.references(symbol, scope, resource?.releaseMethods ?? new Set());
  const keyword = isAwaitUsingDeclarationList(list) ? 'await using' : 'using';
  const name = declaration.name.text;
  const exported = ts.isSourceFile(scope) ? exportSpecifiers(scope, symbol, checker, name, keyword) : [];
  if (references.length === 0) return exported;
  const context: ScopeContext = {
    engine,
    scope,
    owner: enclosingFunction(declaration),
    identifiers: new Set(references.map((reference) => reference.identifier)),
  };
  const findings: UseAfterDisposeFinding[] = [...exported];
  const reportedCallbacks = new Set<ts.Node>();
  const promiseReturns = returnedPromises(context);

  for (const reference of references) {
    const verdict = classifyReference(reference, context);
    if (!verdict) continue;
    if (verdict.kind === 'lateCallback') {
      // One report per callback, however often it mentions the value.
      if (reportedCallbacks.has(verdict.node)) continue;
      reportedCallbacks.add(verdict.node);
    }
    if (verdict.kind === 'lateCallback' && [...promiseReturns.keys()].some((ret) => contains(ret, verdict.node))) continue;
    findings.push({ ...verdict, name, keyword });
  }
  for (const [statement, expression] of promiseReturns) {
    findings.push({
      kind: 'returnedPromise',
      node: statement,
      name,
      keyword,
      ...(context.owner && isAsyncFunction(context.owner) ? { suggestion: { edits: [returnAwaitEdit(expression)] } } : {}),
    });
  }
  return findings.sort((a, b) => a.node.getStart() - b.node.getStart());
}

interface ScopeContext {
  readonly engine: Engine;
  /** The block (or for-of statement, or source file) at whose end the value is disposed. */
  readonly scope: ts.Node;
  /** The function the declaration is in; undefined at module level. */
  readonly owner: ts.SignatureDeclaration | undefined;
  readonly identifiers: ReadonlySet<ts.Identifier>;
}

/** The node whose end disposes a `using` declaration: its block, for-of statement or file. */
function disposalScope(list: ts.VariableDeclarationList): ts.Node | undefined {
  const parent = list.parent;
  if (ts.isForOfStatement(parent)) return parent;
  if (!ts.isVariableStatement(parent)) return undefined;
  const container = parent.parent;
  if (ts.isBlock(container) || ts.isSourceFile(container) || ts.isCaseOrDefaultClause(container) || ts.isModuleBlock(container)) {
    return container;
  }
  return undefined;
}

type Verdict = Omit<UseAfterDisposeFinding, 'name' | 'keyword'>;

function classifyReference(reference: Reference, context: ScopeContext): Verdict | undefined {
  if (reference.kind === 'neutral' || reference.kind === 'callbackRelease' || reference.kind === 'release') return undefined;
  // The functions between the reference and the scope, innermost first.
  const functions: ts.SignatureDeclaration[] = [];
  for (let fn = enclosingFunction(reference.identifier); fn && fn !== context.owner; fn = enclosingFunction(fn)) {
    functions.push(fn);
  }
  if (functions.length === 0) return directEscape(reference.identifier, context);
  for (let index = 0; index < functions.length; index++) {
    const fn = functions[index] as ts.SignatureDeclaration;
    const late = lateCallback(fn, context);
    if (!late) continue;
    // A timer or listener inside an awaited `new Promise` executor runs while the block waits.
    if (late.waitable && functions.slice(index + 1).some((outer) => isAwaitedPromiseExecutor(outer, context))) continue;
    return { kind: 'lateCallback', node: fn, callback: late.callback };
  }
  return undefined;
}

/** A direct (not in a nested function) reference that takes the value out of its block. */
function directEscape(identifier: ts.Identifier, context: ScopeContext): Verdict | undefined {
  const { top, parent } = valueDestination(identifier);
  if (ts.isReturnStatement(parent)) return { kind: 'returned', node: identifier };
  if (ts.isYieldExpression(parent) && !parent.asteriskToken) return { kind: 'yielded', node: identifier };
  if (ts.isExportAssignment(parent)) return { kind: 'exported', node: identifier };
  if (isExportedVariable(parent, top)) return { kind: 'exported', node: identifier };
  if (storesOutside(top, parent, context)) return { kind: 'storedOutside', node: identifier };
  return undefined;
}

/** Why a nested function can run after the scope ends, or undefined when it runs inside it. */
function lateCallback(
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
        name === 'clearTimeout' || name === 'clearInterval' || name === 'clearImmediate'
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
  return ts.isIdentifier(receiver) && ['globalThis', 'window', 'global', 'self', 'process', 'timers'].includes(receiver.text);
}

/**
 * Climbs from a value through expressions that only pass it on (parentheses, object and array
 * literals, spreads, conditional branches, `??`/`||`/`&&`/`,` right operands, class members) to the
 * node that decides where it goes.
 */
function valueDestination(node: ts.Node): { top: ts.Node; parent: ts.Node } {
  let current = climbOuterExpressions(node);
  for (;;) {
    const parent = current.parent;
    if (
      ts.isArrayLiteralExpression(parent) ||
      ts.isSpreadElement(parent) ||
      ts.isSpreadAssignment(parent) ||
      ts.isShorthandPropertyAssignment(parent) ||
      (ts.isPropertyAssignment(parent) && parent.initializer === current) ||
      (ts.isConditionalExpression(parent) && parent.condition !== current) ||
      (ts.isBinaryExpression(parent) &&
        parent.right === current &&
        [
          ts.SyntaxKind.QuestionQuestionToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.AmpersandAmpersandToken,
          ts.SyntaxKind.CommaToken,
        ].includes(parent.operatorToken.kind))
    ) {
      current = climbOuterExpressions(parent);
      continue;
    }
    if (ts.isObjectLiteralExpression(parent)) {
      current = climbOuterExpressions(parent);
      continue;
    }
    return { top: current, parent };
  }
}

/** `this.x = v`, `outer = v`, `param.x = v`, `outerList.push(v)`: a destination that outlives the scope. */
function storesOutside(top: ts.Node, parent: ts.Node, context: ScopeContext): boolean {
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === top) {
    return isOutsideTarget(parent.left, context);
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(top as ts.Expression)) {
    const callee = skipOuterExpressions(parent.expression);
    return (
      ts.isPropertyAccessExpression(callee) &&
      COLLECTION_STORE_METHODS.has(callee.name.text) &&
      isOutsideTarget(callee.expression, context)
    );
  }
  return false;
}

function isOutsideTarget(target: ts.Expression, context: ScopeContext): boolean {
  const inner = skipOuterExpressions(target);
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return true;
  const root = rootIdentifier(inner);
  if (!root) return rootIsThis(inner);
  if (context.identifiers.has(root)) return false;
  const declaration = context.engine.checker.getSymbolAtLocation(root)?.valueDeclaration;
  return declaration !== undefined && !contains(context.scope, declaration);
}

function rootIsThis(expression: ts.Expression): boolean {
  let current = skipOuterExpressions(expression);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    current = skipOuterExpressions(current.expression);
  }
  return current.kind === ts.SyntaxKind.ThisKeyword;
}

/** The identifier a member chain starts from: `a` for `a.b[c].d`. */
function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let current = skipOuterExpressions(expression);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    current = skipOuterExpressions(current.expression);
  }
  return ts.isIdentifier(current) ? current : undefined;
}

function declaredInside(identifier: ts.Identifier, context: ScopeContext): boolean {
  const declaration = context.engine.checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  return declaration !== undefined && contains(context.scope, declaration);
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.getStart() >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** `export const f = <value>` at module level. */
function isExportedVariable(parent: ts.Node, top: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(parent) &&
    parent.initializer === top &&
    ts.isVariableDeclarationList(parent.parent) &&
    ts.isVariableStatement(parent.parent.parent) &&
    ts.isSourceFile(parent.parent.parent.parent) &&
    hasExportModifier(parent.parent.parent)
  );
}

/** `export { h }` of a module-level `using` binding. */
function exportSpecifiers(
  sourceFile: ts.SourceFile,
  symbol: ts.Symbol,
  checker: ts.TypeChecker,
  name: string,
  keyword: 'using' | 'await using',
): UseAfterDisposeFinding[] {
  const findings: UseAfterDisposeFinding[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause) continue;
    if (!ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      if (checker.getExportSpecifierLocalTargetSymbol(element) === symbol) {
        findings.push({ kind: 'exported', node: element, name, keyword });
      }
    }
  }
  return findings;
}

/**
 * A `.then/.catch/.finally` chain whose result nothing waits for: a statement of its own, `void`,
 * or stored outside the block. A chain that is awaited, returned (reported as `returnedPromise`),
 * or kept in a local is not floating.
 */
function isFloatingChain(call: ts.CallExpression, context: ScopeContext): boolean {
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
function isAwaitedPromiseExecutor(fn: ts.SignatureDeclaration, context: ScopeContext): boolean {
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

/**
 * `return <promise>` (not awaited) statements of the owner function inside the scope whose
 * promise still uses the value, mapped to their returned expression.
 */
function returnedPromises(context: ScopeContext): Map<ts.ReturnStatement, ts.Expression> {
  const result = new Map<ts.ReturnStatement, ts.Expression>();
  const owner = context.owner;
  // An async generator awaits what it returns before leaving the block.
  if (!owner || (isAsyncFunction(owner) && (owner as ts.FunctionLikeDeclaration).asteriskToken)) return result;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) {
      const expression = node.expression;
      if (!ts.isAwaitExpression(skipOuterExpressions(expression)) && usesAsynchronously(expression, context)) {
        result.set(node, expression);
      }
      return;
    }
    node.forEachChild(visit);
  };
  context.scope.forEachChild(visit);
  return result;
}

/** Whether a promise-valued expression still needs the value after it is returned. */
function usesAsynchronously(expression: ts.Expression, context: ScopeContext): boolean {
  const inner = skipOuterExpressions(expression);
  if (ts.isConditionalExpression(inner)) {
    return usesAsynchronously(inner.whenTrue, context) || usesAsynchronously(inner.whenFalse, context);
  }
  if (ts.isBinaryExpression(inner)) {
    const operator = inner.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken) return usesAsynchronously(inner.right, context);
    if (
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.AmpersandAmpersandToken
    ) {
      return usesAsynchronously(inner.left, context) || usesAsynchronously(inner.right, context);
    }
    return false;
  }
  if (!ts.isCallExpression(inner) && !ts.isNewExpression(inner)) return false;
  // What the call mentions first: only a call that uses the value is typed.
  if (!callUsesValue(inner, context)) return false;
  const checker = context.engine.checker;
  return tsutils.isThenableType(checker, inner, checker.getTypeAtLocation(inner));
}

function callUsesValue(call: ts.CallExpression | ts.NewExpression, context: ScopeContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  const args = call.arguments ?? [];
  if (ts.isPropertyAccessExpression(callee)) {
    if (PROMISE_CHAIN_METHODS.has(callee.name.text)) {
      return usesAsynchronously(callee.expression, context) || args.some((arg) => mentions(arg, context));
    }
    const root = rootIdentifier(callee.expression);
    if (root && context.identifiers.has(root)) return true;
    if (PROMISE_COMBINATORS.has(callee.name.text)) return args.some((arg) => mentions(arg, context));
  }
  return args.some((arg) => {
    const value = skipOuterExpressions(arg);
    if (ts.isIdentifier(value)) return context.identifiers.has(value);
    return (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && mentions(value, context);
  });
}

function mentions(node: ts.Node, context: ScopeContext): boolean {
  for (const identifier of context.identifiers) if (contains(node, identifier)) return true;
  return false;
}

function returnAwaitEdit(expression: ts.Expression): TextEdit {
  const inner = skipOuterExpressions(expression);
  const simple =
    expression === inner &&
    (ts.isCallExpression(inner) || ts.isNewExpression(inner) || ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner));
  const start = expression.getStart();
  if (simple || ts.isParenthesizedExpression(expression)) return { start, end: start, text: 'await ' };
  return { start, end: expression.getEnd(), text: `await (${expression.getText()})` };
}

/**
 * Method calls on a resource after an explicit release call on the same straight-line path.
 * `statement` must be the release: `x.close();`, `await x.close();`, `x?.[Symbol.dispose]();`.
 * The path is the statements after it in its own block, and everything nested in them (a function
 * created after the release can only run after it; a hoisted function declaration is skipped).
 * The scan stops where the binding is assigned again, or at the binding's next release.
 */
export function findUsesAfterRelease(statement: ts.ExpressionStatement, engine: Engine): UseAfterDisposeFinding[] {
  const release = releaseCallOf(statement);
  if (!release) return [];
  const { call, receiver, method } = release;
  const block = statement.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block) && !ts.isCaseOrDefaultClause(block) && !ts.isModuleBlock(block)) return [];
  const checker = engine.checker;
  const symbol = checker.getSymbolAtLocation(receiver);
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Variable)) return [];
  const resource = engine.resources.classify(checker.getTypeAtLocation(receiver));
  if (!resource) return [];
  if (method !== undefined && !resource.releaseMethods.has(method)) return [];
  const isRelease = (node: ts.ExpressionStatement): boolean => {
    const other = releaseCallOf(node);
    return (
      other !== undefined &&
      other.receiver.text === receiver.text &&
      checker.getSymbolAtLocation(other.receiver) === symbol &&
      (other.method === undefined || resource.releaseMethods.has(other.method))
    );
  };

  const findings: UseAfterDisposeFinding[] = [];
  const sourceFile = statement.getSourceFile();
  const releaseInfo = {
    text: call.getText().replace(/\s+/g, ' '),
    line: sourceFile.getLineAndCharacterOfPosition(call.getStart()).line + 1,
  };
  let stopped = false;
  const visit = (node: ts.Node): void => {
    if (stopped || ts.isFunctionDeclaration(node)) return;
    if (ts.isIdentifier(node)) {
      if (node.text !== receiver.text || checker.getSymbolAtLocation(node) !== symbol) return;
      if (isAssignmentTarget(node)) {
        stopped = true;
        return;
      }
      const use = useAfterRelease(node, resource.releaseMethods);
      if (use && !insideAssertion(use, statement.parent)) {
        findings.push({ kind: 'useAfterRelease', node: use, name: receiver.text, release: releaseInfo });
      }
      return;
    }
    node.forEachChild(visit);
  };
  const siblings = (block as ts.Block).statements;
  for (let index = siblings.indexOf(statement as ts.Statement) + 1; index < siblings.length && !stopped; index++) {
    const next = siblings[index] as ts.Statement;
    if (ts.isExpressionStatement(next) && isRelease(next)) break;
    visit(next);
  }
  return findings;
}

/** The release call a statement consists of: `[await] x.m(…)`, `x?.m(…)`, `x[Symbol.dispose]()`. */
function releaseCallOf(
  statement: ts.ExpressionStatement,
): { call: ts.CallExpression; receiver: ts.Identifier; method: string | undefined } | undefined {
  let expression = skipOuterExpressions(statement.expression);
  if (ts.isAwaitExpression(expression) || ts.isVoidExpression(expression)) expression = skipOuterExpressions(expression.expression);
  if (!ts.isCallExpression(expression)) return undefined;
  const callee = skipOuterExpressions(expression.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = skipOuterExpressions(callee.expression);
    if (!ts.isIdentifier(receiver) || !isReleaseMethodCandidate(callee.name.text)) return undefined;
    return { call: expression, receiver, method: callee.name.text };
  }
  if (ts.isElementAccessExpression(callee) && disposeSymbolName(callee.argumentExpression)) {
    const receiver = skipOuterExpressions(callee.expression);
    if (!ts.isIdentifier(receiver)) return undefined;
    return { call: expression, receiver, method: undefined };
  }
  return undefined;
}

function isAssignmentTarget(identifier: ts.Identifier): boolean {
  const outer = climbOuterExpressions(identifier);
  const parent = outer.parent;
  return (
    (ts.isBinaryExpression(parent) && parent.left === outer && tsutils.isAssignmentKind(parent.operatorToken.kind)) ||
    ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
      (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken))
  );
}

/**
 * The node to report when a reference after the release uses the resource: a method call on it
 * (not another release, event registration or a state query), or iterating it.
 */
function useAfterRelease(identifier: ts.Identifier, releaseMethods: ReadonlySet<string>): ts.Node | undefined {
  const outer = climbOuterExpressions(identifier);
  const parent = outer.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
    const call = climbOuterExpressions(parent).parent;
    if (!ts.isCallExpression(call) || call.expression !== climbOuterExpressions(parent)) return undefined;
    const method = parent.name.text;
    if (releaseMethods.has(method) || ALLOWED_AFTER_RELEASE.has(method)) return undefined;
    return call;
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === outer) {
    const call = climbOuterExpressions(parent).parent;
    if (ts.isCallExpression(call) && !disposeSymbolName(parent.argumentExpression)) return call;
    return undefined;
  }
  if ((ts.isForOfStatement(parent) && parent.expression === outer) || (ts.isSpreadElement(parent) && parent.expression === outer)) {
    return outer;
  }
  return undefined;
}

/** Inside `expect(…)`, `assert.rejects(…)` and the like: a test that the release worked. */
function insideAssertion(node: ts.Node, stop: ts.Node): boolean {
  for (let current = node.parent as ts.Node | undefined; current && current !== stop; current = current.parent) {
    if (!ts.isCallExpression(current)) continue;
    const name = calleeName(current);
    const root = rootIdentifier(current.expression);
    if ((name && ASSERTION_CALLS.has(name)) || (root && ASSERTION_CALLS.has(root.text))) return true;
  }
  return false;
}
