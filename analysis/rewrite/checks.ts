import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import type { Reference } from '../ownership.js';
import type { ResourceInfo } from '../resource-model.js';
import { isAssignmentTarget, isUsingDeclarationList, skipOuterExpressions } from '../syntax.js';
import { conditionalAcquisition, ownedWhen } from '../vocabulary/conditional-ownership.js';
import { disposeSymbolName } from '../vocabulary/dispose-members.js';
import { ERROR_INSPECTING_PROPERTIES, STACK_TAKING_METHODS } from '../vocabulary/names.js';
import type { ReleaseStatement } from '../vocabulary/release.js';
import { type DisposeForm, type PlannedResource, type PlannerOptions, type SiteShape, Skip, type StackNames, usesStack } from './plan.js';

/** The checks both planners share: what the references allow, the dispose form, names, exits. */

export function resourceOfBinding(binding: ts.Identifier, engine: Engine): ResourceInfo | undefined {
  const symbol = engine.checker.getSymbolAtLocation(binding);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || (!ts.isVariableDeclaration(declaration) && !destructuredPart(declaration))) return undefined;
  return engine.resources.classify(engine.checker.getTypeAtLocation(binding));
}

/** `body` of `const { statusCode, body } = await request(url)`: a part named by a plain identifier. */
export function destructuredPart(declaration: ts.Declaration): (ts.BindingElement & { name: ts.Identifier }) | undefined {
  return ts.isBindingElement(declaration) &&
    !declaration.dotDotDotToken &&
    ts.isIdentifier(declaration.name) &&
    ts.isObjectBindingPattern(declaration.parent) &&
    ts.isVariableDeclaration(declaration.parent.parent)
    ? (declaration as ts.BindingElement & { name: ts.Identifier })
    : undefined;
}

/**
 * What the binding's references allow: no escape (an options argument only lends it), no release
 * but the planned ones, no reassignment but the acquiring one. The shape names the reasons: a
 * second release is an early one before a `finally`, and a double release in the open…close shape.
 */
export function checkReferences(
  references: readonly Reference[],
  releaseCalls: ReadonlySet<ts.CallExpression>,
  assignment: ts.ExpressionStatement | undefined,
  shape: SiteShape,
): void {
  for (const reference of references) {
    if (reference.kind === 'escape' && isInOptionsArgument(reference.identifier)) continue;
    if (reference.kind === 'callbackRelease' && shape === 'open-close') throw new Skip('released-in-callback');
    if (reference.kind === 'escape' || reference.kind === 'consumed' || reference.kind === 'callbackRelease') {
      throw new Skip('escapes');
    }
    if (reference.kind === 'release' && !(reference.releaseCall && releaseCalls.has(reference.releaseCall))) {
      throw new Skip(shape === 'try-finally' ? 'early-release' : 'released-twice');
    }
    if (reference.kind === 'neutral' && isAssignmentTarget(reference.identifier) && reference.identifier.parent.parent !== assignment) {
      throw new Skip('reassigned');
    }
  }
}

/**
 * Conditional ownership (vocabulary/conditional-ownership.ts): `const x = given ?? acquire()`
 * released under `if (!given)`. A stack that adopts only the acquired operand releases exactly
 * what the original did; returns that operand when the release's condition holds exactly when it
 * acquired.
 */
export function ownedOperand(declaration: ts.VariableDeclaration, release: ReleaseStatement, engine: Engine): ts.Expression | undefined {
  const statement = release.statement;
  const acquisition = declaration.initializer && conditionalAcquisition(declaration.initializer, engine.checker);
  if (!ts.isIfStatement(statement) || !acquisition) return undefined;
  return ownedWhen(statement.expression, acquisition, engine.checker) === true ? acquisition.acquired : undefined;
}

export function disposeForm(
  release: ReleaseStatement,
  resource: ResourceInfo,
  engine: Engine,
  options: PlannerOptions,
  canAwait: boolean,
): DisposeForm {
  const equivalent = (member: 'asyncDispose' | 'dispose'): boolean => {
    if (release.hasArguments) return false;
    if (release.method === `Symbol.${member}`) return true;
    const hasMember = member === 'asyncDispose' ? resource.asyncDispose : resource.syncDispose;
    return hasMember && (resource.sameAsDispose.has(release.method) || provenSameAsDispose(release, member, engine));
  };
  if (release.awaited && equivalent('asyncDispose')) {
    if (!canAwait) throw new Skip('not-async-context');
    return 'await using';
  }
  if (equivalent('dispose')) return 'using';
  // Where `await` is not allowed, awaiting the release is no option: the rewrite is impossible,
  // not merely a change of timing.
  if (!release.awaited && equivalent('asyncDispose')) throw new Skip(canAwait ? 'unawaited-async-release' : 'not-async-context');
  if (options.stack) return 'stack';
  if (release.hasArguments) throw new Skip('release-with-arguments');
  throw new Skip(resource.asyncDispose || resource.syncDispose ? 'release-not-dispose' : 'no-dispose-member');
}

/**
 * A class of this program whose dispose member only calls the release method
 * (`async [Symbol.asyncDispose]() { await this.close(); }`) proves the two the same.
 */
function provenSameAsDispose(release: ReleaseStatement, member: 'asyncDispose' | 'dispose', engine: Engine): boolean {
  const type = engine.checker.getNonNullableType(engine.checker.getTypeAtLocation(release.binding));
  for (const declaration of type.getSymbol()?.getDeclarations() ?? []) {
    if (!ts.isClassDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) continue;
    for (const classMember of declaration.members) {
      if (
        !ts.isMethodDeclaration(classMember) ||
        !ts.isComputedPropertyName(classMember.name) ||
        disposeSymbolName(classMember.name.expression) !== member
      ) {
        continue;
      }
      const statements = classMember.body?.statements ?? [];
      const only = statements.length === 1 ? statements[0] : undefined;
      let expression =
        only && ts.isReturnStatement(only) ? only.expression : only && ts.isExpressionStatement(only) ? only.expression : undefined;
      if (expression && ts.isAwaitExpression(expression)) expression = expression.expression;
      if (
        expression &&
        ts.isCallExpression(expression) &&
        expression.arguments.length === 0 &&
        ts.isPropertyAccessExpression(expression.expression) &&
        expression.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
        expression.expression.name.text === release.method
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * An enclosing `catch` that looks at what it caught (`instanceof`, `.code`, `.name`) would see a
 * `SuppressedError` where the original threw the release's error.
 */
export function checkEnclosingCatches(site: ts.Node, container: ts.Node | undefined): void {
  for (let node: ts.Node = site; node.parent && node !== container; node = node.parent) {
    const parent = node.parent;
    if (!ts.isTryStatement(parent) || parent.tryBlock !== node || !parent.catchClause) continue;
    const variable = parent.catchClause.variableDeclaration?.name;
    if (!variable || !ts.isIdentifier(variable)) continue;
    const name = variable.text;
    let inspects = false;
    const visit = (child: ts.Node): void => {
      if (ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
        inspects ||= ts.isIdentifier(skipOuterExpressions(child.left)) && skipOuterExpressions(child.left).getText() === name;
      }
      if (ts.isPropertyAccessExpression(child)) {
        const object = skipOuterExpressions(child.expression);
        inspects ||=
          ts.isIdentifier(object) && object.text === name && ERROR_INSPECTING_PROPERTIES.has(child.name.text);
      }
      child.forEachChild(visit);
    };
    parent.catchClause.block.forEachChild(visit);
    if (inspects) throw new Skip('catch-inspects-error');
  }
}

/**
 * `collection.insertOne(doc, { session })`: an options object handed to a call lends the value for
 * that call. The release comes at the same point either way, so it does not stop a rewrite.
 */
function isInOptionsArgument(identifier: ts.Identifier): boolean {
  const property = identifier.parent;
  const isValue =
    ts.isShorthandPropertyAssignment(property) || (ts.isPropertyAssignment(property) && property.initializer === identifier);
  if (!isValue || !ts.isObjectLiteralExpression(property.parent)) return false;
  let literal: ts.Node = property.parent;
  while (ts.isParenthesizedExpression(literal.parent)) literal = literal.parent;
  return ts.isCallExpression(literal.parent) && literal.parent.arguments.includes(literal as ts.Expression);
}

/** A `return`, `break` or `continue` in the node, other than the `allowed` ones. */
export function containsExit(node: ts.Node, allowed: ReadonlySet<ts.Node> = new Set()): boolean {
  if (ts.isReturnStatement(node) || ts.isBreakStatement(node) || ts.isContinueStatement(node)) return !allowed.has(node);
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return node.forEachChild((child) => containsExit(child, allowed)) ?? false;
}

/**
 * Roslyn's rule (IDE0063), widened to reads: after the released scope, only `break;`,
 * `continue;`, `return;` or a `return` of a value that is only read may stand before the block
 * ends, or disposal would come later than the release did. A read (a literal, a local variable,
 * a property of one, `??`, a comparison…) has no effect, so disposing after it changes nothing;
 * a call, `new` or `await` might.
 */
export function isHarmlessAfterDisposal(statement: ts.Statement, engine: Engine): boolean {
  if (ts.isBreakStatement(statement) || ts.isContinueStatement(statement) || ts.isEmptyStatement(statement)) return true;
  if (!ts.isReturnStatement(statement)) return false;
  return !statement.expression || isOnlyRead(statement.expression, (identifier) => isLocalVariable(identifier, engine));
}

const READ_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);

function isOnlyRead(expression: ts.Expression, isLocal: (identifier: ts.Identifier) => boolean): boolean {
  const value = skipOuterExpressions(expression);
  const read = (part: ts.Expression): boolean => isOnlyRead(part, isLocal);
  if (ts.isLiteralExpression(value) || ts.isNoSubstitutionTemplateLiteral(value)) return true;
  switch (value.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
  }
  if (ts.isIdentifier(value)) return value.text === 'undefined' || isLocal(value);
  if (ts.isPropertyAccessExpression(value)) return read(value.expression);
  if (ts.isElementAccessExpression(value)) return read(value.expression) && read(value.argumentExpression);
  if (ts.isPrefixUnaryExpression(value)) return value.operator === ts.SyntaxKind.ExclamationToken && read(value.operand);
  if (ts.isBinaryExpression(value)) return READ_OPERATORS.has(value.operatorToken.kind) && read(value.left) && read(value.right);
  if (ts.isConditionalExpression(value)) return read(value.condition) && read(value.whenTrue) && read(value.whenFalse);
  if (ts.isArrayLiteralExpression(value)) return value.elements.every((element) => !ts.isSpreadElement(element) && read(element));
  if (ts.isObjectLiteralExpression(value)) {
    return value.properties.every(
      (property) =>
        (ts.isPropertyAssignment(property) && !ts.isComputedPropertyName(property.name) && read(property.initializer)) ||
        (ts.isShorthandPropertyAssignment(property) && isLocal(property.name)),
    );
  }
  return false;
}

/** Whether the identifier names a variable or parameter of the function (or module) it is read in. */
function isLocalVariable(identifier: ts.Identifier, engine: Engine): boolean {
  const declaration = engine.checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || (!ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration) && !ts.isBindingElement(declaration))) {
    return false;
  }
  if (declaration.getSourceFile() !== identifier.getSourceFile()) return false;
  const home = (node: ts.Node): ts.Node => {
    let current = node.parent;
    while (!ts.isFunctionLike(current) && !ts.isSourceFile(current)) current = current.parent;
    return current;
  };
  return home(declaration) === home(identifier);
}

/**
 * Block-scoped names the statements declare. With `intoNestedTries`, also those of `try` blocks
 * nested at the top level, which a nested rewrite may move up into this block.
 */
export function declaredNames(statements: readonly ts.Statement[], intoNestedTries: boolean): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => addBinding(d.name));
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    } else if (intoNestedTries && ts.isTryStatement(statement)) {
      declaredNames(statement.tryBlock.statements, true).forEach((name) => names.add(name));
    }
  }
  return names;
}

/**
 * A `using` between the acquisition and the release is disposed after the original released, and
 * before the rewrite disposes (`using` is LIFO), or earlier still inside a new block.
 */
export function checkNoUsingMoves(statements: readonly ts.Statement[]): void {
  if (statements.some(isUsingStatement)) throw new Skip('using-in-scope');
}

export function isUsingStatement(statement: ts.Statement): boolean {
  return ts.isVariableStatement(statement) && isUsingDeclarationList(statement.declarationList);
}

/**
 * One stack for a session and its requests: `await using stack = new AsyncDisposableStack()`
 * declared earlier in the block a site's resources land in, with no other `using` after it and
 * before `regionStart`, and used only to take resources (`adopt`, `defer`, `use`). The site's
 * resources join it and, stacks being LIFO, are released first, where a stack of their own,
 * declared after it, would have been disposed: the same order. Its name, or undefined.
 */
function stackDeclaredBefore(regionStart: ts.Statement, stackIsAsync: boolean): string | undefined {
  const container = regionStart.parent;
  if (!ts.isBlock(container)) return undefined;
  const statements = container.statements;
  for (let index = statements.indexOf(regionStart) - 1; index >= 0; index--) {
    const statement = statements[index];
    if (!statement || !isUsingStatement(statement)) continue;
    const name = declaredStack(statement as ts.VariableStatement, stackIsAsync);
    return name !== undefined && onlyTakesResources(name, container) ? name : undefined;
  }
  return undefined;
}

function declaredStack(statement: ts.VariableStatement, stackIsAsync: boolean): string | undefined {
  const [declaration, ...others] = statement.declarationList.declarations;
  if (!declaration || others.length > 0 || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const awaited = (statement.declarationList.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing;
  const value = declaration.initializer;
  const expected = stackIsAsync ? 'AsyncDisposableStack' : 'DisposableStack';
  const made = ts.isNewExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === expected && (value.arguments ?? []).length === 0;
  return made && awaited === stackIsAsync ? declaration.name.text : undefined;
}

/** Every other mention of the stack in the block is `stack.adopt(…)`, `stack.defer(…)` or `stack.use(…)`. */
function onlyTakesResources(name: string, block: ts.Block): boolean {
  let only = true;
  const visit = (node: ts.Node): void => {
    if (!only) return;
    if (ts.isIdentifier(node) && node.text === name && !(ts.isVariableDeclaration(node.parent) && node.parent.name === node)) {
      const access = node.parent;
      only =
        ts.isPropertyAccessExpression(access) &&
        access.expression === node &&
        STACK_TAKING_METHODS.has(access.name.text) &&
        ts.isCallExpression(access.parent) &&
        access.parent.expression === access;
    }
    node.forEachChild(visit);
  };
  block.forEachChild(visit);
  return only;
}

/**
 * A block that declares a `using` disposes it where it ends, and that disposal can throw: it is a
 * release of another resource (what an earlier rewrite leaves in place of a release statement).
 */
export function disposesAtItsEnd(node: ts.Node): boolean {
  return ts.isBlock(node) && !ts.isFunctionLike(node.parent) && node.statements.some(isUsingStatement);
}

export function referencesAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node)) return names.has(node.text);
  return node.forEachChild((child) => referencesAny(child, names)) ?? false;
}

/**
 * The stack a plan's resources go on, for plans with any of the stack forms: async when one of
 * their releases was awaited (then the site must allow `await`), and the one declared before the
 * site (stackDeclaredBefore) when every resource goes on it and no new block wraps the site, or a
 * new one of its own. A deferred release whose promise the original did not await would now be.
 */
export function planStack(
  resources: readonly PlannedResource[],
  placement: { regionStart: ts.Statement; wrap: boolean; canAwait: boolean; scope: ts.Node },
  stackNames: StackNames,
): { stackName?: string; sharesStack?: true; stackIsAsync: boolean } {
  const stacked = resources.filter((resource) => usesStack(resource.form));
  const stackIsAsync = stacked.some((resource) => resource.releaseIsAwaited);
  if (stacked.length === 0) return { stackIsAsync };
  if (stackIsAsync && !placement.canAwait) throw new Skip('not-async-context');
  if (stacked.some((resource) => resource.form === 'defer' && resource.releaseIsAwaited !== stackIsAsync)) {
    throw new Skip('unawaited-async-release');
  }
  const shared = !placement.wrap && stacked.length === resources.length ? stackDeclaredBefore(placement.regionStart, stackIsAsync) : undefined;
  if (shared) return { stackName: shared, sharesStack: true, stackIsAsync };
  return { stackName: allocateStackName(placement.scope, stackNames), stackIsAsync };
}

/**
 * The stack's name for a plan that adopts resources: `stack`, or `stack2`, `stack3`… when the name
 * is taken anywhere in the scope or by another plan of the same scope.
 */
function allocateStackName(scope: ts.Node, stackNames: StackNames): string {
  const planned = stackNames.get(scope) ?? new Set<string>();
  const taken = new Set<string>(planned);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) taken.add(node.text);
    node.forEachChild(visit);
  };
  visit(scope);
  let name = 'stack';
  for (let suffix = 2; taken.has(name); suffix++) name = `stack${String(suffix)}`;
  stackNames.set(scope, new Set([...planned, name]));
  return name;
}

/** A Script's own top level is the one block where `using` is an early error. */
export function isScriptTopLevel(block: ts.Node, sourceFile: ts.SourceFile): boolean {
  return ts.isSourceFile(block) && !ts.isExternalModule(sourceFile);
}
