import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { scanFile } from '../file-scan.js';
import type { ResourceInfo } from '../resource-model.js';
import {
  awaitContext,
  contains,
  enclosingFunction,
  isAssignmentTarget,
  isNullishLiteral,
  isUsingDeclarationList,
  skipOuterExpressions,
} from '../syntax.js';
import { disposeSymbolName } from '../vocabulary/dispose-members.js';
import { ERROR_INSPECTING_PROPERTIES } from '../vocabulary/names.js';
import { matchReleaseStatement, type ReleaseStatement, releasesResource } from '../vocabulary/release.js';
import { hasCommentIn } from './text.js';

/**
 * Why a try/finally that releases a resource is not rewritten. Machine-readable: the codemod's
 * report groups sites by it, and the rule's message explains it.
 */
export type SkipReason =
  | 'escapes'
  | 'reassigned'
  | 'conditional-release'
  | 'release-with-arguments'
  | 'early-release'
  | 'not-async-context'
  | 'no-dispose-member'
  | 'release-not-dispose'
  | 'unawaited-async-release'
  | 'release-order'
  | 'finally-order'
  | 'acquisition-not-found'
  | 'used-after-try'
  | 'used-before-acquisition'
  | 'exit-between-acquisition-and-try'
  | 'catch-inspects-error'
  | 'catch-around-acquisition'
  | 'comments-in-removed-code'
  | 'multiple-declarators'
  | 'illegal-position';

/**
 * What a rewrite changes (docs/semantics.md). A rewrite with none is exact: identical on every path,
 * except that when both the body and the release throw, the error is a `SuppressedError` whose
 * `.error` is the release error the original threw (the accepted difference of every `using`).
 */
export type BehaviorChange =
  /**
   * Code before the release (between the acquisition and the `try`, or earlier in the `finally`)
   * can throw: the original then skipped the release, the rewrite releases.
   */
  | 'release-on-early-throw'
  /**
   * A release in the `finally` is followed by other releases or other work: when it throws, the
   * original skipped them, with `using` they still run.
   */
  | 'later-release-runs';

export type DisposeForm = 'await using' | 'using' | 'stack';

export interface PlannedResource {
  readonly name: string;
  readonly form: DisposeForm;
  /** `const`/`let` declaration with the acquisition, or the `let` whose first assignment in the try acquires. */
  readonly declaration: ts.VariableDeclaration;
  readonly release: ReleaseStatement;
  /** For the `let x; try { x = acquire(); …` shape: the assignment statement. */
  readonly assignment?: ts.ExpressionStatement;
  readonly releaseIsAwaited: boolean;
}

export interface RewritePlan {
  readonly kind: 'rewrite';
  readonly tryStatement: ts.TryStatement;
  /** In acquisition order. */
  readonly resources: readonly PlannedResource[];
  readonly changes: readonly BehaviorChange[];
  /**
   * The only change is that code between the acquisition and the `try` can throw, where the
   * original leaked the resource (what `disposable/no-leaked-resource` reports): the rewrite fixes
   * that leak and is the same on every path where nothing throws. Applied with `--fix-leaks`.
   */
  readonly fixesLeak: boolean;
  /** Wrap the scope in a new `{ }` block so disposal happens where the `try` ended. */
  readonly wrap: boolean;
  /** The shape kept around the body: none, the `catch` clause, or a `finally` with the other work. */
  readonly keep: 'nothing' | 'catch' | 'finally';
  /** The first statement that the rewrite regenerates (the first acquisition or the `try`). */
  readonly regionStart: ts.Statement;
  /** Point edits that are part of this plan but outside the region: a removed `let x;`. */
  readonly removedStatements: readonly ts.Statement[];
  readonly stackName?: string;
  readonly stackIsAsync: boolean;
}

export interface SkippedSite {
  readonly kind: 'skip';
  readonly tryStatement: ts.TryStatement;
  readonly name: string;
  readonly reason: SkipReason;
}

export type SitePlan = RewritePlan | SkippedSite;

export interface PlannerOptions {
  /** Rewrite resources without a matching dispose member with a DisposableStack's `adopt`. */
  readonly stack?: boolean;
}

class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

/**
 * Finds every try/finally that releases a resource and plans its rewrite to `using`, or says why
 * not. Syntactic recognition first; the checker is asked only about bindings released in a
 * `finally`.
 */
export function planFile(sourceFile: ts.SourceFile, engine: Engine, options: PlannerOptions = {}): SitePlan[] {
  const plans: SitePlan[] = [];
  const stackNames: StackNames = new Map();
  for (const tryStatement of scanFile(sourceFile).tryFinallyStatements) {
    const plan = planSite(tryStatement, sourceFile, engine, options, stackNames);
    if (plan) plans.push(plan);
  }
  return plans;
}

/**
 * Stack names handed out per function (or file): nested plans flatten into one block, where two
 * `using stack` declarations would collide.
 */
type StackNames = Map<ts.Node, Set<string>>;

function planSite(
  tryStatement: ts.TryStatement,
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: PlannerOptions,
  stackNames: StackNames,
): SitePlan | undefined {
  const finallyBlock = tryStatement.finallyBlock;
  if (!finallyBlock) return undefined;
  const releases = finallyBlock.statements.flatMap((statement) => {
    const release = matchReleaseStatement(statement);
    return release ? [release] : [];
  });
  const resourceReleases = releases.flatMap((release) => {
    const resource = resourceOfBinding(release.binding, engine);
    // `finally { client.log() }` uses the resource; only a call that releases it is a release.
    return resource && releasesResource(release.method, resource) ? [{ release, resource }] : [];
  });
  const first = resourceReleases[0];
  if (!first) return undefined;
  const name = resourceReleases.map(({ release }) => release.binding.text).join(', ');
  try {
    return planResources(tryStatement, resourceReleases, sourceFile, engine, options, stackNames);
  } catch (error) {
    if (error instanceof Skip) return { kind: 'skip', tryStatement, name, reason: error.reason };
    throw error;
  }
}

function resourceOfBinding(binding: ts.Identifier, engine: Engine): ResourceInfo | undefined {
  const symbol = engine.checker.getSymbolAtLocation(binding);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return undefined;
  return engine.resources.classify(engine.checker.getTypeAtLocation(binding));
}

function planResources(
  tryStatement: ts.TryStatement,
  releases: readonly { release: ReleaseStatement; resource: ResourceInfo }[],
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: PlannerOptions,
  stackNames: StackNames,
): RewritePlan {
  const finallyStatements = tryStatement.finallyBlock?.statements ?? [];
  const container = enclosingFunction(tryStatement);
  const block = tryStatement.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block) && !ts.isCaseClause(block) && !ts.isDefaultClause(block)) {
    throw new Skip('illegal-position');
  }
  const siblings: readonly ts.Statement[] = block.statements;
  const tryIndex = siblings.indexOf(tryStatement);

  for (const { release } of releases) {
    if (release.conditional) throw new Skip('conditional-release');
  }

  const canAwait = awaitContext(tryStatement, engine.program).allowed;
  const resources = releases.map(({ release, resource }) =>
    planResource(release, resource, tryStatement, engine, options, container, canAwait),
  );

  // Disposal order: `using` releases in reverse declaration order, so the finally must release
  // the resources in reverse acquisition order.
  const acquisitionOrder = [...resources].sort((a, b) => a.declaration.getStart() - b.declaration.getStart());
  const releaseOrder = [...resources].sort((a, b) => a.release.statement.getStart() - b.release.statement.getStart());
  if (acquisitionOrder.some((resource, index) => releaseOrder[releaseOrder.length - 1 - index] !== resource)) {
    throw new Skip('release-order');
  }

  const letShaped = acquisitionOrder.filter((resource) => resource.assignment);
  const constShaped = acquisitionOrder.filter((resource) => !resource.assignment);
  if (letShaped.length > 0 && constShaped.length > 0) throw new Skip('acquisition-not-found');

  // What the finally keeps besides the releases, and whether `using` can keep its order.
  const releaseStatements = new Set(resources.map((resource) => resource.release.statement));
  const others = finallyStatements.filter((statement) => !releaseStatements.has(statement));
  const releaseIndexes = finallyStatements.flatMap((statement, index) => (releaseStatements.has(statement) ? [index] : []));
  let keep: RewritePlan['keep'] = 'nothing';
  if (others.length > 0) {
    const releasesLast = releaseIndexes.every((index) => index >= finallyStatements.length - releaseIndexes.length);
    const releasesFirst = releaseIndexes.every((index) => index < releaseIndexes.length);
    // const: disposal comes after the kept try/finally, so releases must end the finally.
    // let: `using` moves into the try block and disposes before the finally, so they must start it.
    if (constShaped.length > 0 ? !releasesLast : !releasesFirst) throw new Skip('finally-order');
    keep = 'finally';
  } else if (tryStatement.catchClause) {
    keep = 'catch';
  }
  if (letShaped.length > 0 && tryStatement.catchClause) throw new Skip('catch-around-acquisition');

  const changes = new Set<BehaviorChange>();
  let throwsInFinally = false;
  if (resources.length > 1) changes.add('later-release-runs');
  if (keep === 'finally' && constShaped.length > 0) {
    // The work runs before the release: a `return` or `break` in it skipped the release, and
    // `using` disposes on that path too; a throw from it skipped the release as well.
    if (others.some(containsExit)) throw new Skip('conditional-release');
    throwsInFinally = others.some((statement) => engine.throws.canThrowIn(statement));
    if (throwsInFinally) changes.add('release-on-early-throw');
  }
  // The work runs after the release: when the release threw, the original skipped it, while the
  // kept `finally` still runs after `using` has disposed (and thrown).
  if (keep === 'finally' && letShaped.length > 0) changes.add('later-release-runs');

  const removedStatements: ts.Statement[] = [];
  let regionStart: ts.Statement = tryStatement;
  if (constShaped.length > 0) {
    const firstDeclaration = acquisitionOrder[0]?.declaration.parent.parent as ts.Statement;
    const firstIndex = siblings.indexOf(firstDeclaration);
    if (firstIndex < 0 || firstIndex > tryIndex) throw new Skip('acquisition-not-found');
    regionStart = firstDeclaration;
    const declarationStatements = new Set<ts.Node>(acquisitionOrder.map((resource) => resource.declaration.parent.parent));
    for (const statement of siblings.slice(firstIndex + 1, tryIndex)) {
      if (containsExit(statement)) throw new Skip('exit-between-acquisition-and-try');
      if (declarationStatements.has(statement) || engine.throws.canThrowIn(statement)) changes.add('release-on-early-throw');
    }
  } else {
    for (const resource of letShaped) {
      const letStatement = resource.declaration.parent.parent as ts.Statement;
      const letIndex = siblings.indexOf(letStatement);
      if (letIndex < 0 || letIndex > tryIndex) throw new Skip('acquisition-not-found');
      removedStatements.push(letStatement);
    }
  }

  checkEnclosingCatches(tryStatement, container);

  const after = siblings.slice(tryIndex + 1);
  const inCaseClause = ts.isCaseClause(block) || ts.isDefaultClause(block);
  // A `let`-shaped rewrite that keeps its finally declares the `using` inside the try block,
  // where it is disposed exactly where the try block ends: nothing moves, nothing to wrap.
  const usingStaysInTry = letShaped.length > 0 && keep === 'finally';
  let wrap = false;
  if (!usingStaysInTry) {
    const disposalWouldMove = !after.every(isHarmlessAfterDisposal);
    const outerNames = new Set(
      [...siblings.slice(0, siblings.indexOf(regionStart)), ...after].flatMap((statement) => [
        ...declaredNames([statement], false),
      ]),
    );
    const bodyMovesUp = keep === 'nothing';
    const collides = bodyMovesUp && [...declaredNames(tryStatement.tryBlock.statements, true)].some((n) => outerNames.has(n));
    wrap = inCaseClause || disposalWouldMove || collides;
  }
  if (wrap) {
    const prefix = siblings.slice(siblings.indexOf(regionStart), tryIndex);
    const prefixNames = declaredNames(prefix, false);
    if (after.some((statement) => referencesAny(statement, prefixNames))) throw new Skip('used-after-try');
  }
  // A Script's own top level is the one block where `using` is an early error.
  if (ts.isSourceFile(block) && !ts.isExternalModule(sourceFile)) throw new Skip('illegal-position');

  checkRemovedComments(tryStatement, sourceFile, releaseStatements, keep);

  const stacked = resources.filter((resource) => resource.form === 'stack');
  const stackIsAsync = stacked.some((resource) => resource.releaseIsAwaited);
  if (stackIsAsync && !canAwait) throw new Skip('not-async-context');
  const scope = container ?? sourceFile;
  const stackName = stacked.length > 0 ? freshName('stack', scope, stackNames.get(scope) ?? new Set()) : undefined;
  if (stackName) stackNames.set(scope, new Set([...(stackNames.get(scope) ?? []), stackName]));

  return {
    kind: 'rewrite',
    tryStatement,
    resources: acquisitionOrder,
    changes: [...changes],
    fixesLeak: changes.size === 1 && changes.has('release-on-early-throw') && !throwsInFinally,
    wrap,
    keep,
    regionStart,
    removedStatements,
    ...(stackName ? { stackName } : {}),
    stackIsAsync,
  };
}

function planResource(
  release: ReleaseStatement,
  resource: ResourceInfo,
  tryStatement: ts.TryStatement,
  engine: Engine,
  options: PlannerOptions,
  container: ts.SignatureDeclaration | undefined,
  canAwait: boolean,
): PlannedResource {
  const checker = engine.checker;
  const symbol = checker.getSymbolAtLocation(release.binding);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) {
    throw new Skip('acquisition-not-found');
  }
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(list.parent) || isUsingDeclarationList(list)) {
    throw new Skip('acquisition-not-found');
  }
  if (list.declarations.length !== 1) throw new Skip('multiple-declarators');

  // Which shape: `const x = acquire(); try …` or `let x; try { x = acquire(); …`.
  let assignment: ts.ExpressionStatement | undefined;
  if (!declaration.initializer || isNullishLiteral(declaration.initializer)) {
    const firstInTry = tryStatement.tryBlock.statements[0];
    if (
      !firstInTry ||
      !ts.isExpressionStatement(firstInTry) ||
      !ts.isBinaryExpression(firstInTry.expression) ||
      firstInTry.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
      !ts.isIdentifier(skipOuterExpressions(firstInTry.expression.left)) ||
      checker.getSymbolAtLocation(skipOuterExpressions(firstInTry.expression.left)) !== symbol
    ) {
      throw new Skip('acquisition-not-found');
    }
    assignment = firstInTry;
    // A release that is not skipped on nullish throws when the acquisition failed: `using` would not.
    if (!release.nullGuarded) throw new Skip('conditional-release');
  }

  const references = engine.ownership.references(symbol, container ?? tryStatement.getSourceFile(), resource);
  for (const reference of references) {
    if (reference.kind === 'escape' && isInOptionsArgument(reference.identifier)) continue;
    if (reference.kind === 'escape' || reference.kind === 'consumed' || reference.kind === 'callbackRelease') {
      throw new Skip('escapes');
    }
    if (reference.kind === 'release' && reference.releaseCall !== release.call) throw new Skip('early-release');
    if (reference.kind === 'neutral' && isAssignmentTarget(reference.identifier) && reference.identifier.parent.parent !== assignment) {
      throw new Skip('reassigned');
    }
  }
  // The `let x;` is removed and `x` declared where it is acquired: an earlier read would not compile.
  const acquisitionStart = (assignment ?? declaration).getStart();
  if (references.some((reference) => reference.identifier.getStart() < acquisitionStart)) {
    throw new Skip('used-before-acquisition');
  }
  // A `const` keeps its scope; the `let` shape's `using` lives in the try block, so the kept
  // `finally` (other than the release itself) cannot see it either.
  const scope = assignment ? tryStatement.tryBlock : tryStatement;
  const outOfScope = (reference: { identifier: ts.Identifier }): boolean =>
    reference.identifier.getStart() > scope.getEnd() && !contains(release.statement, reference.identifier);
  if (references.some(outOfScope)) throw new Skip('used-after-try');

  const form = disposeForm(release, resource, engine, options, canAwait);
  return {
    name: declaration.name.text,
    form,
    declaration,
    release,
    ...(assignment ? { assignment } : {}),
    releaseIsAwaited: release.awaited,
  };
}

function disposeForm(
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
function checkEnclosingCatches(tryStatement: ts.TryStatement, container: ts.Node | undefined): void {
  for (let node: ts.Node = tryStatement; node.parent && node !== container; node = node.parent) {
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

function checkRemovedComments(
  tryStatement: ts.TryStatement,
  sourceFile: ts.SourceFile,
  releaseStatements: ReadonlySet<ts.Statement>,
  keep: RewritePlan['keep'],
): void {
  const finallyBlock = tryStatement.finallyBlock;
  if (!finallyBlock) return;
  const body = tryStatement.tryBlock;
  const removed: [number, number][] = [];
  if (keep === 'nothing') removed.push([tryStatement.getStart(sourceFile), body.getStart(sourceFile) + 1]);
  if (keep !== 'finally') {
    const finallyStart = (tryStatement.catchClause ?? body).getEnd();
    removed.push([finallyStart, tryStatement.getEnd()]);
  } else {
    for (const statement of releaseStatements) removed.push([statement.getStart(sourceFile), statement.getEnd()]);
  }
  for (const [start, end] of removed) {
    // Trailing comments on the release line are part of what is removed, and would be lost.
    if (hasCommentIn(sourceFile, start, end)) throw new Skip('comments-in-removed-code');
  }
  for (const statement of releaseStatements) {
    const lineEnd = sourceFile.text.indexOf('\n', statement.getEnd());
    if (hasCommentIn(sourceFile, statement.getEnd(), lineEnd === -1 ? sourceFile.text.length : lineEnd)) {
      throw new Skip('comments-in-removed-code');
    }
  }
}

/**
 * `collection.insertOne(doc, { session })`: an options object handed to a call lends the value for
 * that call. The `finally` releases it at the same point either way, so it does not stop a rewrite.
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

function containsExit(node: ts.Node): boolean {
  if (ts.isReturnStatement(node) || ts.isBreakStatement(node) || ts.isContinueStatement(node)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return node.forEachChild(containsExit) ?? false;
}

/**
 * Roslyn's rule (IDE0063): after the `try`, only `break;`, `continue;`, `return;` or a `return`
 * of a literal may stand before the block ends, or disposal would come later than the release did.
 */
function isHarmlessAfterDisposal(statement: ts.Statement): boolean {
  if (ts.isBreakStatement(statement) || ts.isContinueStatement(statement) || ts.isEmptyStatement(statement)) return true;
  if (!ts.isReturnStatement(statement)) return false;
  const value = statement.expression && skipOuterExpressions(statement.expression);
  return (
    !value ||
    ts.isLiteralExpression(value) ||
    value.kind === ts.SyntaxKind.TrueKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    value.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(value) && value.text === 'undefined')
  );
}

/**
 * Block-scoped names the statements declare. With `intoNestedTries`, also those of `try` blocks
 * nested at the top level, which a nested rewrite may move up into this block.
 */
function declaredNames(statements: readonly ts.Statement[], intoNestedTries: boolean): Set<string> {
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

function referencesAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node)) return names.has(node.text);
  return node.forEachChild((child) => referencesAny(child, names)) ?? false;
}

/** `stack`, or `stack2`, `stack3`… when the name is taken anywhere in the scope or by another plan. */
function freshName(base: string, scope: ts.Node, planned: ReadonlySet<string>): string {
  const taken = new Set<string>(planned);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) taken.add(node.text);
    node.forEachChild(visit);
  };
  visit(scope);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}${String(suffix)}`)) return `${base}${String(suffix)}`;
}
