import { ts, tsutils } from '../typescript.js';
import {
  climbOuterExpressions,
  contains,
  isBuiltinMethodCall,
  isConstDeclarationList,
  isNullishLiteral,
  memberChainRoot,
  skipOuterExpressions,
} from '../syntax.js';
import { COLLECTION_STORE_METHODS } from './names.js';

/**
 * What a function of the program hands back that already exists, rather than makes: the half of
 * "is this an acquisition" that reads a callee's body. Calls inside it are judged by the
 * acquisition model (`isFresh`), which asks this in turn for the callees it reads.
 */
export class ExistingValues {
  readonly #checker: ts.TypeChecker;
  readonly #isFresh: (call: ts.CallExpression) => boolean;

  constructor(checker: ts.TypeChecker, isFresh: (call: ts.CallExpression) => boolean) {
    this.#checker = checker;
    this.#isFresh = isFresh;
  }

  /**
   * `this.client`, other field reads, `this`, a parameter, a variable declared outside the
   * function, a part destructured from one of these, `null`, a call that itself hands back an existing value (`return
   * this.#manager.page()`, `return this.#frames.get(id) || null`), either side of `??`/`||` or of
   * a conditional, and a local every assignment of which is one of these (`let frame = this.#parent;
   * while (…) frame = frame.#parent; return frame`).
   */
  isExistingValue(expression: ts.Expression, owner: ts.Node, locals = new Set<ts.Declaration>()): boolean {
    let inner = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(inner)) inner = skipOuterExpressions(inner.expression);
    if (inner.kind === ts.SyntaxKind.ThisKeyword || isNullishLiteral(inner)) return true;
    if (ts.isCallExpression(inner)) {
      // `Object.create(this)`: a view whose prototype is the object, sharing what it holds.
      // `Promise.resolve(this.#client)`: the same value, awaited.
      if (isBuiltinMethodCall(inner, 'Object', 'create') || isBuiltinMethodCall(inner, 'Promise', 'resolve')) {
        return inner.arguments[0] !== undefined && this.isExistingValue(inner.arguments[0], owner, locals);
      }
      return !this.#isFresh(inner);
    }
    if (ts.isBinaryExpression(inner)) {
      const operator = inner.operatorToken.kind;
      // `return node.pending = client.connect()`: filed in an object that keeps it.
      if (operator === ts.SyntaxKind.EqualsToken) {
        const target = skipOuterExpressions(inner.left);
        return ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target) || this.isExistingValue(inner.right, owner, locals);
      }
      if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
        return this.isExistingValue(inner.left, owner, locals) && this.isExistingValue(inner.right, owner, locals);
      }
      // `a && b` is `b` or a falsy `a`, which holds nothing; `(log(), value)` is `value`.
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.CommaToken) {
        return this.isExistingValue(inner.right, owner, locals);
      }
      return false;
    }
    if (ts.isConditionalExpression(inner)) {
      return this.isExistingValue(inner.whenTrue, owner, locals) && this.isExistingValue(inner.whenFalse, owner, locals);
    }
    if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
      // A field of `this`, of a parameter or of something from outside exists already; a property
      // of a local (`return task.result` of a task made here) is as new as the local.
      const root = memberChainRoot(inner);
      return !ts.isIdentifier(root) || this.isExistingValue(root, owner, locals);
    }
    if (ts.isIdentifier(inner)) {
      const declaration = this.#checker.getSymbolAtLocation(inner)?.valueDeclaration;
      if (!declaration) return false;
      if (!contains(owner, declaration) || ts.isParameter(declaration)) return true;
      // `const { master } = this.slots[slot]`: a part of an existing value exists too.
      if (ts.isBindingElement(declaration)) {
        const whole = ts.walkUpBindingElementsAndPatterns(declaration);
        if (ts.isParameter(whole)) return true;
        return (
          ts.isVariableDeclarationList(whole.parent) &&
          isConstDeclarationList(whole.parent) &&
          whole.initializer !== undefined &&
          this.isExistingValue(whole.initializer, owner, locals)
        );
      }
      if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
      // While its assignments are being looked at, a local is what its other assignments make it.
      if (locals.has(declaration)) return true;
      locals.add(declaration);
      // A factory method that files the new child under its receiver (`this.#pages.set(key,
      // page); return page`) keeps it: the receiver releases its children.
      if (this.#isStoredInReceiver(declaration.name, owner)) return true;
      return this.#localAssignments(declaration, declaration.name, owner).every((value) => this.isExistingValue(value, owner, locals));
    }
    return false;
  }

  /**
   * `this.f = name`, `this.#children.set(key, name)` or `.push(name)` in `owner`, or the same on a
   * parameter (`slot.client = client`, a node of the owner's map handed in).
   */
  #isStoredInReceiver(name: ts.Identifier, owner: ts.Node): boolean {
    const symbol = this.#checker.getSymbolAtLocation(name);
    const rootedAtThis = (node: ts.Expression): boolean => {
      const inner = skipOuterExpressions(node);
      if (!(ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner))) return false;
      const root = memberChainRoot(inner);
      if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
      const declaration = ts.isIdentifier(root) ? this.#checker.getSymbolAtLocation(root)?.valueDeclaration : undefined;
      return declaration !== undefined && ts.isParameter(declaration) && declaration.parent === owner;
    };
    const visit = (node: ts.Node): boolean => {
      if (ts.isIdentifier(node) && node !== name && node.text === name.text && this.#checker.getSymbolAtLocation(node) === symbol) {
        const outer = climbOuterExpressions(node);
        const parent = outer.parent;
        if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          return rootedAtThis(parent.left);
        }
        if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression)) {
          const callee = skipOuterExpressions(parent.expression);
          return ts.isPropertyAccessExpression(callee) && COLLECTION_STORE_METHODS.has(callee.name.text) && rootedAtThis(callee.expression);
        }
        return false;
      }
      return ts.isFunctionLike(node) ? false : node.forEachChild(visit) === true;
    };
    return owner.forEachChild(visit) === true;
  }

  /** The initializer of a local, if any, and every value assigned to it in `owner`. */
  #localAssignments(declaration: ts.VariableDeclaration, name: ts.Identifier, owner: ts.Node): ts.Expression[] {
    const symbol = this.#checker.getSymbolAtLocation(name);
    const values: ts.Expression[] = declaration.initializer ? [declaration.initializer] : [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isBinaryExpression(node) &&
        tsutils.isAssignmentKind(node.operatorToken.kind) &&
        ts.isIdentifier(skipOuterExpressions(node.left)) &&
        this.#checker.getSymbolAtLocation(skipOuterExpressions(node.left)) === symbol
      ) {
        // `x = …`, and `x ??= …` / `x ||= …`, whose value is either; any other compound assignment makes no object.
        if (
          node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
          node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
          node.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken
        ) {
          values.push(node.right);
        }
      }
      node.forEachChild(visit);
    };
    owner.forEachChild(visit);
    return values;
  }
}

/** What a function returns: its `return` expressions, or an arrow's expression body. */
export function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    node.forEachChild(visit);
  };
  body.forEachChild(visit);
  return returned;
}
