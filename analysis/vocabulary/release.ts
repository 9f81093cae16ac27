import { ts } from '../typescript.js';
import { climbOuterExpressions, isNullishLiteral, skipOuterExpressions } from '../syntax.js';
import { disposeSymbolName } from './dispose-members.js';

/**
 * What a release call is, in one place: the syntax of a call that may release its receiver, and
 * whether it releases a given resource. The ownership analysis, the use-after-release check, the
 * rewrite planner, the class checks and the lint front-ends all ask these functions.
 */

/** A method call on a receiver: `x.m(…)`, `x?.m(…)`, `x[Symbol.asyncDispose]()`. */
export interface MemberCall {
  readonly call: ts.CallExpression;
  /** The receiver as written, wrappers (parentheses, `!`, `as`) stripped. */
  readonly receiver: ts.Expression;
  /** The method name, or `Symbol.asyncDispose` / `Symbol.dispose`. */
  readonly method: string;
  /** Called through `?.`: skipped when the receiver is nullish, as `using` skips it. */
  readonly optional: boolean;
  readonly hasArguments: boolean;
}

/** The method calls whose result is the dispose member itself. */
export function isDisposeSymbolMethod(method: string): boolean {
  return method === 'Symbol.asyncDispose' || method === 'Symbol.dispose';
}

/** The call shape of `x.m(…)`, `x?.m(…)` or `x[Symbol.dispose]()`; other element accesses are no release. */
export function matchMemberCall(call: ts.CallExpression): MemberCall | undefined {
  const callee = skipOuterExpressions(call.expression);
  const optional = call.questionDotToken !== undefined;
  const common = { call, optional, hasArguments: call.arguments.length > 0 };
  if (ts.isPropertyAccessExpression(callee)) {
    return {
      ...common,
      receiver: skipOuterExpressions(callee.expression),
      method: callee.name.text,
      optional: optional || callee.questionDotToken !== undefined,
    };
  }
  if (ts.isElementAccessExpression(callee)) {
    const symbolName = disposeSymbolName(callee.argumentExpression);
    if (!symbolName) return undefined;
    return {
      ...common,
      receiver: skipOuterExpressions(callee.expression),
      method: `Symbol.${symbolName}`,
      optional: optional || callee.questionDotToken !== undefined,
    };
  }
  return undefined;
}

/** The call that invokes a member access, when the access is called (`x.close()`, `x?.close()`). */
export function calledMember(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): ts.CallExpression | undefined {
  const outer = climbOuterExpressions(access);
  return ts.isCallExpression(outer.parent) && outer.parent.expression === outer ? outer.parent : undefined;
}

/** What is known about a resource's release methods: ResourceInfo has it. */
export interface ReleaseMethods {
  readonly releaseMethods: ReadonlySet<string>;
  /** Functions that release what they are given first (ResourceInfo's). */
  readonly releaseFunctions?: ReadonlySet<string>;
}

/**
 * Whether a release of the resource goes through its part `part` (`body.cancel` through `body`,
 * `port1.close` through `port1`): the part keeps the means to release it.
 */
export function releasesThroughPart(resource: ReleaseMethods, part: string): boolean {
  return [...resource.releaseMethods].some((method) => method.startsWith(`${part}.`));
}

/**
 * Whether calling `method` on a resource releases it: its dispose member called directly, or one
 * of its release methods. `alsoReleasing` names further methods a caller counts as releasing
 * (a class's own cleanup methods, which release what a field holds by their name alone).
 */
export function releasesResource(
  method: string,
  resource: ReleaseMethods | undefined,
  alsoReleasing: readonly string[] = [],
): boolean {
  return isDisposeSymbolMethod(method) || resource?.releaseMethods.has(method) === true || alsoReleasing.includes(method);
}

/** One statement that releases a binding: `[await] x.m(…);`, possibly under an `if`. */
export interface ReleaseStatement extends MemberCall {
  readonly statement: ts.Statement;
  /** The receiver, a plain identifier. */
  readonly binding: ts.Identifier;
  readonly awaited: boolean;
  /** `x?.close()` or `if (x) x.close()`: skipped when the binding is nullish, like `using`. */
  readonly nullGuarded: boolean;
  /** Guarded by a condition that is not about the binding being nullish. */
  readonly conditional: boolean;
}

export interface ReleaseStatementOptions {
  /** Also recognize the release as the only statement of an `if` without `else`. */
  readonly underIf: boolean;
}

/**
 * Recognizes `[await|void] x.m(…)`, `x?.m()`, `x[Symbol.asyncDispose]()` as a statement, and with
 * `underIf` the same under `if (x)` / `if (x != null)` (then `nullGuarded`) or under any other
 * `if` (then `conditional`). Purely syntactic: the caller checks with `releasesResource` that `m`
 * releases the binding's type.
 */
export function matchReleaseStatement(
  statement: ts.Statement,
  options: ReleaseStatementOptions = { underIf: true },
): ReleaseStatement | undefined {
  if (options.underIf && ts.isIfStatement(statement) && !statement.elseStatement) {
    const inner = singleStatement(statement.thenStatement);
    const release = inner && matchReleaseStatement(inner, options);
    if (!release) return undefined;
    const guardsBinding = isNonNullTest(statement.expression, release.binding.text);
    return { ...release, statement, nullGuarded: release.nullGuarded || guardsBinding, conditional: !guardsBinding || release.conditional };
  }
  if (!ts.isExpressionStatement(statement)) return undefined;
  let expression = skipOuterExpressions(statement.expression);
  if (ts.isVoidExpression(expression)) expression = skipOuterExpressions(expression.expression);
  let awaited = false;
  if (ts.isAwaitExpression(expression)) {
    awaited = true;
    expression = skipOuterExpressions(expression.expression);
  }
  if (!ts.isCallExpression(expression)) return undefined;
  const member = matchMemberCall(expression);
  if (!member || !ts.isIdentifier(member.receiver)) return undefined;
  return { ...member, statement, binding: member.receiver, awaited, nullGuarded: member.optional, conditional: false };
}

function singleStatement(statement: ts.Statement): ts.Statement | undefined {
  if (!ts.isBlock(statement)) return statement;
  return statement.statements.length === 1 ? statement.statements[0] : undefined;
}

/** `x`, `x != null`, `x !== undefined` (either operand order). */
function isNonNullTest(condition: ts.Expression, name: string): boolean {
  const test = skipOuterExpressions(condition);
  if (ts.isIdentifier(test)) return test.text === name;
  if (!ts.isBinaryExpression(test)) return false;
  const operator = test.operatorToken.kind;
  if (operator !== ts.SyntaxKind.ExclamationEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return false;
  const [left, right] = [skipOuterExpressions(test.left), skipOuterExpressions(test.right)];
  const isName = (node: ts.Expression): boolean => ts.isIdentifier(node) && node.text === name;
  // `x !== null` alone would let `undefined` through to the release, where `using` skips it: the
  // release then throws on undefined in the original, so only loose or undefined tests count.
  if (operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) {
    const isUndefined = (node: ts.Expression): boolean => ts.isIdentifier(node) && node.text === 'undefined';
    return (isName(left) && isUndefined(right)) || (isName(right) && isUndefined(left));
  }
  return (isName(left) && isNullishLiteral(right)) || (isName(right) && isNullishLiteral(left));
}
