import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { releasesAnyResource } from '../hand-off.js';
import { awaitContext, contains, enclosingFunction, isNullishLiteral, isUsingDeclarationList } from '../syntax.js';
import { type ReleaseStatement, releasesResource } from '../vocabulary/release.js';
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
} from './checks.js';
import { type BehaviorChange, type OpenCloseRewritePlan, type PlannerOptions, type SitePlan, Skip, type StackNames } from './plan.js';
import { type Block, type Candidate, candidates, nextStatement, releasingIf } from './open-close-candidates.js';
import { hasCommentAfterOnLine, hasCommentIn } from './text.js';

/**
 * The open…close shape: a resource acquired into a `const`/`let`, used, and released by a plain
 * statement later in the same block, with no `finally`. When something between the acquisition
 * and the release can throw, the original leaks the resource on that path (what
 * `disposable/no-leaked-resource` reports); `using` releases it there and changes nothing on the
 * paths where nothing throws, so the rewrite is classified `fixes-leak`. When the code between
 * releases another resource, a throw from that release also skipped this one's: `using` still
 * runs it (`later-release-runs`, as for a `finally` with several releases). When nothing between
 * can throw, the code is correct as it is and no site is planned. The scope may also end at an
 * `if`/`else` whose every branch ends with the release, and early `return`s that release first
 * lose that release too.
 */

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
  if (!symbol || !resource) return undefined;
  // Calls that release this type (a socket's `end()` may be no release of a file's).
  const releasing = (found: ReleaseStatement): boolean => releasesResource(found.method, resource) && checker.getSymbolAtLocation(found.binding) === symbol;
  const ending = endingOf(candidate, releasing);
  if (!ending) return undefined;
  const endStart = ending.statement.getStart();
  const exitReleases = candidate.exitReleases.filter((found) => releasing(found) && found.statement.getStart() < endStart);
  const statements: readonly ts.Statement[] = block.statements;
  const between = statements.slice(statements.indexOf(declarationStatement) + 1, statements.indexOf(ending.statement));
  const otherDeclarators = declarationStatement.declarationList.declarations.filter((other) => other !== declaration);
  // A release of another resource that throws skipped this one's in the original; `using` still
  // releases it, the difference a `finally` with several releases has too.
  const own = new Set<ts.Node>([...exitReleases, ...ending.releases].map((found) => found.statement));
  const scope = ending.releases.length > 1 ? [...between, ending.statement] : between;
  const releasesBetween = scope.filter((statement) => containsReleaseOfAnother(statement, own, engine));
  const changes: BehaviorChange[] = [];
  if ([...scope, ...otherDeclarators].some((node) => canThrowBesides(node, own, engine))) changes.push('release-on-early-throw');
  if (releasesBetween.length > 0) changes.push('later-release-runs');
  // Nothing between can throw: the release runs on every path, and there is no leak to fix.
  if (changes.length === 0) return undefined;
  const name = declaration.name.text;
  try {
    return planRewrite({ block, declarationStatement, declaration, ending, exitReleases }, between, changes, sourceFile, engine, options, stackNames, symbol, resource);
  } catch (error) {
    if (error instanceof Skip) return { kind: 'skip', shape: 'open-close', anchor: declarationStatement, name, reason: error.reason };
    throw error;
  }
}

/**
 * What ends the scope: a release statement, or an `if` whose every branch ends with one (the same
 * call in each).
 */
interface Ending {
  readonly statement: ts.Statement;
  readonly releases: readonly ReleaseStatement[];
}

interface Site {
  readonly block: Block;
  readonly declarationStatement: ts.VariableStatement;
  readonly declaration: ts.VariableDeclaration & { name: ts.Identifier };
  readonly ending: Ending;
  readonly exitReleases: readonly ReleaseStatement[];
}

/** The first release statement of the block, or the first `if` that releases in every branch. */
function endingOf(candidate: Candidate, releasing: (release: ReleaseStatement) => boolean): Ending | undefined {
  const statements: readonly ts.Statement[] = candidate.block.statements;
  const plain = candidate.releases.find(releasing);
  const branchReleases = candidate.branchReleases.filter(releasing);
  const declared = statements.indexOf(candidate.declarationStatement);
  const branching = branchReleases.length > 0 ? releasingIf(statements.slice(declared + 1), branchReleases) : undefined;
  if (branching && (!plain || branching.getStart() < plain.statement.getStart())) {
    return { statement: branching, releases: branchReleases.filter((release) => contains(branching, release.statement)) };
  }
  return plain ? { statement: plain.statement, releases: [plain] } : undefined;
}

/**
 * Whether something in the node can throw besides releases: the resource's own (`own`), whose
 * throw `using` passes on the same, and other resources' (`later-release-runs` covers those).
 */
function canThrowBesides(node: ts.Node, own: ReadonlySet<ts.Node>, engine: Engine): boolean {
  if (own.has(node) || (ts.isExpressionStatement(node) && releasesAnyResource(node.expression, engine))) return false;
  if (!ts.isIfStatement(node) && !ts.isBlock(node)) return engine.throws.canThrowIn(node);
  return node.forEachChild((child) => canThrowBesides(child, own, engine)) ?? false;
}

function planRewrite(
  { block, declarationStatement, declaration, ending, exitReleases }: Site,
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
  const [release] = ending.releases;
  // Each branch must release as the others do: `using` has one way to release.
  if (!release || ending.releases.slice(1).some((other) => !sameRelease(other, release))) throw new Skip('conditional-release');
  // An early exit that releases first (`conn.release(); return null;`) is where `using` releases
  // too, when the same call releases and the value returned is only read.
  const exits = new Set<ts.Node>();
  for (const exitRelease of exitReleases) {
    const exit = nextStatement(exitRelease.statement);
    if (!sameRelease(exitRelease, release) || !exit) throw new Skip('released-twice');
    if (!isHarmlessAfterDisposal(exit, engine)) throw new Skip('used-after-release');
    exits.add(exit);
  }
  // A `return`, `break` or `continue` before the release skipped it on a path where nothing
  // threw; `using` would release there too, a change beyond the leak fix.
  if ([...between, ending.statement].some((statement) => containsExit(statement, exits))) throw new Skip('exit-before-release');

  const container = enclosingFunction(declarationStatement);
  const references = engine.ownership.references(symbol, container ?? sourceFile, resource);
  checkReferences(references, new Set([...ending.releases, ...exitReleases].map((found) => found.call)), undefined, 'open-close');
  const releaseEnd = ending.statement.getEnd();
  const releasedAt = exitReleases.map((found) => [found.statement.getEnd(), nextStatement(found.statement)?.getEnd() ?? releaseEnd] as const);
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
  const releaseIndex = statements.indexOf(ending.statement);
  const removedRanges = [...ending.releases, ...exitReleases].map((found) => removedRangeOf(found.statement));
  for (const range of removedRanges) checkRemovedComments(sourceFile, range);

  const after = statements.slice(releaseIndex + 1);
  const inCaseClause = ts.isCaseClause(block) || ts.isDefaultClause(block);
  const wrap = inCaseClause || !after.every((statement) => isHarmlessAfterDisposal(statement, engine));
  if (wrap) {
    // The wrapping block ends where the release stood: what it declares is gone after it.
    const scoped = declaredNames([declarationStatement, ...between], false);
    if (after.some((statement) => referencesAny(statement, scoped))) throw new Skip('used-after-release');
  }
  checkNoUsingMoves(between);

  const resources = [{ name: declaration.name.text, form, declaration, release, releaseIsAwaited: release.awaited, ...(adopted ? { adopted } : {}) }];
  const stack = planStack(resources, { regionStart: declarationStatement, wrap, canAwait, scope: container ?? sourceFile }, stackNames);
  return {
    kind: 'rewrite',
    shape: 'open-close',
    anchor: declarationStatement,
    resources,
    changes,
    fixesLeak: changes.length === 1 && changes[0] === 'release-on-early-throw',
    wrap,
    regionStart: declarationStatement,
    regionEnd: ending.statement,
    removedRanges,
    removedStatements: [],
    ...stack,
  };
}

/** From the end of the statement before it (or the block's `{`) to its end: the release and its line. */
function removedRangeOf(statement: ts.Statement): readonly [number, number] {
  const block = statement.parent as Block;
  const statements: readonly ts.Statement[] = block.statements;
  const previous = statements[statements.indexOf(statement) - 1];
  return [previous ? previous.getEnd() : ts.isBlock(block) ? block.getStart() + 1 : statement.getStart(), statement.getEnd()];
}

/** `one` makes the same call as `other`, unconditionally: the method, its awaiting and its arguments. */
function sameRelease(one: ReleaseStatement, other: ReleaseStatement): boolean {
  const text = (release: ReleaseStatement): string => release.call.arguments.map((argument) => argument.getText()).join(',');
  return one.method === other.method && one.awaited === other.awaited && !one.conditional && text(one) === text(other);
}

/** A release, in the node, of a resource other than the one whose own releases `own` holds. */
function containsReleaseOfAnother(node: ts.Node, own: ReadonlySet<ts.Node>, engine: Engine): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node) || own.has(node)) return false;
  if (releasesAnyResource(node, engine) || disposesAtItsEnd(node)) return true;
  return node.forEachChild((child) => containsReleaseOfAnother(child, own, engine)) ?? false;
}

/** Comments before the release (after the statement it follows) or after it on its line would be lost. */
function checkRemovedComments(sourceFile: ts.SourceFile, [start, end]: readonly [number, number]): void {
  if (hasCommentIn(sourceFile, start, end) || hasCommentAfterOnLine(sourceFile, end)) {
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
