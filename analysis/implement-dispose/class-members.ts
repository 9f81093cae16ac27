import { ts } from '../typescript.js';
import { contains, isStatic, skipOuterExpressions } from '../syntax.js';
import { disposeSymbolName } from '../vocabulary/dispose-members.js';
import {
  DEFAULT_CLEANUP_METHODS,
  GENERIC_RELEASE_METHODS,
  PAIRED_ACQUIRE_METHODS,
  TIMER_CANCELLERS,
  UNSUBSCRIBING_METHODS,
} from '../vocabulary/names.js';

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

/** `[Symbol.dispose]`, `[Symbol.asyncDispose]`, or (given a checker) a constant holding one. */
export function isDisposeMemberName(name: ts.PropertyName, checker?: ts.TypeChecker): boolean {
  return ts.isComputedPropertyName(name) && disposeSymbolName(name.expression, checker) !== undefined;
}

export function describeMember(method: ts.MethodDeclaration): string {
  if (ts.isComputedPropertyName(method.name)) return `\`[${method.name.expression.getText()}]()\``;
  return `\`${memberName(method) ?? 'dispose'}()\``;
}

/** `this[Symbol.dispose]()`, `this[Symbol.asyncDispose]()`, or through a constant holding the symbol. */
export function isOwnDisposeCall(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const callee = skipOuterExpressions(call.expression);
  return (
    ts.isElementAccessExpression(callee) &&
    callee.expression.kind === ts.SyntaxKind.ThisKeyword &&
    disposeSymbolName(callee.argumentExpression, checker) !== undefined
  );
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
 * A cleanup member that releases nothing: its body, and the members of the class it calls through
 * `this`, never call a release method (`close()`, `end()`, `destroy()`…) on anything, never
 * unsubscribe a listener (`off()`, `removeEventListener()`), never cancel a timer and never call a
 * dispose member. `async shutdown() {}`, a mutex's `release()` that wakes the next waiter, a touch
 * gesture's `end()` that sends one more event: lifecycle hooks and verbs, not a resource's end.
 */
export function releasesNothing(member: ClassMember, classNode: ts.ClassLikeDeclaration, checker: ts.TypeChecker): boolean {
  const seen = new Set<ts.Node>();
  const releases = (candidate: ClassMember): boolean => {
    if (seen.has(candidate)) return false;
    seen.add(candidate);
    const body = ts.isMethodDeclaration(candidate)
      ? candidate.body
      : candidate.initializer && (skipOuterExpressions(candidate.initializer) as ts.ArrowFunction | ts.FunctionExpression).body;
    return body !== undefined && visit(body);
  };
  const visit = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node) && isReleasingCall(node)) return true;
    return node.forEachChild(visit) === true;
  };
  const isReleasingCall = (call: ts.CallExpression): boolean => {
    const callee = skipOuterExpressions(call.expression);
    if (ts.isIdentifier(callee)) {
      if (TIMER_CANCELLERS.has(callee.text) || GENERIC_RELEASE_METHODS.includes(callee.text)) return true;
      // A callback from outside the class (`onExit` of the factory that declares it) is the
      // owner's cleanup, run here; a local (`const next = queue.shift(); next()`) is not.
      const declaration = checker.getSymbolAtLocation(callee)?.valueDeclaration;
      return declaration !== undefined && !contains(classNode, declaration) && !declaration.getSourceFile().isDeclarationFile;
    }
    if (ts.isElementAccessExpression(callee)) return disposeSymbolName(callee.argumentExpression, checker) !== undefined;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const receiver = skipOuterExpressions(callee.expression);
    const name = callee.name.text;
    if (receiver.kind === ts.SyntaxKind.ThisKeyword) {
      const target = classNode.members.find(
        (candidate): candidate is ClassMember =>
          (ts.isMethodDeclaration(candidate) || ts.isPropertyDeclaration(candidate)) && memberName(candidate) === name,
      );
      // An inherited member (`this.removeAllListeners()` of an emitter base) releases only by its name.
      if (target) return releases(target);
    }
    return GENERIC_RELEASE_METHODS.includes(name) || UNSUBSCRIBING_METHODS.has(name) || TIMER_CANCELLERS.has(name);
  };
  return !releases(member) && !hasPairedAcquire(classNode, checker);
}

/**
 * `acquire(): void` / `lock()` beside the cleanup: the object is taken and given back (a lock),
 * so its release ends what `acquire()` began, even when that is only a flag. Not when `acquire()`
 * hands out a guard that is released on its own (a mutex whose guard has `[Symbol.dispose]`).
 */
function hasPairedAcquire(classNode: ts.ClassLikeDeclaration, checker: ts.TypeChecker): boolean {
  return classNode.members.some((candidate) => {
    if (!ts.isMethodDeclaration(candidate) || !PAIRED_ACQUIRE_METHODS.has(memberName(candidate) ?? '')) return false;
    const signature = checker.getSignatureFromDeclaration(candidate);
    const returned = signature && checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
    return returned !== undefined && (returned.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) !== 0;
  });
}
