import { ts } from '../typescript.js';
import { isStatic, skipOuterExpressions } from '../syntax.js';
import { disposeSymbolName } from '../vocabulary/dispose-members.js';
import { DEFAULT_CLEANUP_METHODS } from '../vocabulary/names.js';

/** What the class checks read of a class: its members, their names, and what `this.x` they touch. */

export interface ImplementDisposeOptions {
  /** Extra cleanup method names, on top of DEFAULT_CLEANUP_METHODS. */
  readonly cleanupMethods?: readonly string[];
}

/** The cleanup names in force: the defaults, then the user's additions. */
export function cleanupMethodNames(options: ImplementDisposeOptions = {}): readonly string[] {
  return [...new Set([...DEFAULT_CLEANUP_METHODS, ...(options.cleanupMethods ?? [])])];
}

export type ClassMember = ts.MethodDeclaration | ts.PropertyDeclaration;

export function isOwnCleanupCandidate(member: ts.ClassElement, cleanupName: string): member is ClassMember {
  if (isStatic(member) || !member.name || !ts.isIdentifier(member.name) || member.name.text !== cleanupName) return false;
  if (ts.isMethodDeclaration(member)) return member.body !== undefined;
  if (ts.isPropertyDeclaration(member)) {
    const initializer = member.initializer && skipOuterExpressions(member.initializer);
    return initializer !== undefined && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer));
  }
  return false;
}

export function isOptionalParameter(parameter: ts.ParameterDeclaration): boolean {
  return parameter.questionToken !== undefined || parameter.initializer !== undefined || parameter.dotDotDotToken !== undefined;
}

export function isThisParameter(parameter: ts.ParameterDeclaration): boolean {
  return ts.isIdentifier(parameter.name) && parameter.name.text === 'this';
}

export function isAmbient(classNode: ts.ClassLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(classNode) & ts.ModifierFlags.Ambient) !== 0;
}

export function classKeyword(classNode: ts.ClassLikeDeclaration): ts.Node {
  return classNode.getChildren().find((child) => child.kind === ts.SyntaxKind.ClassKeyword) ?? classNode;
}

export function memberName(member: ts.ClassElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

export function isDisposeMemberName(name: ts.PropertyName): boolean {
  return ts.isComputedPropertyName(name) && disposeSymbolName(name.expression) !== undefined;
}

export function describeMember(method: ts.MethodDeclaration): string {
  if (ts.isComputedPropertyName(method.name)) {
    return `\`[Symbol.${disposeSymbolName(method.name.expression) ?? 'dispose'}]()\``;
  }
  return `\`${memberName(method) ?? 'dispose'}()\``;
}

/** Every `this.name` / `this.#name` in the member, arrow functions included (they share `this`). */
export function forEachThisMemberAccess(member: ts.Node, callback: (access: ts.PropertyAccessExpression) => void): void {
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node)) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) callback(node);
    node.forEachChild(visit);
  };
  member.forEachChild(visit);
}

/**
 * A cleanup member that releases nothing: an empty body, or one that only returns, or calls (and
 * awaits) other members of the class that release nothing (`async shutdown() { await
 * this.stop(); }` with an empty `stop()`). A lifecycle hook like that holds no resource.
 */
export function isNoOpMember(member: ClassMember, classNode: ts.ClassLikeDeclaration, seen = new Set<ts.Node>()): boolean {
  if (seen.has(member)) return true;
  seen.add(member);
  const fn = ts.isMethodDeclaration(member)
    ? member
    : member.initializer && (skipOuterExpressions(member.initializer) as ts.ArrowFunction | ts.FunctionExpression);
  const body = fn?.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isNoOpExpression(body, classNode, seen);
  return body.statements.every(
    (statement) =>
      ts.isEmptyStatement(statement) ||
      (ts.isReturnStatement(statement) && statement.expression === undefined) ||
      (ts.isExpressionStatement(statement) && isNoOpExpression(statement.expression, classNode, seen)),
  );
}

function isNoOpExpression(expression: ts.Expression, classNode: ts.ClassLikeDeclaration, seen: Set<ts.Node>): boolean {
  let inner = skipOuterExpressions(expression);
  if (ts.isAwaitExpression(inner) || ts.isVoidExpression(inner)) inner = skipOuterExpressions(inner.expression);
  if (!ts.isCallExpression(inner)) return false;
  const callee = skipOuterExpressions(inner.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuterExpressions(callee.expression);
  if (receiver.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const target = classNode.members.find(
    (candidate): candidate is ClassMember =>
      (ts.isMethodDeclaration(candidate) || ts.isPropertyDeclaration(candidate)) && memberName(candidate) === callee.name.text,
  );
  return target !== undefined && isNoOpMember(target, classNode, seen);
}
