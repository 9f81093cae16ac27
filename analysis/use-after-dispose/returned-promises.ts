import { ts, tsutils } from '../typescript.js';
import type { TextEdit } from '../text-edit.js';
import { contains, isAsyncFunction, rootIdentifier, skipOuterExpressions } from '../syntax.js';
import { PROMISE_CHAIN_METHODS, PROMISE_COMBINATORS } from '../vocabulary/names.js';
import type { ScopeContext } from './scope.js';

/**
 * `return <promise>` (not awaited) statements of the owner function inside the scope whose
 * promise still uses the value, mapped to their returned expression.
 */
export function returnedPromises(context: ScopeContext): Map<ts.ReturnStatement, ts.Expression> {
  const result = new Map<ts.ReturnStatement, ts.Expression>();
  const owner = context.owner;
  // An async generator awaits what it returns before leaving the block.
  if (!owner || (isAsyncFunction(owner) && (owner as ts.FunctionLikeDeclaration).asteriskToken)) return result;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) {
      const expression = node.expression;
      if (!ts.isAwaitExpression(skipOuterExpressions(expression)) && usesAsynchronously(expression, context)) {
        result.set(node, expression);
      }
      return;
    }
    node.forEachChild(visit);
  };
  context.scope.forEachChild(visit);
  return result;
}

/** Whether a promise-valued expression still needs the value after it is returned. */
function usesAsynchronously(expression: ts.Expression, context: ScopeContext): boolean {
  const inner = skipOuterExpressions(expression);
  if (ts.isConditionalExpression(inner)) {
    return usesAsynchronously(inner.whenTrue, context) || usesAsynchronously(inner.whenFalse, context);
  }
  if (ts.isBinaryExpression(inner)) {
    const operator = inner.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken) return usesAsynchronously(inner.right, context);
    if (
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.AmpersandAmpersandToken
    ) {
      return usesAsynchronously(inner.left, context) || usesAsynchronously(inner.right, context);
    }
    return false;
  }
  if (!ts.isCallExpression(inner) && !ts.isNewExpression(inner)) return false;
  // What the call mentions first: only a call that uses the value is typed.
  if (!callUsesValue(inner, context)) return false;
  const checker = context.engine.checker;
  return tsutils.isThenableType(checker, inner, checker.getTypeAtLocation(inner));
}

function callUsesValue(call: ts.CallExpression | ts.NewExpression, context: ScopeContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  const args = call.arguments ?? [];
  if (ts.isPropertyAccessExpression(callee)) {
    if (PROMISE_CHAIN_METHODS.has(callee.name.text)) {
      return usesAsynchronously(callee.expression, context) || args.some((arg) => mentions(arg, context));
    }
    // `client.db(name).collection(c).count()`: a chain of calls rooted at the value still uses it.
    const root = rootIdentifier(callee.expression, { throughCalls: true });
    if (root && context.identifiers.has(root)) return true;
    if (PROMISE_COMBINATORS.has(callee.name.text)) return args.some((arg) => mentions(arg, context));
  }
  return args.some((arg) => {
    const value = skipOuterExpressions(arg);
    if (ts.isIdentifier(value)) return context.identifiers.has(value);
    return (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && mentions(value, context);
  });
}

function mentions(node: ts.Node, context: ScopeContext): boolean {
  for (const identifier of context.identifiers) if (contains(node, identifier)) return true;
  return false;
}

export function returnAwaitEdit(expression: ts.Expression): TextEdit {
  const inner = skipOuterExpressions(expression);
  const simple =
    expression === inner &&
    (ts.isCallExpression(inner) || ts.isNewExpression(inner) || ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner));
  const start = expression.getStart();
  if (simple || ts.isParenthesizedExpression(expression)) return { start, end: start, text: 'await ' };
  return { start, end: expression.getEnd(), text: `await (${expression.getText()})` };
}
