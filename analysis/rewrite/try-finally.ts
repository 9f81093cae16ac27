import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import type { ResourceInfo } from '../resource-model.js';
import { awaitContext, contains, enclosingFunction, isNullishLiteral, isUsingDeclarationList, skipOuterExpressions } from '../syntax.js';
import { matchReleaseStatement, type ReleaseStatement, releasesResource } from '../vocabulary/release.js';
import {
  checkEnclosingCatches,
  checkNoUsingMoves,
  disposesAtItsEnd,
  checkReferences,
  containsExit,
  declaredNames,
  disposeForm,
  isHarmlessAfterDisposal,
  isScriptTopLevel,
  ownedOperand,
  planStack,
  referencesAny,
  resourceOfBinding,
  destructuredPart,
} from './checks.js';
import { type BehaviorChange, type PlannedResource, type PlannerOptions, Skip, type SitePlan, type StackNames, type TryRewritePlan } from './plan.js';
import { hasCommentAfterOnLine, hasCommentIn } from './text.js';

/**
 * Plans the rewrite of a `try` whose `finally` releases resources acquired just before it (or
 * first in it) into `using` declarations, or says why not. The checker is asked only about
 * bindings released in the `finally`.
 */
export function planSite(
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
    if (error instanceof Skip) return { kind: 'skip', shape: 'try-finally', anchor: tryStatement, name, reason: error.reason };
    throw error;
  }
}

function planResources(
  tryStatement: ts.TryStatement,
  releases: readonly { release: ReleaseStatement; resource: ResourceInfo }[],
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: PlannerOptions,
  stackNames: StackNames,
): TryRewritePlan {
  const finallyStatements = tryStatement.finallyBlock?.statements ?? [];
  const container = enclosingFunction(tryStatement);
  const block = tryStatement.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block) && !ts.isCaseClause(block) && !ts.isDefaultClause(block)) {
    throw new Skip('illegal-position');
  }
  const siblings: readonly ts.Statement[] = block.statements;
  const tryIndex = siblings.indexOf(tryStatement);

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
  let keep: TryRewritePlan['keep'] = 'nothing';
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
    if (others.some((statement) => containsExit(statement))) throw new Skip('conditional-release');
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
      if (disposesAtItsEnd(statement)) changes.add('later-release-runs');
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
    const disposalWouldMove = !after.every((statement) => isHarmlessAfterDisposal(statement, engine));
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
  checkNoUsingMoves(siblings.slice(siblings.indexOf(regionStart), tryIndex));
  if (isScriptTopLevel(block, sourceFile)) throw new Skip('illegal-position');

  checkRemovedComments(tryStatement, sourceFile, releaseStatements, keep);

  const stack = planStack(resources, { regionStart, wrap, canAwait, scope: container ?? sourceFile }, stackNames);

  return {
    kind: 'rewrite',
    shape: 'try-finally',
    anchor: tryStatement,
    tryStatement,
    regionEnd: tryStatement,
    resources: acquisitionOrder,
    changes: [...changes],
    fixesLeak: changes.size === 1 && changes.has('release-on-early-throw') && !throwsInFinally,
    wrap,
    keep,
    regionStart,
    removedStatements,
    ...stack,
  };
}

/** A destructured part is released by a deferred call, on a stack, only in the `const` shape. */
function deferForm(assignment: ts.ExpressionStatement | undefined, options: PlannerOptions): 'defer' {
  if (assignment) throw new Skip('acquisition-not-found');
  if (!options.stack) throw new Skip('destructured-part');
  return 'defer';
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
  const declared = symbol?.valueDeclaration;
  const part = declared && destructuredPart(declared);
  const declaration = part ? part.parent.parent : declared;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || (!part && !ts.isIdentifier(declaration.name))) {
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

  // Released only when this function acquired it: a stack adopts just that operand.
  const adopted = release.conditional && !assignment ? ownedOperand(declaration, release, engine) : undefined;
  if (release.conditional && (!adopted || !options.stack)) throw new Skip('conditional-release');

  const references = engine.ownership.references(symbol, container ?? tryStatement.getSourceFile(), resource);
  // A deferred release repeats the `finally`'s very call at the same point, whatever the body
  // released before it (`await body.text()` consumes, the `finally` still dumps).
  const ownReleases = part ? references.flatMap((reference) => reference.releaseCall ?? []) : [];
  checkReferences(references, new Set([release.call, ...ownReleases]), assignment, 'try-finally');
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

  const form = adopted ? 'stack' : part ? deferForm(assignment, options) : disposeForm(release, resource, engine, options, canAwait);
  return {
    name: release.binding.text,
    form,
    declaration,
    release,
    ...(assignment ? { assignment } : {}),
    releaseIsAwaited: release.awaited,
    ...(adopted ? { adopted } : {}),
  };
}

function checkRemovedComments(
  tryStatement: ts.TryStatement,
  sourceFile: ts.SourceFile,
  releaseStatements: ReadonlySet<ts.Statement>,
  keep: TryRewritePlan['keep'],
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
    if (hasCommentAfterOnLine(sourceFile, statement.getEnd())) throw new Skip('comments-in-removed-code');
  }
}
