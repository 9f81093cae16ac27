import { ts, tsutils } from './typescript.js';
import { climbOuterExpressions, isConstDeclarationList, isImplicitThrowPoint, isLibraryFile, isPrivateMember, rootIdentifier, skipOuterExpressions } from './syntax.js';
import { implementationsOf } from './implementations.js';
import { isInspection } from './inspections.js';
import { symbolOf } from './specifier.js';
import { calledMember } from './vocabulary/release.js';
import {
  ARRAY_NEVER_THROWING_METHODS,
  ASSERTION_CALLS,
  KEYED_COLLECTION_NEVER_THROWING_METHODS,
  KEYED_COLLECTIONS,
  NEVER_THROWING_METHODS,
  PROMISE_CHAIN_METHODS,
  SETTLE_FUNCTION_NAMES,
  TIMER_CANCELLERS,
  TIMER_FUNCTIONS,
} from './vocabulary/names.js';

/**
 * Which implicit throw points (docs/semantics.md, "released on every path") can throw in practice.
 * Every call, `new`, `await` and tagged template may throw, except:
 * - a `console` method, and the EventEmitter methods that only drop or count listeners
 *   (`removeAllListeners()` before a `close()` in a `finally`);
 * - an array's, `Map`'s or `Set`'s methods that take no callback (`labels.add(label)`);
 * - an inspection (`isConfig(value)`, analysis/inspections.ts): a guard answers rather than throws;
 * - `new Promise(executor)`: what the executor throws rejects the promise instead, and calling
 *   the promise's `resolve`/`reject` (held in a variable) never throws;
 * - awaiting a timer: `await setTimeout(ms)` of `node:timers/promises` (it rejects only when its
 *   signal aborts, and none is passed), `await new Promise((resolve) => setTimeout(resolve, ms))`;
 * - calling, or awaiting a call of, a function of this program whose body cannot throw (a
 *   `sleep(ms)` helper built on a timer, a no-op `log()`), judged by the same rules, a few calls deep;
 * - calling (not awaiting) an `async` function of this program, or a promise's `then`/`catch`/
 *   `finally`: they report failure by rejecting the promise they return;
 * - awaiting `promise.catch(handler)` whose handler cannot throw (`.catch((error) => error)`).
 *
 * With `assertionsPass`, a test assertion (`expect(…)…`, `assert.equal(…)`), and what its arguments
 * evaluate, is taken to pass: a
 * resource released at the end of a test, after its assertions, is released on every path the
 * test passes on; a failing test is reported by the test runner. The leak rule asks this way; the
 * rewrite planner does not, since a rewrite must keep the failing path's behavior too.
 *
 * The arguments of a call are throw points of their own; these rules are about the call itself.
 * One instance per program; verdicts on in-program functions are cached per declaration.
 */
export interface ThrowQuery {
  readonly assertionsPass: boolean;
}

const STRICT: ThrowQuery = { assertionsPass: false };

export class ThrowModel {
  readonly #program: ts.Program;
  readonly #checker: ts.TypeChecker;
  readonly #bodies = new Map<ts.Node, boolean>();

  constructor(program: ts.Program) {
    this.#program = program;
    this.#checker = program.getTypeChecker();
  }

  /** Whether this node itself (not its operands) can throw. */
  canThrowAt(node: ts.Node, query: ThrowQuery = STRICT): boolean {
    return this.#canThrowAt(node, 0, query);
  }

  /** Whether evaluating `node`, its operands included, can throw (nested functions are not run). */
  canThrowIn(node: ts.Node, query: ThrowQuery = STRICT): boolean {
    return this.#canThrowIn(node, 0, query);
  }

  #canThrowIn(node: ts.Node, depth: number, query: ThrowQuery): boolean {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isYieldExpression(node) || ts.isThrowStatement(node) || ts.isDeleteExpression(node)) return true;
    if (isImplicitThrowPoint(node) && this.#canThrowAt(node, depth, query)) return true;
    return node.forEachChild((child) => this.#canThrowIn(child, depth, query)) ?? false;
  }

  #canThrowAt(node: ts.Node, depth: number, query: ThrowQuery): boolean {
    // A step of `for (… in …)` enumerates keys; one of `for (… of array)` reads the next element.
    if (ts.isForInStatement(node)) return false;
    if (ts.isForOfStatement(node)) return node.awaitModifier !== undefined || !this.#isArrayLike(node.expression);
    if (!isImplicitThrowPoint(node)) return false;
    // What an assertion evaluates (`expect(process.memoryUsage())`) passes with it.
    if (query.assertionsPass && isInsideAssertion(node)) return false;
    if (ts.isNewExpression(node)) return !isPromiseConstruction(node);
    if (ts.isCallExpression(node)) return !(this.#callCannotThrow(node, depth) || (query.assertionsPass && isAssertion(node)));
    if (ts.isAwaitExpression(node)) {
      const awaited = skipOuterExpressions(node.expression);
      if (query.assertionsPass && ts.isCallExpression(awaited) && isAssertion(awaited)) return false;
      return !this.#settlesWithoutRejecting(node.expression, depth);
    }
    return true;
  }

  /** An array or tuple (a `readonly` one, `as const`, included), or a string: their iterators cannot throw. */
  #isArrayLike(expression: ts.Expression): boolean {
    const type = this.#checker.getNonNullableType(this.#checker.getTypeAtLocation(expression));
    return this.#checker.isArrayType(type) || this.#checker.isTupleType(type) || (type.flags & ts.TypeFlags.StringLike) !== 0;
  }

  /** A built-in `Map` or `Set` (declared by the default library, not a class of the program's that has the name). */
  #isKeyedCollection(expression: ts.Expression): boolean {
    const symbol = this.#checker.getNonNullableType(this.#checker.getTypeAtLocation(expression)).getSymbol();
    return (
      symbol !== undefined &&
      KEYED_COLLECTIONS.has(symbol.getName()) &&
      (symbol.getDeclarations() ?? []).some((declaration) => this.#program.isSourceFileDefaultLibrary(declaration.getSourceFile()))
    );
  }

  #callCannotThrow(call: ts.CallExpression, depth: number): boolean {
    const callee = skipOuterExpressions(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = skipOuterExpressions(callee.expression);
      if (ts.isIdentifier(receiver) && receiver.text === 'console') return true;
      if (NEVER_THROWING_METHODS.has(callee.name.text)) return true;
      if (ARRAY_NEVER_THROWING_METHODS.has(callee.name.text) && this.#checker.isArrayType(this.#checker.getNonNullableType(this.#checker.getTypeAtLocation(callee.expression)))) {
        return true;
      }
      if (KEYED_COLLECTION_NEVER_THROWING_METHODS.has(callee.name.text) && this.#isKeyedCollection(callee.expression)) return true;
      const clock = CLOCK_READS.get(ts.isIdentifier(receiver) ? receiver.text : '');
      if (clock && (clock === '*' || clock.includes(callee.name.text)) && this.#isGlobal(receiver as ts.Identifier)) return true;
    }
    if (isOwnModuleImport(call) || isInspection(call, this.#checker)) return true;
    if (ts.isIdentifier(callee) && (TIMER_FUNCTIONS.has(callee.text) || TIMER_CANCELLERS.has(callee.text)) && this.#isGlobal(callee)) {
      return true;
    }
    return (
      this.#isSettleFunction(call) ||
      this.#isPromisifiedTimer(call) ||
      this.#waitsForErrorEvent(call) ||
      this.#isPromiseMethodCall(call) ||
      this.#isCaughtPromise(call, depth) ||
      this.#callsInProgramAsyncFunction(call) ||
      this.#inProgramBodyCannotThrow(call, depth) ||
      this.#privateFunctionFieldCannotThrow(call, depth)
    );
  }

  /**
   * `this.#trace(message)`: a call through a private field of the program's own class every value
   * of which (its initializer, each `….#trace = …` in the class) is a function whose body cannot
   * throw (`() => {}`, `(message) => { lines.push(message) }`).
   */
  #privateFunctionFieldCannotThrow(call: ts.CallExpression, depth: number): boolean {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const field = this.#checker.getSymbolAtLocation(callee.name)?.valueDeclaration;
    if (!field || !ts.isPropertyDeclaration(field) || !isPrivateMember(callee.name, field) || isLibraryFile(field.getSourceFile(), this.#program)) {
      return false;
    }
    // One verdict per field: its class is walked once, not at every call.
    const cached = this.#bodies.get(field);
    if (cached !== undefined) return cached;
    this.#bodies.set(field, false); // recursion guard
    const values: ts.Expression[] = field.initializer ? [field.initializer] : [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(skipOuterExpressions(node.left)) &&
        (skipOuterExpressions(node.left) as ts.PropertyAccessExpression).name.text === callee.name.text
      ) {
        values.push(node.right);
      }
      node.forEachChild(visit);
    };
    field.parent.members.forEach(visit);
    // `lines ? (message) => { … } : () => {}` is one function or the other.
    const isHarmlessFunction = (value: ts.Expression): boolean => {
      const fn = skipOuterExpressions(value);
      if (ts.isConditionalExpression(fn)) return isHarmlessFunction(fn.whenTrue) && isHarmlessFunction(fn.whenFalse);
      return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && this.#bodyCannotThrow(fn, depth);
    };
    const cannot = values.length > 0 && values.every(isHarmlessFunction);
    this.#bodies.set(field, cannot);
    return cannot;
  }

  /**
   * `resolve(socket)`: a promise's settle function, held in a variable, a parameter or a
   * destructured binding (not a function declaration or an import such as `path.resolve`), and
   * returning `void`.
   */
  #isSettleFunction(call: ts.CallExpression): boolean {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isIdentifier(callee) || !SETTLE_FUNCTION_NAMES.has(callee.text)) return false;
    const declaration = this.#checker.getSymbolAtLocation(callee)?.valueDeclaration;
    if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isBindingElement(declaration))) return false;
    const signature = this.#checker.getResolvedSignature(call);
    return signature !== undefined && (this.#checker.getReturnTypeOfSignature(signature).flags & ts.TypeFlags.Void) !== 0;
  }

  /** `promise.catch(…)`, `.then(…)`, `.finally(…)`: a promise's methods report failures by rejecting. */
  #isPromiseMethodCall(call: ts.CallExpression): boolean {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !PROMISE_CHAIN_METHODS.has(callee.name.text)) return false;
    const receiver = this.#checker.getTypeAtLocation(callee.expression);
    return tsutils.isThenableType(this.#checker, callee.expression, receiver);
  }

  /**
   * `stream.next().catch((error) => error)`: the author catches what the call fails with; a
   * promise-returning call fails by rejecting, not by throwing before it returns.
   */
  #isCaughtPromise(call: ts.CallExpression, depth: number): boolean {
    const access = climbOuterExpressions(call).parent;
    if (!ts.isPropertyAccessExpression(access)) return false;
    const catchCall = calledMember(access);
    return catchCall !== undefined && this.#catchesEverything(catchCall, depth);
  }

  /** A call of an `async` function or method of this program: whatever its body throws, it rejects. */
  #callsInProgramAsyncFunction(call: ts.CallExpression): boolean {
    const declaration = this.#checker.getResolvedSignature(call)?.getDeclaration();
    return (
      declaration !== undefined &&
      ts.isFunctionLike(declaration) &&
      'body' in declaration &&
      declaration.body !== undefined &&
      (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Async) !== 0 &&
      !isLibraryFile(declaration.getSourceFile(), this.#program)
    );
  }

  /**
   * A promise that settles only by resolving: one built with no `reject` by an executor that cannot
   * throw (`new Promise((resolve) => setTimeout(resolve, ms))`, `new Promise((resolve) => { done =
   * resolve; })`), a `const` holding one, a timer's, `once(emitter, 'error')` (which resolves with
   * the error it waits for), or one from a function that cannot throw.
   */
  #settlesWithoutRejecting(expression: ts.Expression, depth: number): boolean {
    const inner = skipOuterExpressions(expression);
    if (ts.isNewExpression(inner)) return this.#isResolveOnlyPromise(inner, depth);
    if (ts.isIdentifier(inner)) return this.#constSettlesWithoutRejecting(inner, depth);
    if (!ts.isCallExpression(inner)) return false;
    if (this.#isPromisifiedTimer(inner) || isOwnModuleImport(inner) || this.#waitsForErrorEvent(inner)) return true;
    if (this.#catchesEverything(inner, depth)) return true;
    const declaration = this.#inProgramCallee(inner);
    if (!declaration) return false;
    // An async function rejects where its body throws; any other returns what it returns.
    if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Async) return this.#bodyCannotThrow(declaration, depth);
    const returned = singleReturnedExpression(declaration);
    return returned !== undefined && this.#bodyCannotThrow(declaration, depth) && this.#settlesWithoutRejecting(returned, depth + 1);
  }

  #isResolveOnlyPromise(node: ts.NewExpression, depth: number): boolean {
    if (!isPromiseConstruction(node)) return false;
    const executor = skipOuterExpressions(node.arguments?.[0] as ts.Expression) as ts.ArrowFunction | ts.FunctionExpression;
    return executor.parameters.length <= 1 && this.#bodyCannotThrow(executor, depth);
  }

  #constSettlesWithoutRejecting(identifier: ts.Identifier, depth: number): boolean {
    if (depth >= MAX_DEPTH) return false;
    const declaration = this.#checker.getSymbolAtLocation(identifier)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    const list = declaration.parent;
    return ts.isVariableDeclarationList(list) && isConstDeclarationList(list) && this.#settlesWithoutRejecting(declaration.initializer, depth + 1);
  }

  /**
   * `once(socket, 'error')` of `node:events`, without options: waiting for the `'error'` event
   * itself, it resolves with that error (node's documentation: the special handling of `'error'`
   * applies only when waiting for another event).
   */
  #waitsForErrorEvent(call: ts.CallExpression): boolean {
    const event = call.arguments[1];
    if (call.arguments.length !== 2 || !event || !ts.isStringLiteralLike(event) || event.text !== 'error') return false;
    const callee = skipOuterExpressions(call.expression);
    const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
    const symbol = name && symbolOf(name, this.#checker);
    return symbol?.getName() === 'once' && (symbol.getDeclarations() ?? []).some((declaration) => isInNodeModule(declaration, /^(node:)?events$/));
  }

  /** `promise.catch((error) => error)`: a handler that cannot throw turns every rejection into a value. */
  #catchesEverything(call: ts.CallExpression, depth: number): boolean {
    const callee = skipOuterExpressions(call.expression);
    const handler = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'catch' || !handler) return false;
    if (!(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) return false;
    return this.#isPromiseMethodCall(call) && this.#bodyCannotThrow(handler, depth);
  }

  /** `setTimeout(ms)` of `node:timers/promises` without a signal. */
  #isPromisifiedTimer(call: ts.CallExpression): boolean {
    const callee = skipOuterExpressions(call.expression);
    const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
    if (!name || call.arguments.length > 2) return false;
    const symbol = symbolOf(name, this.#checker);
    if (!symbol || (symbol.getName() !== 'setTimeout' && symbol.getName() !== 'setImmediate')) return false;
    return (symbol.getDeclarations() ?? []).some((declaration) => isInNodeModule(declaration, /^(node:)?timers\/promises$/));
  }

  #isGlobal(identifier: ts.Identifier): boolean {
    const declaration = this.#checker.getSymbolAtLocation(identifier)?.valueDeclaration;
    return declaration === undefined || isLibraryFile(declaration.getSourceFile(), this.#program);
  }

  /**
   * A call whose body cannot throw. Methods count here, where only the call's own body matters;
   * what a method's promise settles to is not followed (a resource's `release()` stub in the
   * program's types says nothing of the library behind it).
   */
  #inProgramBodyCannotThrow(call: ts.CallExpression, depth: number): boolean {
    const declaration = this.#inProgramCallee(call, { methods: true });
    return declaration !== undefined && this.#bodyCannotThrow(declaration, depth);
  }

  /**
   * The function a plain `name(…)` call runs, when this program declares it with a body, and with
   * `methods`, the method a `receiver.name(…)` call runs when no class of the program overrides it
   * (Implementations.finalMethodAt).
   */
  #inProgramCallee(call: ts.CallExpression, { methods = false } = {}): ts.FunctionLikeDeclaration | undefined {
    const callee = skipOuterExpressions(call.expression);
    if (ts.isPropertyAccessExpression(callee)) return methods ? implementationsOf(this.#program).finalMethodAt(callee) : undefined;
    if (!ts.isIdentifier(callee)) return undefined;
    let declaration: ts.Node | undefined = symbolOf(callee, this.#checker)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      // `const sleep = (ms) => …` is constant only when declared so.
      const list = declaration.parent;
      if (!ts.isVariableDeclarationList(list) || !isConstDeclarationList(list)) return undefined;
      declaration = skipOuterExpressions(declaration.initializer);
    }
    if (
      !declaration ||
      !(ts.isFunctionDeclaration(declaration) || ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) ||
      !declaration.body ||
      isLibraryFile(declaration.getSourceFile(), this.#program)
    ) {
      return undefined;
    }
    return declaration;
  }

  #bodyCannotThrow(declaration: ts.FunctionLikeDeclaration, depth: number): boolean {
    if (depth >= MAX_DEPTH) return false;
    const cached = this.#bodies.get(declaration);
    if (cached !== undefined) return cached;
    this.#bodies.set(declaration, false); // recursion guard
    const body = declaration.body as ts.Node;
    // Reading a parameter's default, or destructuring one, can throw.
    const parametersSafe = declaration.parameters.every((parameter) => ts.isIdentifier(parameter.name) && !parameter.initializer);
    const cannot = parametersSafe && !this.#canThrowIn(body, depth + 1, STRICT);
    this.#bodies.set(declaration, cannot);
    return cannot;
  }
}

const MAX_DEPTH = 3;

/** `import('./browser.js')`: loading a module of the program's own package does not fail in practice. */
function isOwnModuleImport(call: ts.CallExpression): boolean {
  const [specifier] = call.arguments;
  return call.expression.kind === ts.SyntaxKind.ImportKeyword && specifier !== undefined && ts.isStringLiteralLike(specifier) && specifier.text.startsWith('.');
}

/** Global clocks and arithmetic: `Math.floor(performance.now())`, `Date.now()`, `process.hrtime()` never throw. */
const CLOCK_READS: ReadonlyMap<string, '*' | readonly string[]> = new Map<string, '*' | readonly string[]>([
  ['Math', '*'],
  ['Date', ['now']],
  ['performance', ['now']],
  ['process', ['hrtime', 'uptime']],
]);

/** Whether a call or `await` is part of an assertion's own expression: an argument of `expect(…)`. */
function isInsideAssertion(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isStatement(current) && !ts.isFunctionLike(current); current = current.parent) {
    if (ts.isCallExpression(current) && isAssertion(current)) return true;
  }
  return false;
}

/** `expect(x).toBe(y)`, `expect.soft(x)…`, `assert.equal(a, b)`, `assert(ok)`: a chain rooted at an assertion. */
export function isAssertion(call: ts.CallExpression): boolean {
  const root = rootIdentifier(call.expression, { throughCalls: true });
  return root !== undefined && ASSERTION_CALLS.has(root.text);
}

function isPromiseConstruction(node: ts.NewExpression): boolean {
  const callee = skipOuterExpressions(node.expression);
  const executor = node.arguments?.[0] && skipOuterExpressions(node.arguments[0]);
  return (
    ts.isIdentifier(callee) &&
    callee.text === 'Promise' &&
    executor !== undefined &&
    (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))
  );
}

/** Whether a declaration is in `declare module 'name'` of a module whose name matches (node's typings). */
function isInNodeModule(declaration: ts.Node, name: RegExp): boolean {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return name.test(node.name.text);
  }
  return false;
}

/** What a function returns when its body is one `return` (or an arrow's expression). */
function singleReturnedExpression(declaration: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = declaration.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  const only = body.statements.length === 1 ? body.statements[0] : undefined;
  return only && ts.isReturnStatement(only) ? only.expression : undefined;
}
