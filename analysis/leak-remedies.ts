import { ts, tsutils } from './typescript.js';
import type { LeakFinding } from './leaks.js';
import type { Reference } from './ownership.js';
import type { ResourceInfo } from './resource-model.js';
import { isAsyncFunction, isConstDeclarationList, skipOuterExpressions } from './syntax.js';

/** What a leak report tells its reader to do: the `using` suggestion, and the remedy its message names. */

/**
 * Whether the binding is used by a promise the function returns without awaiting it. `using`
 * would dispose before that promise settles (as a `finally` would), so declaring the binding
 * with it is not the whole fix.
 */
export function returnsPendingPromise(references: readonly Reference[], container: ts.Node, checker: ts.TypeChecker): boolean {
  return references.some(({ identifier }) => {
    for (let node: ts.Node = identifier; node !== container; node = node.parent) {
      if (ts.isFunctionLike(node)) return false;
      if (ts.isReturnStatement(node)) {
        const value = node.expression && skipOuterExpressions(node.expression);
        return value !== undefined && !ts.isAwaitExpression(value) && tsutils.isThenableType(checker, value);
      }
    }
    return false;
  });
}

/** `using`/`await using` in place of `const`, where that is legal and the type disposes itself. */
export function usingSuggestion(
  acquisition: ts.VariableDeclaration | ts.BinaryExpression,
  resource: ResourceInfo,
  container: ts.SignatureDeclaration,
): LeakFinding['suggestion'] {
  if (!ts.isVariableDeclaration(acquisition)) return undefined;
  const list = acquisition.parent as ts.VariableDeclarationList;
  const statement = list.parent;
  if (!isConstDeclarationList(list) || list.declarations.length !== 1 || !ts.isBlock(statement.parent)) return undefined;
  const keyword = usingKeyword(resource, container);
  if (!keyword) return undefined;
  const start = list.getStart();
  return { keyword, edits: [{ start, end: start + 'const'.length, text: keyword }] };
}

function usingKeyword(resource: ResourceInfo, container: ts.SignatureDeclaration | undefined): 'await using' | 'using' | undefined {
  const isAsync = container !== undefined && isAsyncFunction(container);
  if (resource.asyncDispose && isAsync) return 'await using';
  if (resource.syncDispose) return 'using';
  return undefined;
}

export function remedyFor(resource: ResourceInfo, container: ts.SignatureDeclaration | undefined): string {
  // A path has no dispose member: node's disposable variant of the call that made it has.
  if (resource.releaseFunctions) return '`await using` on `mkdtempDisposable()` (its `path` is the directory)';
  const keyword = usingKeyword(resource, container);
  if (keyword) return `\`${keyword}\``;
  if (resource.asyncDispose) return '`await using` (in an async function)';
  // A legacy resource has no dispose member: a stack adopts it with its own release call.
  const release = [...resource.releaseMethods][0] ?? 'close';
  const stack = resource.releaseIsAsync ? '`await using stack = new AsyncDisposableStack()`' : '`using stack = new DisposableStack()`';
  return `${stack} and \`stack.adopt(value, (v) => v.${release}())\``;
}
