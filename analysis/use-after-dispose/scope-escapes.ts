import { ts } from '../typescript.js';
import type { Engine } from '../engine.js';
import type { Reference } from '../ownership.js';
import { contains, enclosingFunction, isAsyncFunction, isAwaitUsingDeclarationList, isUsingDeclarationList } from '../syntax.js';
import type { UseAfterDisposeFinding } from './finding.js';
import { isAwaitedPromiseExecutor, lateCallback } from './late-callbacks.js';
import { returnAwaitEdit, returnedPromises } from './returned-promises.js';
import { isExportedVariable, type ScopeContext, storesOutside, valueDestination } from './scope.js';

/**
 * Uses of a `using`/`await using` value after its block has disposed it: escapes (returned,
 * yielded, exported, stored outside), callbacks that can run after the block, and promises
 * returned without `await` that still use it. Passing the value to a function is a borrow and is
 * not reported; callbacks that run while the block waits (`xs.map(…)`, awaited `.then`, awaited
 * `Promise.all`) are fine.
 */
export function findScopeEscapes(declaration: ts.VariableDeclaration, engine: Engine): UseAfterDisposeFinding[] {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !isUsingDeclarationList(list) || !ts.isIdentifier(declaration.name)) return [];
  const scope = disposalScope(list);
  if (!scope) return [];
  const checker = engine.checker;
  const symbol = checker.getSymbolAtLocation(declaration.name);
  if (!symbol) return [];
  const resource = engine.resources.classify(checker.getTypeAtLocation(declaration.name));
  const references = engine.ownership.references(symbol, scope, resource);
  const keyword = isAwaitUsingDeclarationList(list) ? 'await using' : 'using';
  const name = declaration.name.text;
  const exported = ts.isSourceFile(scope) ? exportSpecifiers(scope, symbol, checker, name, keyword) : [];
  if (references.length === 0) return exported;
  const context: ScopeContext = {
    engine,
    scope,
    owner: enclosingFunction(declaration),
    identifiers: new Set(references.map((reference) => reference.identifier)),
  };
  const findings: UseAfterDisposeFinding[] = [...exported];
  const reportedCallbacks = new Set<ts.Node>();
  const promiseReturns = returnedPromises(context);

  for (const reference of references) {
    const verdict = classifyReference(reference, context);
    if (!verdict) continue;
    if (verdict.kind === 'lateCallback') {
      // One report per callback, however often it mentions the value.
      if (reportedCallbacks.has(verdict.node)) continue;
      reportedCallbacks.add(verdict.node);
    }
    if (verdict.kind === 'lateCallback' && [...promiseReturns.keys()].some((ret) => contains(ret, verdict.node))) continue;
    findings.push({ ...verdict, name, keyword });
  }
  for (const [statement, expression] of promiseReturns) {
    findings.push({
      kind: 'returnedPromise',
      node: statement,
      name,
      keyword,
      ...(context.owner && isAsyncFunction(context.owner) ? { suggestion: { edits: [returnAwaitEdit(expression)] } } : {}),
    });
  }
  return findings.sort((a, b) => a.node.getStart() - b.node.getStart());
}

/** The node whose end disposes a `using` declaration: its block, for-of statement or file. */
function disposalScope(list: ts.VariableDeclarationList): ts.Node | undefined {
  const parent = list.parent;
  if (ts.isForOfStatement(parent)) return parent;
  if (!ts.isVariableStatement(parent)) return undefined;
  const container = parent.parent;
  if (ts.isBlock(container) || ts.isSourceFile(container) || ts.isCaseOrDefaultClause(container) || ts.isModuleBlock(container)) {
    return container;
  }
  return undefined;
}

type Verdict = Omit<UseAfterDisposeFinding, 'name' | 'keyword'>;

function classifyReference(reference: Reference, context: ScopeContext): Verdict | undefined {
  if (reference.kind === 'neutral' || reference.kind === 'callbackRelease' || reference.kind === 'release') return undefined;
  // The functions between the reference and the scope, innermost first.
  const functions: ts.SignatureDeclaration[] = [];
  for (let fn = enclosingFunction(reference.identifier); fn && fn !== context.owner; fn = enclosingFunction(fn)) {
    functions.push(fn);
  }
  if (functions.length === 0) return directEscape(reference.identifier, context);
  for (let index = 0; index < functions.length; index++) {
    const fn = functions[index] as ts.SignatureDeclaration;
    const late = lateCallback(fn, context);
    if (!late) continue;
    // A timer or listener inside an awaited `new Promise` executor runs while the block waits.
    if (late.waitable && functions.slice(index + 1).some((outer) => isAwaitedPromiseExecutor(outer, context))) continue;
    return { kind: 'lateCallback', node: fn, callback: late.callback };
  }
  return undefined;
}

/** A direct (not in a nested function) reference that takes the value out of its block. */
function directEscape(identifier: ts.Identifier, context: ScopeContext): Verdict | undefined {
  const { top, parent } = valueDestination(identifier);
  if (ts.isReturnStatement(parent)) return { kind: 'returned', node: identifier };
  if (ts.isYieldExpression(parent) && !parent.asteriskToken) return { kind: 'yielded', node: identifier };
  if (ts.isExportAssignment(parent)) return { kind: 'exported', node: identifier };
  if (isExportedVariable(parent, top)) return { kind: 'exported', node: identifier };
  if (storesOutside(top, parent, context)) return { kind: 'storedOutside', node: identifier };
  return undefined;
}

/** `export { h }` of a module-level `using` binding. */
function exportSpecifiers(
  sourceFile: ts.SourceFile,
  symbol: ts.Symbol,
  checker: ts.TypeChecker,
  name: string,
  keyword: 'using' | 'await using',
): UseAfterDisposeFinding[] {
  const findings: UseAfterDisposeFinding[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause) continue;
    if (!ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      if (checker.getExportSpecifierLocalTargetSymbol(element) === symbol) {
        findings.push({ kind: 'exported', node: element, name, keyword });
      }
    }
  }
  return findings;
}
