import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { climbOuterExpressions, constructorParameterFields, isLibraryFile, skipOuterExpressions } from '../syntax.js';
import { LISTENER_METHODS } from '../vocabulary/names.js';
import { calledMember } from '../vocabulary/release.js';
import { forEachThisMemberAccess, isOwnDisposeCall, memberName } from './class-members.js';

/**
 * Children of the program's own making that a field may hold without its class releasing them:
 * one that ends itself when its parent goes, and one whose release is a request to the parent it
 * was built with. Both are judged on the child's class, once per class.
 */
export class ChildLifetimes {
  readonly #engine: Engine;
  readonly #checker: ts.TypeChecker;
  readonly #cleanupNames: readonly string[];
  readonly #selfEnding = new Map<ts.ClassLikeDeclaration, boolean>();

  constructor(engine: Engine, cleanupNames: readonly string[]) {
    this.#engine = engine;
    this.#checker = engine.checker;
    this.#cleanupNames = cleanupNames;
  }

  /**
   * A child that ends itself when its parent goes (`parentEmitter.once('closed', () =>
   * this.dispose())` in its constructor): whoever keeps it in a field need not release it.
   */
  endsItselfOnEvent(type: ts.Type): boolean {
    const declaration = this.#programClassOf(type);
    if (!declaration) return false;
    const cached = this.#selfEnding.get(declaration);
    if (cached !== undefined) return cached;
    const endsItself = (callback: ts.Node): boolean => {
      const visit = (node: ts.Node): boolean => {
        if (ts.isCallExpression(node)) {
          if (isOwnDisposeCall(node, this.#checker)) return true;
          const callee = skipOuterExpressions(node.expression);
          if (
            ts.isPropertyAccessExpression(callee) &&
            callee.expression.kind === ts.SyntaxKind.ThisKeyword &&
            this.#cleanupNames.includes(callee.name.text)
          ) {
            return true;
          }
        }
        return node.forEachChild(visit) === true;
      };
      return visit(callback);
    };
    let result = false;
    for (const member of declaration.members) {
      forEachListenerCallback(member, (listener) => {
        result ||= endsItself(listener);
      });
    }
    this.#selfEnding.set(declaration, result);
    return result;
  }

  /**
   * A child built with its parent (`new Context(connection, this)`) whose every cleanup method
   * asks that parent to end it (`close() { return this.#browser.disposeContext(this.#id); }`):
   * what it holds is its parent's, and the parent's own release ends it.
   */
  releasedThroughParent(value: ts.Expression, type: ts.Type): boolean {
    const made = skipOuterExpressions(value);
    if (!ts.isNewExpression(made)) return false;
    const index = (made.arguments ?? []).findIndex((argument) => skipOuterExpressions(argument).kind === ts.SyntaxKind.ThisKeyword);
    if (index < 0) return false;
    const declaration = this.#programClassOf(type);
    if (!declaration) return false;
    const parentField = [...constructorParameterFields(declaration)].find(([, position]) => position === index)?.[0];
    if (parentField === undefined) return false;
    const cleanups = declaration.members.filter(
      (member): member is ts.MethodDeclaration =>
        ts.isMethodDeclaration(member) && member.body !== undefined && this.#cleanupNames.includes(memberName(member) ?? ''),
    );
    return (
      cleanups.length > 0 &&
      cleanups.every((cleanup) => {
        let asks = false;
        forEachThisMemberAccess(cleanup, (access) => {
          const member = climbOuterExpressions(access).parent;
          asks ||= access.name.text === parentField && ts.isPropertyAccessExpression(member) && calledMember(member) !== undefined;
        });
        return asks;
      })
    );
  }

  #programClassOf(type: ts.Type): ts.ClassLikeDeclaration | undefined {
    const declaration = this.#checker.getNonNullableType(type).getSymbol()?.valueDeclaration;
    if (!declaration || !ts.isClassLike(declaration) || isLibraryFile(declaration.getSourceFile(), this.#engine.program)) return undefined;
    return declaration;
  }
}

/** The arrow functions a member registers as event listeners (`emitter.on(name, () => …)`). */
export function forEachListenerCallback(member: ts.Node, callback: (listener: ts.ArrowFunction) => void): void {
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node)) return;
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(callee) && LISTENER_METHODS.has(callee.name.text)) {
        node.arguments.map((argument) => skipOuterExpressions(argument)).filter(ts.isArrowFunction).forEach(callback);
      }
    }
    node.forEachChild(visit);
  };
  member.forEachChild(visit);
}
