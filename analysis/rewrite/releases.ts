import { ts } from '../typescript.js';
import { disposeSymbolName, skipOuterExpressions } from '../syntax.js';

/** One statement of a `finally` block that releases a binding. */
export interface ReleaseStatement {
  readonly statement: ts.Statement;
  readonly call: ts.CallExpression;
  readonly binding: ts.Identifier;
  /** The method name, or `Symbol.asyncDispose` / `Symbol.dispose`. */
  readonly method: string;
  readonly awaited: boolean;
  /** `x?.close()` or `if (x) x.close()`: skipped when the binding is nullish, like `using`. */
  readonly nullGuarded: boolean;
  readonly hasArguments: boolean;
  /** Guarded by a condition that is not about the binding being nullish. */
  readonly conditional: boolean;
}

/**
 * Recognizes `[await] x.m(…)`, `[await] x?.m()`, `[await] x[Symbol.asyncDispose]()`, and the same
 * under `if (x)` / `if (x != null)`; or the same under any other `if` (then `conditional`).
 * Purely syntactic: the caller checks that `m` releases the binding's type.
 */
export function matchReleaseStatement(statement: ts.Statement): ReleaseStatement | undefined {
  if (ts.isIfStatement(statement) && !statement.elseStatement) {
    const inner = singleStatement(statement.thenStatement);
    const release = inner && matchReleaseStatement(inner);
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
  const callee = skipOuterExpressions(expression.expression);
  let receiver: ts.Expression;
  let method: string;
  let optional = expression.questionDotToken !== undefined;
  if (ts.isPropertyAccessExpression(callee)) {
    receiver = callee.expression;
    method = callee.name.text;
    optional ||= callee.questionDotToken !== undefined;
  } else if (ts.isElementAccessExpression(callee)) {
    const symbolName = disposeSymbolName(callee.argumentExpression);
    if (!symbolName) return undefined;
    receiver = callee.expression;
    method = `Symbol.${symbolName}`;
    optional ||= callee.questionDotToken !== undefined;
  } else {
    return undefined;
  }
  const binding = skipOuterExpressions(receiver);
  if (!ts.isIdentifier(binding)) return undefined;
  return {
    statement,
    call: expression,
    binding,
    method,
    awaited,
    nullGuarded: optional,
    hasArguments: expression.arguments.length > 0,
    conditional: false,
  };
}

function singleStatement(statement: ts.Statement): ts.Statement | undefined {
  if (!ts.isBlock(statement)) return statement;
  return statement.statements.length === 1 ? statement.statements[0] : undefined;
}

/** `x`, `x != null`, `x !== undefined`, `x !== null` (either operand order). */
function isNonNullTest(condition: ts.Expression, name: string): boolean {
  const test = skipOuterExpressions(condition);
  if (ts.isIdentifier(test)) return test.text === name;
  if (!ts.isBinaryExpression(test)) return false;
  const operator = test.operatorToken.kind;
  if (
    operator !== ts.SyntaxKind.ExclamationEqualsToken &&
    operator !== ts.SyntaxKind.ExclamationEqualsEqualsToken
  ) {
    return false;
  }
  const [left, right] = [skipOuterExpressions(test.left), skipOuterExpressions(test.right)];
  const isName = (node: ts.Expression): boolean => ts.isIdentifier(node) && node.text === name;
  const isNullish = (node: ts.Expression): boolean =>
    node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
  // `x !== null` alone would let `undefined` through to the release, where `using` skips it: the
  // release then throws on undefined in the original, so only loose or undefined tests count.
  if (operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) {
    return (isName(left) && ts.isIdentifier(right) && right.text === 'undefined') ||
      (isName(right) && ts.isIdentifier(left) && left.text === 'undefined');
  }
  return (isName(left) && isNullish(right)) || (isName(right) && isNullish(left));
}
