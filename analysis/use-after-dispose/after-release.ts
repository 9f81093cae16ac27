import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import { calleeName, climbOuterExpressions, isAssignmentTarget, rootIdentifier } from '../syntax.js';
import { disposeSymbolName } from '../vocabulary/dispose-members.js';
import { ALLOWED_AFTER_RELEASE, ASSERTION_CALLS } from '../vocabulary/names.js';
import {
  isDisposeSymbolMethod,
  matchReleaseStatement,
  type ReleaseMethods,
  type ReleaseStatement,
  releasesResource,
} from '../vocabulary/release.js';
import type { UseAfterDisposeFinding } from './finding.js';

/**
 * Method calls on a resource after an explicit release call on the same straight-line path.
 * `statement` must be the release: `x.close();`, `await x.close();`, `x?.[Symbol.dispose]();`.
 * The path is the statements after it in its own block, and everything nested in them (a function
 * created after the release can only run after it; a hoisted function declaration is skipped).
 * The scan stops where the binding is assigned again, or at the binding's next release.
 */
export function findUsesAfterRelease(statement: ts.ExpressionStatement, engine: Engine): UseAfterDisposeFinding[] {
  const release = releaseStatementOf(statement, engine);
  if (!release) return [];
  const { call, binding: receiver } = release;
  const block = statement.parent;
  if (!ts.isBlock(block) && !ts.isSourceFile(block) && !ts.isCaseOrDefaultClause(block) && !ts.isModuleBlock(block)) return [];
  const checker = engine.checker;
  const symbol = checker.getSymbolAtLocation(receiver);
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Variable)) return [];
  const resource = engine.resources.classify(checker.getTypeAtLocation(receiver));
  if (!resource || !releasesResource(release.method, resource)) return [];
  const isRelease = (node: ts.ExpressionStatement): boolean => {
    const other = releaseStatementOf(node, engine);
    return (
      other !== undefined &&
      other.binding.text === receiver.text &&
      checker.getSymbolAtLocation(other.binding) === symbol &&
      releasesResource(other.method, resource)
    );
  };

  const findings: UseAfterDisposeFinding[] = [];
  const sourceFile = statement.getSourceFile();
  const releaseInfo = {
    text: call.getText().replace(/\s+/g, ' '),
    line: sourceFile.getLineAndCharacterOfPosition(call.getStart()).line + 1,
  };
  let stopped = false;
  const visit = (node: ts.Node): void => {
    if (stopped || ts.isFunctionDeclaration(node)) return;
    if (ts.isIdentifier(node)) {
      if (node.text !== receiver.text || checker.getSymbolAtLocation(node) !== symbol) return;
      if (isAssignmentTarget(node)) {
        stopped = true;
        return;
      }
      const use = useAfterRelease(node, resource);
      if (use && !insideAssertion(use, statement.parent)) {
        findings.push({ kind: 'useAfterRelease', node: use, name: receiver.text, release: releaseInfo });
      }
      return;
    }
    node.forEachChild(visit);
  };
  const siblings = (block as ts.Block).statements;
  for (let index = siblings.indexOf(statement as ts.Statement) + 1; index < siblings.length && !stopped; index++) {
    const next = siblings[index] as ts.Statement;
    if (ts.isExpressionStatement(next) && isRelease(next)) break;
    visit(next);
  }
  return findings;
}

/**
 * The node to report when a reference after the release uses the resource: a method call on it
 * (not another release, event registration or a state query), or iterating it.
 */
function useAfterRelease(identifier: ts.Identifier, resource: ReleaseMethods): ts.Node | undefined {
  const outer = climbOuterExpressions(identifier);
  const parent = outer.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
    const call = climbOuterExpressions(parent).parent;
    if (!ts.isCallExpression(call) || call.expression !== climbOuterExpressions(parent)) return undefined;
    const method = parent.name.text;
    if (releasesResource(method, resource) || ALLOWED_AFTER_RELEASE.has(method)) return undefined;
    return call;
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === outer) {
    const call = climbOuterExpressions(parent).parent;
    if (ts.isCallExpression(call) && !disposeSymbolName(parent.argumentExpression)) return call;
    return undefined;
  }
  if ((ts.isForOfStatement(parent) && parent.expression === outer) || (ts.isSpreadElement(parent) && parent.expression === outer)) {
    return outer;
  }
  return undefined;
}

/** Inside `expect(…)`, `assert.rejects(…)` and the like: a test that the release worked. */
function insideAssertion(node: ts.Node, stop: ts.Node): boolean {
  for (let current = node.parent as ts.Node | undefined; current && current !== stop; current = current.parent) {
    if (!ts.isCallExpression(current)) continue;
    const name = calleeName(current);
    const root = rootIdentifier(current.expression);
    if ((name && ASSERTION_CALLS.has(name)) || (root && ASSERTION_CALLS.has(root.text))) return true;
  }
  return false;
}

/**
 * The statement as a release of a variable, before any type query: `[await|void] x.m(…);` with a
 * method name that releases some resource, or `x[Symbol.dispose]()`. The lint front-end asks this
 * for every expression statement.
 */
export function releaseStatementOf(statement: ts.ExpressionStatement, engine: Engine): ReleaseStatement | undefined {
  const release = matchReleaseStatement(statement, { underIf: false });
  if (!release || !(isDisposeSymbolMethod(release.method) || engine.resources.isReleaseName(release.method))) return undefined;
  return release;
}
