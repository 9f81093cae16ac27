import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { scanFile } from '../file-scan.js';
import { isAfterHookCallback } from '../test-hooks.js';
import { enclosingFunction } from '../syntax.js';
import { isDisposeSymbolMethod, matchReleaseStatement, type ReleaseStatement } from '../vocabulary/release.js';

/**
 * Where the open…close shape may stand, by syntax and the vocabulary alone: release-named calls on
 * a binding whose declaration is found in the same block (or, for early exits and branches that
 * release, in a block around), grouped by that declaration. open-close.ts asks the checker.
 */

export type Block = ts.Block | ts.SourceFile | ts.CaseClause | ts.DefaultClause;

export interface Candidate {
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
  /**
   * Releases that end a branch of an `if` (`if (a) { …; conn.release(); } else { …;
   * conn.release(); }`): an `if` whose every branch ends so ends the scope as one release would.
   */
  readonly branchReleases: ReleaseStatement[];
}

/**
 * Statements that call a release-named method on a binding that a declaration earlier in the
 * same block names: syntax and the vocabulary only, grouped by declaration.
 */
export function candidates(sourceFile: ts.SourceFile, engine: Engine): { sites: Candidate[]; hookReleases: ReleaseStatement[] } {
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
    const add = (declared: Declared, list: 'releases' | 'exitReleases' | 'branchReleases'): void => {
      const candidate = found.get(declared.declaration) ?? { ...declared, releases: [], exitReleases: [], branchReleases: [] };
      candidate[list].push(release);
      found.set(declared.declaration, candidate);
    };
    const here = declarationBefore(block, index, release.binding.text);
    if (here) {
      add(here, 'releases');
      continue;
    }
    const next = statements[index + 1];
    const outer = next === undefined || ts.isReturnStatement(next) ? declarationAround(block, release.binding.text) : undefined;
    if (outer && next) {
      add(outer, 'exitReleases');
      continue;
    }
    if (outer && ts.isIfStatement(block.parent)) {
      add(outer, 'branchReleases');
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

export function isStatementBlock(node: ts.Node): node is Block {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

function isFinallyBlock(block: Block): boolean {
  return ts.isBlock(block) && ts.isTryStatement(block.parent) && block.parent.finallyBlock === block;
}

/** The statement after this one in its block. */
export function nextStatement(statement: ts.Statement): ts.Statement | undefined {
  const block = statement.parent;
  if (!isStatementBlock(block)) return undefined;
  const statements: readonly ts.Statement[] = block.statements;
  return statements[statements.indexOf(statement) + 1];
}


/**
 * The `if` among `statements` whose every branch (an `else` included, `else if` chains followed)
 * ends with one of `releases`, as the last statement of its block: it ends the resource's scope.
 */
export function releasingIf(statements: readonly ts.Statement[], releases: readonly ReleaseStatement[]): ts.IfStatement | undefined {
  const finals = new Set<ts.Node>(releases.map((release) => release.statement));
  const endsWithRelease = (branch: ts.Statement | undefined): boolean => {
    if (!branch) return false;
    if (ts.isIfStatement(branch)) return endsWithRelease(branch.thenStatement) && endsWithRelease(branch.elseStatement);
    const last = ts.isBlock(branch) ? branch.statements.at(-1) : undefined;
    return last !== undefined && finals.has(last);
  };
  return statements.find((statement): statement is ts.IfStatement => ts.isIfStatement(statement) && endsWithRelease(statement));
}
