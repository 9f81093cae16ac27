import { ts } from './typescript.js';

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

/** A `using` declaration list (not `await using`, which shares the Using bit). */
export function isPlainUsingDeclarationList(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Using;
}

/** An `await using` declaration list. */
export function isAwaitUsingDeclarationList(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.AwaitUsing;
}

/**
 * Whether `await using` may replace the declaration `node` sits in: inside an async function or
 * async generator, or at the top level of a module that allows top-level `await`. Not in a sync
 * function, a class static block, a namespace body, directly in a `case`/`default` clause, or at
 * the top level of a script or a CommonJS module.
 */
export function awaitUsingContext(
  node: ts.Node,
  program: ts.Program,
): { readonly allowed: true } | { readonly allowed: false; readonly reason: string } {
  let statement: ts.Node = node;
  while (statement.parent && !ts.isVariableStatement(statement) && !ts.isForOfStatement(statement)) statement = statement.parent;
  if (statement.parent && ts.isCaseOrDefaultClause(statement.parent) && ts.isVariableStatement(statement)) {
    return { allowed: false, reason: 'directly in a `case` clause' };
  }
  for (let current = node.parent as ts.Node | undefined; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      return isAsyncFunction(current) ? { allowed: true } : { allowed: false, reason: 'in a function that is not async' };
    }
    if (ts.isClassStaticBlockDeclaration(current)) return { allowed: false, reason: 'in a class static block' };
    if (ts.isModuleBlock(current)) return { allowed: false, reason: 'in a namespace body' };
    if (ts.isSourceFile(current)) {
      return allowsTopLevelAwait(current, program)
        ? { allowed: true }
        : { allowed: false, reason: 'at the top level of a file that is not an ES module' };
    }
  }
  return { allowed: false, reason: 'outside a function or module' };
}

/** Whether the file is an ES module in which top-level `await` is allowed. */
export function allowsTopLevelAwait(sourceFile: ts.SourceFile, program: ts.Program): boolean {
  if (!ts.isExternalModule(sourceFile)) return false;
  const options = program.getCompilerOptions();
  if (options.target !== undefined && options.target < ts.ScriptTarget.ES2017) return false;
  switch (options.module) {
    case ts.ModuleKind.ES2022:
    case ts.ModuleKind.ESNext:
    case ts.ModuleKind.System:
    case ts.ModuleKind.Preserve:
    case undefined:
      return true;
    case ts.ModuleKind.Node16:
    case ts.ModuleKind.Node18:
    case ts.ModuleKind.Node20:
    case ts.ModuleKind.NodeNext:
      return sourceFile.impliedNodeFormat === ts.ModuleKind.ESNext;
    default:
      return false;
  }
}

/**
 * The model's implicit throw points (semantics.md): every call, `new`, `await` and tagged template
 * may throw. Explicit ones (`throw`, `yield`) are control flow, handled by whoever asks.
 */
export function isImplicitThrowPoint(node: ts.Node): boolean {
  return ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isAwaitExpression(node) || ts.isTaggedTemplateExpression(node);
}
