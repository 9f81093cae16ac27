import * as path from 'node:path';

import { ts, tsutils } from './typescript.js';
import { TEST_FILE } from './vocabulary/names.js';

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

export function isUsingDeclarationList(list: ts.VariableDeclarationList): boolean {
  // AwaitUsing includes the Using bit.
  return (list.flags & ts.NodeFlags.Using) !== 0;
}

export function isConstDeclarationList(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Const;
}

/**
 * Code the program's authors did not write: declaration files, TypeScript's lib files and files
 * from dependencies. Analyses read their types, never their bodies.
 */
export function isLibraryFile(sourceFile: ts.SourceFile, program: ts.Program): boolean {
  return sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile) || program.isSourceFileDefaultLibrary(sourceFile);
}

/**
 * The folder a project's paths are relative to: the tsconfig's. A program of typescript-eslint's
 * project service has the service's working directory as its current directory, which is the
 * folder of whatever started the service first, not necessarily this project's.
 */
export function projectRoot(program: ts.Program): string {
  const configFile = program.getCompilerOptions()['configFilePath'];
  return typeof configFile === 'string' ? path.dirname(configFile) : program.getCurrentDirectory();
}

/** A file of the program's test suite (TEST_FILE), by its path inside the project. */
export function isTestFile(sourceFile: ts.SourceFile, program: ts.Program): boolean {
  return TEST_FILE.test(path.relative(projectRoot(program), sourceFile.fileName).split(path.sep).join('/'));
}

/** A `using` declaration list (not `await using`, which shares the Using bit). */
export function isPlainUsingDeclarationList(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Using;
}

/** An `await using` declaration list. */
export function isAwaitUsingDeclarationList(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.AwaitUsing;
}

export type AwaitContext = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Whether `await` (and so `await using`) is allowed where `node` stands: inside an async function
 * or async generator, or at the top level of a module that allows top-level `await`. Not in a
 * sync function, a class static block, a namespace body, or at the top level of a script or a
 * CommonJS module.
 */
export function awaitContext(node: ts.Node, program: ts.Program): AwaitContext {
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

/**
 * Whether an `await using` declaration may stand where the declaration `node` sits in: where
 * `await` is allowed (awaitContext), and not directly in a `case`/`default` clause. A rewrite
 * that wraps the clause's statements in a block asks awaitContext alone.
 */
export function awaitUsingContext(node: ts.Node, program: ts.Program): AwaitContext {
  let statement: ts.Node = node;
  while (statement.parent && !ts.isVariableStatement(statement) && !ts.isForOfStatement(statement)) statement = statement.parent;
  if (statement.parent && ts.isCaseOrDefaultClause(statement.parent) && ts.isVariableStatement(statement)) {
    return { allowed: false, reason: 'directly in a `case` clause' };
  }
  return awaitContext(node, program);
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
 * The model's implicit throw points (docs/semantics.md): every call, `new`, `await` and tagged template
 * may throw. Explicit ones (`throw`, `yield`) are control flow, handled by whoever asks.
 */
export function isImplicitThrowPoint(node: ts.Node): boolean {
  return ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isAwaitExpression(node) || ts.isTaggedTemplateExpression(node);
}

/** Whether evaluating `node` passes an implicit throw point (a call, `new`, `await`), nested functions and classes not run. */
export function hasImplicitThrowPoint(node: ts.Node): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return isImplicitThrowPoint(node) || node.forEachChild(hasImplicitThrowPoint) === true;
}

/** `null` or `undefined` as written. */
export function isNullishLiteral(expression: ts.Expression): boolean {
  const inner = skipOuterExpressions(expression);
  return inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === 'undefined');
}

/** Whether `inner` lies within `outer` in the same file. */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return outer.pos <= inner.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
}

/** The target of an assignment (`x = …`, `x += …`) or of `++`/`--`. */
export function isAssignmentTarget(node: ts.Node): boolean {
  const outer = climbOuterExpressions(node);
  const parent = outer.parent;
  return (
    (ts.isBinaryExpression(parent) && parent.left === outer && tsutils.isAssignmentKind(parent.operatorToken.kind)) ||
    ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
      (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken))
  );
}

export interface ChainOptions {
  /** Also walk through calls: `client` for `client.db(x).collection(y)`. */
  readonly throughCalls?: boolean;
}

/** The identifier a member chain starts from: `a` for `a.b[c].d`. */
export function rootIdentifier(expression: ts.Expression, options: ChainOptions = {}): ts.Identifier | undefined {
  const root = memberChainRoot(expression, options);
  return ts.isIdentifier(root) ? root : undefined;
}

/** What a member chain starts from: `a` for `a.b[c].d`, `this` for `this.x.y`. */
export function memberChainRoot(expression: ts.Expression, options: ChainOptions = {}): ts.Expression {
  let current = skipOuterExpressions(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      current = skipOuterExpressions(current.expression);
    } else if (options.throughCalls && ts.isCallExpression(current)) {
      current = skipOuterExpressions(current.expression);
    } else {
      return current;
    }
  }
}

export function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && tsutils.includesModifier(ts.getModifiers(node), ts.SyntaxKind.ExportKeyword);
}

export function isStatic(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && tsutils.includesModifier(ts.getModifiers(node), ts.SyntaxKind.StaticKeyword);
}

/** An identifier that names what a declaration declares, or a property name, rather than a reference. */
export function isDeclarationName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isBindingElement(parent) ||
      ts.isPropertyAccessExpression(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent)) &&
    (parent as ts.NamedDeclaration).name === identifier
  );
}

/** `X` of a type written `Name<X>` with one of the given names (`Promise<X>`), or undefined. */
export function typeArgumentOf(node: ts.TypeNode, names: ReadonlySet<string>): ts.TypeNode | undefined {
  if (!ts.isTypeReferenceNode(node) || !ts.isIdentifier(node.typeName) || !names.has(node.typeName.text)) return undefined;
  const [argument, ...rest] = node.typeArguments ?? [];
  return rest.length === 0 ? argument : undefined;
}

/** `Promise.all(…)`, `Object.create(…)`: a call of a built-in object's method, as written. */
export function isBuiltinMethodCall(call: ts.CallExpression, object: string, method: string): boolean {
  const callee = skipOuterExpressions(call.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === method &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === object
  );
}

/** A `#name` member, or one declared `private`: only its own class can call it, and no subclass overrides it. */
export function isPrivateMember(name: ts.PropertyName, declaration: ts.Declaration | undefined): boolean {
  return ts.isPrivateIdentifier(name) || (declaration !== undefined && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Private) !== 0);
}

/**
 * The outermost object or array literal a value stands in as a property or an element (`{ client
 * }`, `[a, b]`, nested), or the value itself when it is in none: where it goes when the literal goes.
 */
export function climbLiterals(node: ts.Node): ts.Node {
  let value = climbOuterExpressions(node);
  for (;;) {
    const holder = value.parent;
    if (ts.isShorthandPropertyAssignment(holder) || (ts.isPropertyAssignment(holder) && holder.initializer === value)) {
      value = climbOuterExpressions(holder.parent);
    } else if (ts.isArrayLiteralExpression(holder)) {
      value = climbOuterExpressions(holder);
    } else {
      return value;
    }
  }
}

/**
 * The fields a class sets only from a constructor parameter, with that parameter's position: a
 * parameter property (`constructor(private readonly socket: Socket)`) or a `this.socket = socket`
 * in the constructor. A field with an initializer, or assigned anywhere else, is not one.
 */
export function constructorParameterFields(classNode: ts.ClassLikeDeclaration): ReadonlyMap<string, number> {
  const fields = new Map<string, number>();
  const constructor = classNode.members.find(ts.isConstructorDeclaration);
  if (!constructor?.body) return fields;
  const elsewhere = new Set<string>();
  constructor.parameters.forEach((parameter, position) => {
    if (ts.isIdentifier(parameter.name) && ts.isParameterPropertyDeclaration(parameter, constructor)) fields.set(parameter.name.text, position);
  });
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      const field = node.left.name.text;
      const right = skipOuterExpressions(node.right);
      const position = ts.isIdentifier(right)
        ? constructor.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && !parameter.dotDotDotToken && parameter.name.text === right.text)
        : -1;
      if (ts.findAncestor(node, ts.isConstructorDeclaration) === constructor && position >= 0 && !fields.has(field)) fields.set(field, position);
      else elsewhere.add(field);
    }
    node.forEachChild(visit);
  };
  for (const member of classNode.members) {
    if (ts.isPropertyDeclaration(member) && member.initializer) elsewhere.add(member.name.getText());
    visit(member);
  }
  for (const field of elsewhere) fields.delete(field);
  return fields;
}

/**
 * Whether the callee an arrow is given types it as returning `void` (a promise's executor,
 * `forEach`'s callback, a listener): the value of its expression body is dropped.
 */
export function returnIsDropped(arrow: ts.ArrowFunction, checker: ts.TypeChecker): boolean {
  const contextual = checker.getContextualType(arrow);
  const signatures = contextual ? checker.getNonNullableType(contextual).getCallSignatures() : [];
  return signatures.length > 0 && signatures.every((signature) => (checker.getReturnTypeOfSignature(signature).flags & ts.TypeFlags.Void) !== 0);
}
