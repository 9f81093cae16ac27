import { ts } from './typescript.js';
import type { Engine } from './engine.js';
import { isReferenceTo, type Reference } from './ownership.js';
import { climbLiterals, enclosingFunction, hasImplicitThrowPoint, isPrivateMember, isStatic, skipOuterExpressions } from './syntax.js';
import { isDisposeSymbolMethod, matchMemberCall, releasesResource } from './vocabulary/release.js';

/**
 * A resource the function hands on (returns it, stores it, gives it to its owner) is not the
 * function's to release, except when something between its acquisition and the hand-off throws:
 * then nobody has it. What counts as a hand-off, what does not count as "something that throws"
 * there, and the cheap syntactic path for values handed on at once.
 */

/**
 * Whether a statement after the declaration and before the last one that mentions the name has
 * an implicit throw point (a call, `new`, `await`): syntax only, for the cheap path of a value
 * handed on at once (`const c = make(); return c;`).
 */
export function mayThrowBeforeUse(declaration: ts.VariableStatement, name: string): boolean {
  const block = declaration.parent;
  if (!ts.isBlock(block)) return true;
  const mentions = (node: ts.Node): boolean => (ts.isIdentifier(node) && node.text === name) || node.forEachChild(mentions) === true;
  const following = block.statements.slice(block.statements.indexOf(declaration) + 1);
  const last = following.findLastIndex(mentions);
  return following.slice(0, Math.max(last, 0)).some(hasImplicitThrowPoint);
}

/**
 * A hand-off that leaves the function: `return x`, `this.x = x` / `registry.x = x`, or `x` given
 * to a call or `new` (an owner's constructor, `list.push(x)`), also inside an object or array
 * literal handed on so (`return { connection: x }`). An alias (`socket = x`, `const o = { x }`)
 * is not one: what becomes of the alias is not followed, so such a binding is not judged.
 */
export function isOutwardHandOff(identifier: ts.Node): boolean {
  // `return { connection, close: () => connection.close() }`: a literal handed on carries what it holds.
  const outer = climbLiterals(identifier);
  const parent = outer.parent;
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === outer)) return true;
  if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = skipOuterExpressions(parent.left);
    return ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target);
  }
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return false;
  const given: readonly ts.Expression[] = parent.arguments ?? [];
  return given.includes(outer as ts.Expression);
}

/**
 * A call on the new instance by its own class: a `private` method (`x.#initialize()`), or any
 * method called from a static method of the instance's class (`static async create() { const
 * page = new Page(); await page.setViewport(v); return page; }`). In such a static factory, so is
 * an operation on a resource the factory was given and built the instance over (`static async
 * create(connection) { const browser = new Browser(connection); await connection.send(…); return
 * browser; }`): its failure rejects the factory's promise while the caller still holds that
 * resource, and the instance holds nothing the resource's release does not end.
 */
export function isOwnSetup(
  node: ts.Node,
  references: readonly Reference[],
  acquisitions: readonly (ts.VariableDeclaration | ts.BinaryExpression)[],
  container: ts.SignatureDeclaration,
  checker: ts.TypeChecker,
): boolean {
  const factoryClass = ts.isMethodDeclaration(container) && isStatic(container) && ts.isClassLike(container.parent) ? container.parent : undefined;
  const access = callOnBinding(node, references);
  if (!access) return factoryClass !== undefined && operatesOnGivenPart(node, acquisitions, factoryClass, checker);
  const method = checker.getSymbolAtLocation(access.name)?.valueDeclaration;
  if (isPrivateMember(access.name, method)) return true;
  const instanceClass = method?.parent;
  return factoryClass !== undefined && instanceClass !== undefined && ts.isClassLike(instanceClass) && isSameOrBaseClass(instanceClass, factoryClass, checker);
}

/**
 * `connection.send(…)` where `connection` is a parameter of the static factory that each
 * acquisition, an instance of the factory's class (`new Browser(connection, …)`), is given.
 */
function operatesOnGivenPart(
  node: ts.Node,
  acquisitions: readonly (ts.VariableDeclaration | ts.BinaryExpression)[],
  factoryClass: ts.ClassLikeDeclaration,
  checker: ts.TypeChecker,
): boolean {
  const container = enclosingFunction(node);
  const access = calledMethodAt(node);
  const receiver = access && skipOuterExpressions(access.expression);
  if (!receiver || !ts.isIdentifier(receiver)) return false;
  const parameter = checker.getSymbolAtLocation(receiver)?.valueDeclaration;
  if (!parameter || !ts.isParameter(parameter) || parameter.parent !== container) return false;
  const factoryType = checker.getTypeAtLocation(factoryClass).getSymbol();
  return (
    acquisitions.length > 0 &&
    acquisitions.every((acquisition) => {
      const value = ts.isVariableDeclaration(acquisition) ? acquisition.initializer : acquisition.right;
      const made = value && skipOuterExpressions(value);
      return (
        made !== undefined &&
        ts.isNewExpression(made) &&
        checker.getTypeAtLocation(made).getSymbol() === factoryType &&
        (made.arguments ?? []).some((argument) => {
          const given = skipOuterExpressions(argument);
          return ts.isIdentifier(given) && checker.getSymbolAtLocation(given)?.valueDeclaration === parameter;
        })
      );
    })
  );
}

/** Whether `base` is `derived` or one of its base classes. */
function isSameOrBaseClass(base: ts.ClassLikeDeclaration, derived: ts.ClassLikeDeclaration, checker: ts.TypeChecker): boolean {
  const wanted = checker.getTypeAtLocation(base).getSymbol();
  let type: ts.Type | undefined = checker.getTypeAtLocation(derived);
  for (let depth = 0; type && depth < 10; depth++) {
    if (type.getSymbol() === wanted) return true;
    type = checker.getBaseTypes(type as ts.InterfaceType)[0];
  }
  return false;
}

/** `await other.dispose()`, `other[Symbol.asyncDispose]()`: a release call of some resource. */
export function releasesAnyResource(node: ts.Node, engine: Engine): boolean {
  const call = ts.isAwaitExpression(node) ? skipOuterExpressions(node.expression) : node;
  const member = ts.isCallExpression(call) ? matchMemberCall(call) : undefined;
  if (!member || !(isDisposeSymbolMethod(member.method) || engine.resources.isReleaseName(member.method))) return false;
  const resource = engine.resources.classify(engine.checker.getTypeAtLocation(member.receiver));
  return resource !== undefined && releasesResource(member.method, resource);
}

/** The `x.m` of a node that is `x.m(…)` or `await x.m(…)` on the tracked binding. */
export function callOnBinding(node: ts.Node, references: readonly Reference[]): ts.PropertyAccessExpression | undefined {
  const access = calledMethodAt(node);
  return access && isReferenceTo(skipOuterExpressions(access.expression), references) ? access : undefined;
}

/** The `x.m` of a node that is `x.m(…)` or `await x.m(…)`. */
function calledMethodAt(node: ts.Node): ts.PropertyAccessExpression | undefined {
  const call = ts.isAwaitExpression(node) ? skipOuterExpressions(node.expression) : node;
  if (!ts.isCallExpression(call)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee : undefined;
}
