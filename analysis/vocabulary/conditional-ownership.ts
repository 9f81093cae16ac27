import { ts } from '../typescript.js';
import { isAssignmentTarget, isConstDeclarationList, isNullishLiteral, skipOuterExpressions } from '../syntax.js';

/**
 * Conditional ownership, in one place: `const conn = given ?? acquire()` (or `||`) holds a
 * resource of this function's only when `given` was absent, and real code releases it under the
 * same condition (`if (!given) await conn.release()`). The leak finder follows the condition on
 * every path; the rewrite planner adopts only the acquired operand in a stack.
 */
export interface ConditionalAcquisition {
  /** The value used when present: a parameter or `const` that nothing reassigns. */
  readonly guard: ts.Identifier;
  readonly guardSymbol: ts.Symbol;
  /** The operand that acquires, parentheses stripped. */
  readonly acquired: ts.Expression;
  readonly operator: '??' | '||';
  /** Every value `guard` has when present is truthy (objects only): `!given` and `given == null` agree. */
  readonly presentIsTruthy: boolean;
}

/** `given ?? acquire()` / `given || acquire()` on a binding nothing reassigns. */
export function conditionalAcquisition(initializer: ts.Expression, checker: ts.TypeChecker): ConditionalAcquisition | undefined {
  const value = skipOuterExpressions(initializer);
  if (!ts.isBinaryExpression(value)) return undefined;
  const kind = value.operatorToken.kind;
  if (kind !== ts.SyntaxKind.QuestionQuestionToken && kind !== ts.SyntaxKind.BarBarToken) return undefined;
  const guard = skipOuterExpressions(value.left);
  const guardSymbol = ts.isIdentifier(guard) ? checker.getSymbolAtLocation(guard) : undefined;
  if (!ts.isIdentifier(guard) || !guardSymbol || !isUnchanged(guard, guardSymbol, checker)) return undefined;
  let acquired = value.right;
  while (ts.isParenthesizedExpression(acquired)) acquired = acquired.expression;
  const present = checker.getNonNullableType(checker.getTypeAtLocation(guard));
  const presentIsTruthy = (present.isUnion() ? present.types : [present]).every(
    (type) => (type.flags & (ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive)) !== 0,
  );
  return { guard, guardSymbol, acquired, operator: kind === ts.SyntaxKind.QuestionQuestionToken ? '??' : '||', presentIsTruthy };
}

/**
 * What a condition says about ownership: `true` when it holds exactly when the value was acquired
 * here (`!given`, `given == null`), `false` when exactly when it was not (`given`, `given != null`),
 * `undefined` when it says nothing.
 */
export function ownedWhen(condition: ts.Expression, acquisition: ConditionalAcquisition, checker: ts.TypeChecker): boolean | undefined {
  const test = skipOuterExpressions(condition);
  const isGuard = (node: ts.Expression): boolean => {
    const inner = skipOuterExpressions(node);
    return ts.isIdentifier(inner) && inner.text === acquisition.guard.text && checker.getSymbolAtLocation(inner) === acquisition.guardSymbol;
  };
  if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = ownedWhen(test.operand, acquisition, checker);
    return inner === undefined ? undefined : !inner;
  }
  // `??` acquires on nullish only: a truthiness test agrees with it when every present value is truthy.
  const truthinessAgrees = acquisition.operator === '||' || acquisition.presentIsTruthy;
  if (isGuard(test)) return truthinessAgrees ? false : undefined;
  if (!ts.isBinaryExpression(test)) return undefined;
  const operator = test.operatorToken.kind;
  const loose = operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  const comparesToNullish =
    (isGuard(test.left) && isNullishLiteral(skipOuterExpressions(test.right))) ||
    (isGuard(test.right) && isNullishLiteral(skipOuterExpressions(test.left)));
  // A nullish test agrees with `||` only when no present value is falsy.
  if (!loose || !comparesToNullish || (acquisition.operator === '||' && !acquisition.presentIsTruthy)) return undefined;
  return operator === ts.SyntaxKind.EqualsEqualsToken;
}

function isUnchanged(identifier: ts.Identifier, symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration) return false;
  if (ts.isVariableDeclaration(declaration)) {
    return ts.isVariableDeclarationList(declaration.parent) && isConstDeclarationList(declaration.parent);
  }
  if (!ts.isParameter(declaration)) return false;
  const assigned = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) && node.text === identifier.text && isAssignmentTarget(node) && checker.getSymbolAtLocation(node) === symbol) ||
    (node.forEachChild(assigned) ?? false);
  return !assigned(declaration.parent);
}
