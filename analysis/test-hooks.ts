import { ts } from './typescript.js';
import type { Engine } from './engine.js';
import { climbOuterExpressions, contains, enclosingFunction, isConstDeclarationList, memberChainRoot, skipOuterExpressions } from './syntax.js';
import { AFTER_HOOKS, SUITE_FUNCTIONS } from './vocabulary/names.js';
import { calledMember } from './vocabulary/release.js';

/**
 * Test suites own what their tests share. A suite (`describe(…, () => { … })`) that opens a client
 * in `beforeEach` and closes it in `afterEach` ends every cursor, session and stream a test made
 * through it, on every path the test takes: mongodb's `client.close()` kills its cursors. So a
 * child resource made in a test from the suite's own bindings (`collection.find()`, where the
 * suite declared `collection`) is the suite's to end, when an after-hook of an enclosing suite
 * releases a resource of the child's parent type. See docs/semantics.md.
 */
export function releasedBySuiteHook(call: ts.CallExpression | ts.NewExpression, parent: string, engine: Engine): boolean {
  const container = enclosingFunction(call);
  if (!container || !isSuiteShared(call.expression, container, engine, 0)) return false;
  for (let scope = enclosingFunction(container); scope; scope = enclosingFunction(scope)) {
    if (!isSuiteCallback(scope)) continue;
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body) && body.statements.some((statement) => hookReleases(statement, parent, engine))) return true;
  }
  return false;
}

/**
 * Whether a member chain starts from a binding the suite declared (`collection.find()`), also
 * through the test's own constants (`const books = db.collection('books'); books.find()`, `const
 * books = await db.createCollection('books')`). A binding the test made itself is the test's.
 */
function isSuiteShared(expression: ts.Expression, container: ts.Node, engine: Engine, depth: number): boolean {
  let settled = skipOuterExpressions(expression);
  while (ts.isAwaitExpression(settled)) settled = skipOuterExpressions(settled.expression);
  const root = memberChainRoot(settled, { throughCalls: true });
  if (!ts.isIdentifier(root) || depth > 3) return false;
  const declaration = engine.checker.getSymbolAtLocation(root)?.valueDeclaration;
  if (!declaration) return false;
  if (!contains(container, declaration)) return true;
  const list = declaration.parent;
  return (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer !== undefined &&
    ts.isVariableDeclarationList(list) &&
    isConstDeclarationList(list) &&
    isSuiteShared(declaration.initializer, container, engine, depth + 1)
  );
}

/** The call a function is given to as an argument (`describe('…', fn)`, `afterAll(fn)`). */
function callTaking(fn: ts.Node): ts.CallExpression | undefined {
  const call = climbOuterExpressions(fn).parent;
  return ts.isCallExpression(call) && call.arguments.some((argument) => skipOuterExpressions(argument) === fn) ? call : undefined;
}

/** `describe('…', () => { … })`, `context(…)`, `suite(…)`: the callback that declares a suite. */
function isSuiteCallback(fn: ts.Node): boolean {
  const call = callTaking(fn);
  return call !== undefined && isSuiteFunction(memberChainRoot(call.expression, { throughCalls: true }));
}

/** `afterAll(async () => { … })`, `after(…)`, `afterEach(…)`: a function a suite runs after its tests. */
export function isAfterHookCallback(fn: ts.Node): boolean {
  const call = callTaking(fn);
  return call !== undefined && ts.isIdentifier(call.expression) && AFTER_HOOKS.has(call.expression.text);
}

/** `describe`, also as `describe.only` / `describe.skip` / `describe.each(…)`. */
function isSuiteFunction(root: ts.Expression): boolean {
  return ts.isIdentifier(root) && SUITE_FUNCTIONS.has(root.text);
}

/** `afterEach(async () => { await client.close(); })` releasing a resource named `parent`. */
function hookReleases(statement: ts.Statement, parent: string, engine: Engine): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const call = skipOuterExpressions(statement.expression);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !AFTER_HOOKS.has(call.expression.text)) return false;
  const hook = call.arguments
    .map((argument) => skipOuterExpressions(argument))
    .find((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
  if (!hook) return false;
  const visit = (node: ts.Node): boolean => {
    if (ts.isPropertyAccessExpression(node)) {
      const release = calledMember(node);
      if (release) {
        const type = engine.checker.getNonNullableType(engine.checker.getTypeAtLocation(node.expression));
        const resource = type.getSymbol()?.getName() === parent ? engine.resources.classify(type) : undefined;
        if (resource?.releaseMethods.has(node.name.text)) return true;
      }
    }
    return node.forEachChild(visit) === true;
  };
  return visit(hook.body);
}
