import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { scanFile } from '../file-scan.js';
import { releasesAnyResource } from '../hand-off.js';
import { isAfterHookCallback } from '../test-hooks.js';
import { awaitContext, enclosingFunction, isNullishLiteral, isUsingDeclarationList } from '../syntax.js';
import { isDisposeSymbolMethod, matchReleaseStatement, type ReleaseStatement, releasesResource } from '../vocabulary/release.js';
import {
  allocateStackName,
  checkEnclosingCatches,
  checkNoUsingMoves,
  checkReferences,
  containsExit,
  declaredNames,
  disposeForm,
  isHarmlessAfterDisposal,
  isLocalVariable,
  isScriptTopLevel,
  ownedOperand,
  referencesAny,
  resourceOfBinding,
} from './checks.js';
import { type BehaviorChange, type OpenCloseRewritePlan, type PlannerOptions, type SitePlan, Skip, type StackNames } from './plan.js';
import { hasCommentIn } from './text.js';

/**
 * The open…close shape: a resource acquired into a `const`/`let`, used, and released by a plain
 * statement later in the same block, with no `finally`. When something between the acquisition
 * and the release can throw, the original leaks the resource on that path (what
 * `disposable/no-leaked-resource` reports); `using` releases it there and changes nothing on the
 * paths where nothing throws, so the rewrite is classified `fixes-leak`. When the code between
 * releases another resource, a throw from that release also skipped this one's: `using` still
 * runs it (`later-release-runs`, as for a `finally` with several releases). When nothing between
 * can throw, the code is correct as it is and no site is planned.
 */

type Block = ts.Block | ts.SourceFile | ts.CaseClause | ts.DefaultClause;

interface Candidate {
  readonly block: Block;
  readonly declarationStatement: ts.VariableStatement;
  readonly declaration: ts.VariableDeclaration & { name: ts.Identifier };
  /** Statements of the block that call a release-named method on the binding, in source order. */
  readonly releases: ReleaseStatement[];
  /**
   * Releases in nested blocks, each right before a `return` (`if (!row) { conn.release(); return
   * null; }`): the early exits that release first.
   */
  readonly exitReleases: ReleaseStatement[];
}

/** Plans every open…close site of the file. */
export function planOpenCloseSites(
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: PlannerOptions,
  stackNames: StackNames,
): SitePlan[] {
  const plans: SitePlan[] = [];
  const { sites, hookReleases } = candidates(sourceFile, engine);
  for (const candidate of sites) {
    const plan = planCandidate(candidate, sourceFile, engine, options, stackNames);
    if (plan) plans.push(plan);
  }
  // A resource an after-hook releases lives across the suite's tests: no block of a test holds it.
  for (const release of hookReleases) {
    const resource = resourceOfBinding(release.binding, engine);
    if (resource && releasesResource(release.method, resource)) {
      plans.push({ kind: 'skip', shape: 'open-close', anchor: release.statement, name: release.binding.text, reason: 'hook-lifetime' });
    }
  }
  return plans;
}

/**
 * Statements that call a release-named method on a binding that a declaration earlier in the
 * same block names: syntax and the vocabulary only, grouped by declaration.
 */
function candidates(sourceFile: ts.SourceFile, engine: Engine): { sites: Candidate[]; hookReleases: ReleaseStatement[] } {
  const found = new Map<ts.VariableDeclaration, Candidate>();
  const hookReleases: ReleaseStatement[] = [];
  for (const expressionStatement of scanFile(sourceFile).leakSites) {
    if (!ts.isExpressionStatement(expressionStatement)) continue;
    const site = guardingIf(expressionStatement) ?? expressionStatement;
    const block = site.parent;
    if (!isStatementBlock(block) || isFinallyBlock(block)) continue;
    const release = matchReleaseStatement(site);
    if (!release || !(isDisposeSymbolMethod(release.method) || engine.resources.isReleaseName(release.method))) continue;
    const statements: readonly ts.Statement[] = block.statements;
    const index = statements.indexOf(site);
    const add = (declared: Declared, list: 'releases' | 'exitReleases'): void => {
      const candidate = found.get(declared.declaration) ?? { ...declared, releases: [], exitReleases: [] };
      candidate[list].push(release);
      found.set(declared.declaration, candidate);
    };
    const here = declarationBefore(block, index, release.binding.text);
    if (here) {
      add(here, 'releases');
      continue;
    }
    const next = statements[index + 1];
    const outer = next && ts.isReturnStatement(next) ? declarationAround(block, release.binding.text) : undefined;
    if (outer) {
      add(outer, 'exitReleases');
      continue;
    }
    const container = enclosingFunction(site);
    if (container && isAfterHookCallback(container)) hookReleases.push(release);
  }
  return { sites: [...found.values()], hookReleases };
}

type Declared = Pick<Candidate, 'block' | 'declarationStatement' | 'declaration'>;

/** The declaration of `name` among the statements of `block` before `index`. */
function declarationBefore(block: Block, index: number, name: string): Declared | undefined {
  const statements: readonly ts.Statement[] = block.statements;
  for (let earlier = index - 1; earlier >= 0; earlier--) {
    const statement = statements[earlier];
    if (!statement || !ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find(
      (candidate): candidate is ts.VariableDeclaration & { name: ts.Identifier } => ts.isIdentifier(candidate.name) && candidate.name.text === name,
    );
    if (declaration) return { block, declarationStatement: statement, declaration };
  }
  return undefined;
}

/** The declaration of `name` in a block around `block`, before the statement that holds it, within the function. */
function declarationAround(block: Block, name: string): Declared | undefined {
  for (let node: ts.Node = block; !ts.isFunctionLike(node) && !ts.isSourceFile(node); node = node.parent) {
    const parent = node.parent;
    if (!isStatementBlock(parent) || !ts.isStatement(node)) continue;
    const found = declarationBefore(parent, parent.statements.indexOf(node), name);
    if (found) return found;
  }
  return undefined;
}

/** The `if` without `else` whose only statement this is (`if (!given) await x.close();`). */
function guardingIf(statement: ts.ExpressionStatement): ts.IfStatement | undefined {
  const parent = ts.isBlock(statement.parent) && statement.parent.statements.length === 1 ? statement.parent.parent : statement.parent;
  const body = parent === statement.parent ? statement : statement.parent;
  return ts.isIfStatement(parent) && parent.thenStatement === body && !parent.elseStatement ? parent : undefined;
}

function isStatementBlock(node: ts.Node): node is Block {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

function isFinallyBlock(block: Block): boolean {
  return ts.isBlock(block) && ts.isTryStatement(block.parent) && block.parent.finallyBlock === block;
}

function planCandidate(
  candidate: Candidate,
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: PlannerOptions,
  stackNames: StackNames,
): SitePlan | undefined {
  const { block, declarationStatement, declaration } = candidate;
  const checker = engine.checker;
  const symbol = checker.getSymbolAtLocation(declaration.name);
  const resource = symbol && resourceOfBinding(declaration.name, engine);
  // The first call that releases this type (a socket's `end()` may be no release of a file's).
  const release = candidate.releases.find(
    (found) => resource && releasesResource(found.method, resource) && checker.getSymbolAtLocation(found.binding) === symbol,
  );
  if (!symbol || !resource || !release) return undefined;
  const releaseStart = release.statement.getStart();
  const exitReleases = candidate.exitReleases.filter(
    (found) => checker.getSymbolAtLocation(found.binding) === symbol && found.statement.getStart() < releaseStart,
  );
  const statements: readonly ts.Statement[] = block.statements;
  const declarationIndex = statements.indexOf(declarationStatement);
  const releaseIndex = statements.indexOf(release.statement);
  const between = statements.slice(declarationIndex + 1, releaseIndex);
  const otherDeclarators = declarationStatement.declarationList.declarations.filter((other) => other !== declaration);
  // A release of another resource that throws skipped this one's in the original; `using` still
  // releases it, the difference a `finally` with several releases has too.
  const own = new Set<ts.Node>(exitReleases.map((found) => found.statement));
  const releasesBetween = between.filter((statement) => containsReleaseOfAnother(statement, own, engine));
  const changes: BehaviorChange[] = [];
  if ([...between.filter((statement) => !releasesBetween.includes(statement)), ...otherDeclarators].some((node) => engine.throws.canThrowIn(node))) {
    changes.push('release-on-early-throw');
  }
  if (releasesBetween.length > 0) changes.push('later-release-runs');
  // Nothing between can throw: the release runs on every path, and there is no leak to fix.
  if (changes.length === 0) return undefined;
  const name = declaration.name.text;
  try {
    return planRewrite({ block, declarationStatement, declaration, release, exitReleases }, between, changes, sourceFile, engine, options, stackNames, symbol, resource);
  } catch (error) {
    if (error instanceof Skip) return { kind: 'skip', shape: 'open-close', anchor: declarationStatement, name, reason: error.reason };
    throw error;
  }
}

interface Site {
  readonly block: Block;
  readonly declarationStatement: ts.VariableStatement;
  readonly declaration: ts.VariableDeclaration & { name: ts.Identifier };
  readonly release: ReleaseStatement;
  readonly exitReleases: readonly ReleaseStatement[];
}

function planRewrite(
  { block, declarationStatement, declaration, release, exitReleases }: Site,
  between: readonly ts.Statement[],
  changes: readonly BehaviorChange[],
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: PlannerOptions,
  stackNames: StackNames,
  symbol: ts.Symbol,
  resource: NonNullable<ReturnType<typeof resourceOfBinding>>,
): OpenCloseRewritePlan {
  const list = declarationStatement.declarationList;
  if (isUsingDeclarationList(list)) throw new Skip('acquisition-not-found');
  if (list.declarations.length !== 1) throw new Skip('multiple-declarators');
  if (!declaration.initializer || isNullishLiteral(declaration.initializer)) throw new Skip('acquisition-not-found');
  if (isScriptTopLevel(block, sourceFile)) throw new Skip('illegal-position');
  // An early exit that releases first (`conn.release(); return null;`) is where `using` releases
  // too, when the same call releases and the value returned is only read.
  const exits = new Set<ts.Node>();
  for (const exitRelease of exitReleases) {
    const exit = nextStatement(exitRelease.statement);
    if (!sameRelease(exitRelease, release) || !exit) throw new Skip('released-twice');
    if (!isHarmlessAfterDisposal(exit, (name) => isLocalVariable(name, engine))) throw new Skip('used-after-release');
    exits.add(exit);
  }
  // A `return`, `break` or `continue` before the release skipped it on a path where nothing
  // threw; `using` would release there too, a change beyond the leak fix.
  if (between.some((statement) => containsExit(statement, exits))) throw new Skip('exit-before-release');

  const container = enclosingFunction(declarationStatement);
  const references = engine.ownership.references(symbol, container ?? sourceFile, resource);
  checkReferences(references, new Set([release, ...exitReleases].map((found) => found.call)), undefined, 'open-close');
  const releaseEnd = release.statement.getEnd();
  const releasedAt = [release, ...exitReleases].map((found) => [found.statement.getEnd(), nextStatement(found.statement)?.getEnd() ?? releaseEnd] as const);
  const afterRelease = (position: number): boolean =>
    position > releaseEnd || releasedAt.some(([start, end]) => position > start && position < end);
  if (references.some((reference) => afterRelease(reference.identifier.getStart()))) throw new Skip('used-after-release');
  const declarationStart = declaration.getStart();
  if (references.some((reference) => reference.identifier.getStart() < declarationStart)) {
    throw new Skip('used-before-acquisition');
  }

  // Released only when this function acquired it: a stack adopts just that operand.
  const adopted = release.conditional ? ownedOperand(declaration, release, engine) : undefined;
  if (release.conditional && (!adopted || !options.stack)) throw new Skip('conditional-release');
  const canAwait = awaitContext(release.statement, engine.program).allowed;
  const form = adopted ? 'stack' : disposeForm(release, resource, engine, options, canAwait);
  checkEnclosingCatches(declarationStatement, container);

  const statements: readonly ts.Statement[] = block.statements;
  const releaseIndex = statements.indexOf(release.statement);
  const removedRanges = [release, ...exitReleases].map((found) => removedRangeOf(found.statement));
  for (const range of removedRanges) checkRemovedComments(sourceFile, range);

  const after = statements.slice(releaseIndex + 1);
  const inCaseClause = ts.isCaseClause(block) || ts.isDefaultClause(block);
  const wrap = inCaseClause || !after.every((statement) => isHarmlessAfterDisposal(statement, (name) => isLocalVariable(name, engine)));
  if (wrap) {
    // The wrapping block ends where the release stood: what it declares is gone after it.
    const scoped = declaredNames([declarationStatement, ...between], false);
    if (after.some((statement) => referencesAny(statement, scoped))) throw new Skip('used-after-release');
    checkNoUsingMoves(between);
  }

  const stackIsAsync = form === 'stack' && release.awaited;
  if (stackIsAsync && !canAwait) throw new Skip('not-async-context');
  const stackName = form === 'stack' ? allocateStackName(container ?? sourceFile, stackNames) : undefined;
  return {
    kind: 'rewrite',
    shape: 'open-close',
    anchor: declarationStatement,
    resources: [{ name: declaration.name.text, form, declaration, release, releaseIsAwaited: release.awaited, ...(adopted ? { adopted } : {}) }],
    changes,
    fixesLeak: changes.length === 1 && changes[0] === 'release-on-early-throw',
    wrap,
    regionStart: declarationStatement,
    regionEnd: release.statement,
    removedRanges,
    removedStatements: [],
    ...(stackName ? { stackName } : {}),
    stackIsAsync,
  };
}

/** The statement after this one in its block. */
function nextStatement(statement: ts.Statement): ts.Statement | undefined {
  const block = statement.parent;
  if (!isStatementBlock(block)) return undefined;
  const statements: readonly ts.Statement[] = block.statements;
  return statements[statements.indexOf(statement) + 1];
}

/** From the end of the statement before it (or the block's `{`) to its end: the release and its line. */
function removedRangeOf(statement: ts.Statement): readonly [number, number] {
  const block = statement.parent as Block;
  const statements: readonly ts.Statement[] = block.statements;
  const previous = statements[statements.indexOf(statement) - 1];
  return [previous ? previous.getEnd() : ts.isBlock(block) ? block.getStart() + 1 : statement.getStart(), statement.getEnd()];
}

/** The same call written again: the method, its awaiting and its arguments. */
function sameRelease(one: ReleaseStatement, other: ReleaseStatement): boolean {
  const text = (release: ReleaseStatement): string => release.call.arguments.map((argument) => argument.getText()).join(',');
  return one.method === other.method && one.awaited === other.awaited && !one.conditional && text(one) === text(other);
}

/** A release, in the node, of a resource other than the one whose own releases `own` holds. */
function containsReleaseOfAnother(node: ts.Node, own: ReadonlySet<ts.Node>, engine: Engine): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node) || own.has(node)) return false;
  if (releasesAnyResource(node, engine)) return true;
  return node.forEachChild((child) => containsReleaseOfAnother(child, own, engine)) ?? false;
}

/** Comments before the release (after the statement it follows) or after it on its line would be lost. */
function checkRemovedComments(sourceFile: ts.SourceFile, [start, end]: readonly [number, number]): void {
  const lineEnd = sourceFile.text.indexOf('\n', end);
  if (hasCommentIn(sourceFile, start, end) || hasCommentIn(sourceFile, end, lineEnd === -1 ? sourceFile.text.length : lineEnd)) {
    throw new Skip('comments-in-removed-code');
  }
}

/** The open…close rewrite of the declaration a leak report names (by its name node). */
export function planOfDeclaration(plans: readonly SitePlan[], name: ts.Node): OpenCloseRewritePlan | undefined {
  return plans.find(
    (plan): plan is OpenCloseRewritePlan =>
      plan.kind === 'rewrite' && plan.shape === 'open-close' && plan.resources.some((resource) => resource.declaration.name === name),
  );
}
