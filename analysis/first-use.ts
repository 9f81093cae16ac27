import { ts, tsutils } from './typescript.js';
import { calleeSymbolOf, inProgramParameter } from './specifier.js';
import type { Reference } from './ownership.js';
import type { ResourceInfo } from './resource-model.js';
import {
  acquisitionCall,
  calleeName,
  climbOuterExpressions,
  hasImplicitThrowPoint,
  isImplicitThrowPoint,
  memberChainRoot,
  skipOuterExpressions,
} from './syntax.js';
import { implementationsOf } from './implementations.js';
import { isInspection, isTestDouble } from './inspections.js';
import { isAssertion } from './throw-model.js';
import { sameGenericClass } from './vocabulary/acquisition.js';
import { calledMember } from './vocabulary/release.js';
import {
  CONNECTING_FACTORIES,
  CONNECTING_METHOD,
  LISTENER_METHODS,
  PROMISE_CHAIN_METHODS,
  REJECTION_ASSERTIONS,
  THROW_ASSERTIONS,
} from './vocabulary/names.js';

/**
 * Where a resource that opens later (a client with a `connect()`, a pool that opens on its first
 * query) first opens in a function: before that point, a throw leaves nothing open.
 */

/**
 * A client that connects on `connect()` (node-redis's `createClient()`, a `new MongoClient(url)`),
 * or a resource that opens on its first use (presets' `opensOnFirstUse`: a mysql2 pool), holds
 * nothing open until the function connects it or runs an operation on it: where that first
 * happens (a position in the source: see opensAtReference), `Infinity` when it never does, and
 * `undefined` for a resource that opens when it is acquired. Reading its options, adding
 * listeners, a method of its own class that only records state (see onlyRecordsState), making a
 * view of it (a call returning its own class under other type arguments),
 * handing it or `client.connect` to an assertion or an inspection, closing it unused, and a
 * connect or an operation the code expects to fail (see isExpectedFailure) do not open it.
 */
export function opensAt(
  resource: ResourceInfo,
  references: readonly Reference[],
  acquisitions: readonly (ts.VariableDeclaration | ts.BinaryExpression)[],
  program: ts.Program,
): number | undefined {
  const checker = program.getTypeChecker();
  // A promise may resolve once connected; a client with a `connect()` and a pool that opens on
  // its first query are returned before they open anything.
  const opensLater = (call: ts.Expression): boolean => {
    const type = checker.getNonNullableType(checker.getTypeAtLocation(call));
    if (tsutils.isThenableType(checker, call, type)) return false;
    return resource.opensOnFirstUse || checker.getApparentType(type).getProperty(CONNECTING_METHOD) !== undefined;
  };
  // `net.connect(port)`, `await pool.connect()`: the acquisition itself connects.
  const connectsOnAcquisition = acquisitions.some((acquisition) => {
    const value = ts.isVariableDeclaration(acquisition) ? acquisition.initializer : acquisition.right;
    const call = value && acquisitionCall(value);
    // The client's type, not the binding's: `const pool = Pool.create() as unknown as Record<…>`.
    // `import { createConnection as connectTo } from 'mysql2'`: the function's own name counts.
    return !value || !call || !opensLater(call) || CONNECTING_FACTORIES.has(calleeSymbolOf(call, checker)?.getName() ?? calleeName(call) ?? '');
  });
  if (connectsOnAcquisition) return undefined;
  // Where a reference opens the resource (its start), or undefined when it does not. A callee of
  // the program that cannot throw after its first use of it opens it as it returns (see
  // opensAsItReturns), unless it is awaited: a rejection then comes after the opening.
  const opensAtReference = (identifier: ts.Identifier): number | undefined => {
    const outer = climbOuterExpressions(identifier);
    const access = outer.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== outer) {
      if (onlyLookedAt(outer, program) || onlyListenedTo(outer, program) || toldToCallerHook(outer, checker)) return undefined;
      const call = outer.parent;
      const returns = ts.isCallExpression(call) && !ts.isAwaitExpression(climbOuterExpressions(call).parent) && opensAsItReturns(outer as ts.Expression, program);
      return returns ? call.getEnd() : identifier.getStart();
    }
    const call = calledMember(access);
    if (call === undefined) return undefined;
    // Closing a client that never connected is harmless; it does not connect it.
    if (resource.releaseMethods.has(access.name.text)) return undefined;
    if (LISTENER_METHODS.has(access.name.text)) return undefined;
    if (isExpectedFailure(call) || insideExpectedThrow(call)) return undefined;
    // `client.db('app').databaseName`: a handle only read; one that runs a command opens the client.
    if (resource.inertMethods?.has(access.name.text)) return onlyReadFrom(call) ? undefined : identifier.getStart();
    // A view of the client (`client.withTypeMapping(…)`: its own class under other type arguments)
    // connects nothing either; a call returning the client itself (`socket.setTimeout(ms)`) is an operation.
    if (onlyRecordsState(access, program)) return undefined;
    const result = checker.getTypeAtLocation(call);
    const own = checker.getTypeAtLocation(identifier);
    return result !== own && sameGenericClass(result, own) ? undefined : identifier.getStart();
  };
  let first = Infinity;
  for (const { identifier } of references) {
    if (identifier.getStart() >= first) continue;
    const at = opensAtReference(identifier);
    if (at !== undefined && at < first) first = at;
  }
  return first;
}

/**
 * `this.#startStreaming(cursor)`: a function of the program whose first use of its parameter, in
 * a statement of its own (`const stream = cursor.stream();`), is followed by nothing that can throw
 * but adding listeners (`stream.on('data', …)`) and assigning what is at hand (`this.#stream =
 * stream`). What it throws, it throws before it opened the resource (its checks, a mode switch),
 * so it opens the resource as it returns.
 */
function opensAsItReturns(argument: ts.Expression, program: ts.Program): boolean {
  const receiving = receivingParameter(argument, program);
  if (!receiving || !ts.isBlock(receiving.body)) return false;
  const mentions = (node: ts.Node): boolean => receiving.refersTo(node) || node.forEachChild(mentions) === true;
  const statements = receiving.body.statements;
  const firstUse = statements.findIndex(mentions);
  const statement = statements[firstUse];
  if (!statement || !(ts.isVariableStatement(statement) || ts.isExpressionStatement(statement))) return false;
  return opensLastIn(statement, mentions) && statements.slice(firstUse + 1).every((later) => !throwsBeyondListeners(later));
}

/**
 * The parameter of a function of the program that an argument lands in (not a rest parameter):
 * that function's body, and whether an identifier in it refers to the parameter.
 */
function receivingParameter(argument: ts.Node, program: ts.Program): { body: ts.ConciseBody; refersTo: (node: ts.Node) => boolean } | undefined {
  const call = argument.parent;
  if (!ts.isCallExpression(call)) return undefined;
  const index = call.arguments.indexOf(argument as ts.Expression);
  const callee = index < 0 ? undefined : inProgramParameter(call, index, program);
  if (!callee || callee.parameter.dotDotDotToken) return undefined;
  const name = callee.parameter.name;
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(name);
  return {
    body: callee.body,
    refersTo: (node) => ts.isIdentifier(node) && node !== name && node.text === name.text && checker.getSymbolAtLocation(node) === symbol,
  };
}

/**
 * In the statement of the first use, nothing that can throw runs after the call on the parameter
 * (`param.method(…)`, its arguments before it) that uses it: `const s = param.stream();`, not
 * `const s = wrap(param.stream());`.
 */
function opensLastIn(statement: ts.Statement, mentions: (node: ts.Node) => boolean): boolean {
  let use: ts.Node | undefined;
  const findUse = (node: ts.Node): void => {
    if (use) return;
    if (ts.isIdentifier(node) && mentions(node)) use = node;
    else node.forEachChild(findUse);
  };
  findUse(statement);
  if (!use) return false;
  const access = climbOuterExpressions(use).parent;
  const openingCall = ts.isPropertyAccessExpression(access) ? calledMember(access) : undefined;
  const useStart = use.getStart();
  let last = true;
  const visit = (node: ts.Node): void => {
    if (!last || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (node === openingCall) {
      node.forEachChild(visit);
      return;
    }
    const insideOpening = openingCall !== undefined && node.pos >= openingCall.arguments.pos && node.end <= openingCall.arguments.end;
    if (isImplicitThrowPoint(node) && node.getEnd() > useStart && !insideOpening) last = false;
    node.forEachChild(visit);
  };
  statement.forEachChild(visit);
  return last;
}

/** A call, `new` or `await` other than a listener registration (`x.on('data', callback)`). */
function throwsBeyondListeners(node: ts.Node): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !LISTENER_METHODS.has(callee.name.text)) return true;
    return node.arguments.some(throwsBeyondListeners);
  }
  return isImplicitThrowPoint(node) || node.forEachChild(throwsBeyondListeners) === true;
}

/**
 * `this.#watchErrors(pool)`: an argument of a function of the program that only adds listeners to
 * that parameter (`pool.on('error', log)`) or reads from it.
 */
function onlyListenedTo(argument: ts.Node, program: ts.Program): boolean {
  const receiving = receivingParameter(argument, program);
  if (!receiving) return false;
  let only = true;
  const visit = (node: ts.Node): void => {
    if (!only) return;
    if (receiving.refersTo(node)) {
      const access = climbOuterExpressions(node).parent;
      const listens = ts.isPropertyAccessExpression(access) && LISTENER_METHODS.has(access.name.text) && calledMember(access) !== undefined;
      only = listens || onlyReadFrom(node as ts.Identifier);
    }
    node.forEachChild(visit);
  };
  receiving.body.forEachChild(visit);
  return only;
}

/**
 * `void options.onPoolCreated?.(pool)`: a hook the caller passed in, told about the resource, its
 * result dropped. What the hook starts on it is the caller's own doing, so telling it is no use of
 * the resource here; `await work(pool)`, whose end the function waits for, is one.
 */
function toldToCallerHook(argument: ts.Node, checker: ts.TypeChecker): boolean {
  const call = argument.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(argument as ts.Expression)) return false;
  let statement = climbOuterExpressions(call).parent;
  if (ts.isVoidExpression(statement)) statement = climbOuterExpressions(statement).parent;
  if (!ts.isExpressionStatement(statement)) return false;
  const root = memberChainRoot(call.expression);
  return ts.isIdentifier(root) && isCallerValue(checker.getSymbolAtLocation(root), checker);
}

/** A parameter, or a part destructured from one (`const { onCreated } = options ?? {}`). */
function isCallerValue(symbol: ts.Symbol | undefined, checker: ts.TypeChecker): boolean {
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return false;
  if (ts.isParameter(declaration)) return true;
  if (!ts.isBindingElement(declaration)) return false;
  const whole = ts.walkUpBindingElementsAndPatterns(declaration);
  if (ts.isParameter(whole)) return true;
  let source = whole.initializer && skipOuterExpressions(whole.initializer);
  // `options ?? {}`: the caller's value or an empty default.
  if (source && ts.isBinaryExpression(source) && source.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    source = skipOuterExpressions(source.left);
  }
  return source !== undefined && ts.isIdentifier(source) && checker.getSymbolAtLocation(source)?.valueDeclaration?.kind === ts.SyntaxKind.Parameter;
}

/**
 * `client.setRole('replica')`: a method of the program's own class (one no class of the program
 * overrides) whose body makes no call, `new` or `await`, so only reads and assigns state: it
 * opens nothing, since opening takes a call into the library beneath.
 */
function onlyRecordsState(access: ts.PropertyAccessExpression, program: ts.Program): boolean {
  const method = implementationsOf(program).finalMethodAt(access);
  if (!method?.body) return false;
  return method.body.forEachChild(hasImplicitThrowPoint) !== true;
}

/** `handle.name`, `handle.options.x`: the value is only read from, never called or handed on. */
function onlyReadFrom(value: ts.Expression): boolean {
  const start = climbOuterExpressions(value);
  let outer = start;
  while (ts.isPropertyAccessExpression(outer.parent) && outer.parent.expression === outer) {
    if (calledMember(outer.parent)) return false;
    outer = climbOuterExpressions(outer.parent);
  }
  // Read at least once (`.databaseName`), or dropped; a handle kept whole may be used later.
  return outer !== start || ts.isExpressionStatement(outer.parent);
}

/**
 * `expect(() => client.db('x').collection('y', callback)).to.throw(…)`, `assert.throws(() => …)`:
 * code the test expects to throw before it does anything.
 */
function insideExpectedThrow(node: ts.Node): boolean {
  const fn = ts.findAncestor(node, ts.isFunctionLike);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const outer = climbOuterExpressions(fn);
  const call = outer.parent;
  return ts.isCallExpression(call) && call.arguments[0] === outer && assertsWith(call, THROW_ASSERTIONS);
}

/**
 * `expect(client).to.be.instanceOf(C)`, `assert.ok(client instanceof C)`, `isConfig({ client })`,
 * `vi.spyOn(client, 'query')`: looked at, not used.
 */
function onlyLookedAt(reference: ts.Node, program: ts.Program): boolean {
  for (let node = reference.parent; !ts.isSourceFile(node) && !ts.isStatement(node) && !ts.isFunctionLike(node); node = node.parent) {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      return ts.isCallExpression(node) && (isAssertion(node) || isInspection(node, program.getTypeChecker()) || isTestDouble(node, program));
    }
  }
  return false;
}

/**
 * A call on the client, or a chain of calls from it (`client.db(n).collection(c).findOne()`),
 * whose rejection the code asserts: `await assert.rejects(client.connect())`,
 * `await expect(client.connect()).to.be.rejectedWith(E)`, or the error captured as a value,
 * `const error = await client.connect().catch((e) => e)`, to be inspected. Such a connect leaves
 * nothing open, unless the test it is in already fails: the mongodb driver closes what a failed
 * connect opened, node-redis does with reconnects off, and a client library that kept retrying
 * would keep the test process alive, which is how such tests are written not to.
 */
function isExpectedFailure(call: ts.CallExpression): boolean {
  let top: ts.Expression = call;
  for (;;) {
    const outer = climbOuterExpressions(top);
    const access = outer.parent;
    if (!ts.isPropertyAccessExpression(access) || PROMISE_CHAIN_METHODS.has(access.name.text)) break;
    const next = calledMember(access);
    if (!next) break;
    top = next;
  }
  const outer = climbOuterExpressions(top);
  const parent = outer.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'catch') {
    const catchCall = calledMember(parent);
    return catchCall !== undefined && returnsItsError(catchCall.arguments[0]) && isCapturedValue(catchCall);
  }
  return ts.isCallExpression(parent) && parent.arguments[0] === outer && assertsWith(parent, REJECTION_ASSERTIONS);
}

/** `(e) => e`, `function (error) { return error; }`. */
function returnsItsError(argument: ts.Expression | undefined): boolean {
  const callback = argument && skipOuterExpressions(argument);
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return false;
  const parameter = callback.parameters[0];
  if (!parameter || !ts.isIdentifier(parameter.name)) return false;
  const [only, ...rest] = ts.isBlock(callback.body) ? callback.body.statements : [];
  const body = !ts.isBlock(callback.body) ? callback.body : only && rest.length === 0 && ts.isReturnStatement(only) ? only.expression : undefined;
  const returned = body && skipOuterExpressions(body);
  return returned !== undefined && ts.isIdentifier(returned) && returned.text === parameter.name.text;
}

/** `const error = await p.catch(…)`: the settled value is kept, to be looked at. */
function isCapturedValue(catchCall: ts.CallExpression): boolean {
  let outer = climbOuterExpressions(catchCall);
  if (ts.isAwaitExpression(outer.parent)) outer = climbOuterExpressions(outer.parent);
  return ts.isVariableDeclaration(outer.parent) && outer.parent.initializer === outer;
}

/**
 * An assertion that says, by one of `names`, what its first argument does: the assertion itself
 * (`assert.rejects(p)`, `throws(fn)`) or a member of the chain it starts (`expect(p).to.be.rejected`,
 * `expect(fn).toThrow()`).
 */
function assertsWith(call: ts.CallExpression, names: ReadonlySet<string>): boolean {
  if (!isAssertion(call)) return false;
  const name = calleeName(call);
  if (name !== undefined && names.has(name)) return true;
  for (let node: ts.Node = call; ts.isPropertyAccessExpression(node.parent) || ts.isCallExpression(node.parent); node = node.parent) {
    if (ts.isPropertyAccessExpression(node.parent) && names.has(node.parent.name.text)) return true;
  }
  return false;
}
