import ts from 'typescript';

/** Strips wrappers that do not change the value: parentheses, `!`, `as`, `satisfies`, `<T>x`. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The outermost wrapper around `node` that `skipOuterExpressions` would strip. */
export function climbOuterExpressions(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent) ||
    ts.isTypeAssertionExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

export type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.Block };

export function isFunctionWithBlockBody(node: ts.Node): node is FunctionWithBody {
  return ts.isFunctionLike(node) && 'body' in node && node.body !== undefined && ts.isBlock(node.body as ts.Node);
}

/** The nearest function-like node that contains `node`, or undefined at module level. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent as ts.Node | undefined; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
    if (ts.isClassStaticBlockDeclaration(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

export function isAsyncFunction(node: ts.SignatureDeclaration): boolean {
  return ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async ? true : false;
}

/** A call or `new` whose value is produced here, optionally awaited: the shape of an acquisition. */
export function acquisitionCall(expression: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  let inner = skipOuterExpressions(expression);
  if (ts.isAwaitExpression(inner)) inner = skipOuterExpressions(inner.expression);
  if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) return inner;
  return undefined;
}

/** The name a call is made through: `open` for `open()`, `fsp.open()` and `fsp?.open()`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** `Symbol.asyncDispose` / `Symbol.dispose` as an element access argument. */
export function disposeSymbolName(node: ts.Expression): 'asyncDispose' | 'dispose' | undefined {
  const inner = skipOuterExpressions(node);
  if (
    ts.isPropertyAccessExpression(inner) &&
    ts.isIdentifier(inner.expression) &&
    inner.expression.text === 'Symbol' &&
    (inner.name.text === 'asyncDispose' || inner.name.text === 'dispose')
  ) {
    return inner.name.text;
  }
  return undefined;
}

export function isUsingDeclarationList(list: ts.VariableDeclarationList): boolean {
  // AwaitUsing includes the Using bit.
  return (list.flags & ts.NodeFlags.Using) !== 0;
}

export function isConstDeclarationList(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Const;
}

export function isInDeclarationFileOrDependency(node: ts.Node): boolean {
  const sourceFile = node.getSourceFile();
  return sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/');
}
