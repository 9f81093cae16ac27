import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { climbOuterExpressions, contains, hasExportModifier, memberChainRoot, rootIdentifier, skipOuterExpressions } from '../syntax.js';
import { COLLECTION_STORE_METHODS } from '../vocabulary/names.js';

/** What the scope checks know about one `using` declaration. */
export interface ScopeContext {
  readonly engine: Engine;
  /** The block (or for-of statement, or source file) at whose end the value is disposed. */
  readonly scope: ts.Node;
  /** The function the declaration is in; undefined at module level. */
  readonly owner: ts.SignatureDeclaration | undefined;
  readonly identifiers: ReadonlySet<ts.Identifier>;
}

/**
 * Climbs from a value through expressions that only pass it on (parentheses, object and array
 * literals, spreads, conditional branches, `??`/`||`/`&&`/`,` right operands, class members) to the
 * node that decides where it goes.
 */
export function valueDestination(node: ts.Node): { top: ts.Node; parent: ts.Node } {
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
export function storesOutside(top: ts.Node, parent: ts.Node, context: ScopeContext): boolean {
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
  if (!root) return memberChainRoot(inner).kind === ts.SyntaxKind.ThisKeyword;
  if (context.identifiers.has(root)) return false;
  const declaration = context.engine.checker.getSymbolAtLocation(root)?.valueDeclaration;
  return declaration !== undefined && !contains(context.scope, declaration);
}

export function declaredInside(identifier: ts.Identifier, context: ScopeContext): boolean {
  const declaration = context.engine.checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  return declaration !== undefined && contains(context.scope, declaration);
}

/** `export const f = <value>` at module level. */
export function isExportedVariable(parent: ts.Node, top: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(parent) &&
    parent.initializer === top &&
    ts.isVariableDeclarationList(parent.parent) &&
    ts.isVariableStatement(parent.parent.parent) &&
    ts.isSourceFile(parent.parent.parent.parent) &&
    hasExportModifier(parent.parent.parent)
  );
}
