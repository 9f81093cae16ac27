import { ts } from '../typescript.js';
import type { ResourceInfo } from '../resource-model.js';
import { calleeName, skipOuterExpressions } from '../syntax.js';

/**
 * Temporary directories, where the path string is the resource: node's `mkdtemp()` (of
 * `fs/promises` or `fs.promises`) and `mkdtempSync()` make a directory that only removing that
 * same path releases: `rm(dir, { recursive: true })` / `rmSync(dir, { recursive: true })` (without
 * `recursive`, removing a directory fails). No type says so, so the acquisition is known by its
 * callee and the release by the function it is given to. `mkdtempDisposable()` returns a
 * disposable object and needs nothing of this: its type says it.
 */

const ACQUIRING = new Set(['mkdtemp', 'mkdtempSync']);
const RELEASING = new Set(['rm', 'rmSync']);

/** How a temporary directory shows in messages and what releases it. */
export const TEMPORARY_DIRECTORY: ResourceInfo = {
  typeName: 'temporary directory',
  asyncDispose: false,
  syncDispose: false,
  releaseMethods: new Set(),
  releaseFunctions: RELEASING,
  sameAsDispose: new Set(),
  releaseIsAsync: true,
  longLived: false,
  opensOnFirstUse: false,
};

/** `await mkdtemp(prefix)`, `mkdtempSync(prefix)`: node's, returning the path (not the callback form). */
export function makesTemporaryDirectory(call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker): boolean {
  const name = calleeName(call);
  if (!ts.isCallExpression(call) || name === undefined || !ACQUIRING.has(name)) return false;
  // The callback form returns nothing: its directory reaches the callback, not this expression.
  if (call.arguments.some((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument))) return false;
  return isNodeFsFunction(call, checker);
}

/** `rm(dir, { recursive: true })`, `fs.rmSync(dir, { recursive: true, force: true })` on the directory. */
export function removesDirectory(call: ts.CallExpression, index: number, checker: ts.TypeChecker): boolean {
  const name = calleeName(call);
  if (index !== 0 || name === undefined || !RELEASING.has(name)) return false;
  const options = call.arguments[1] && skipOuterExpressions(call.arguments[1]);
  const recursive =
    options !== undefined &&
    ts.isObjectLiteralExpression(options) &&
    options.properties.some(
      (property) =>
        ts.isPropertyAssignment(property) &&
        ts.isIdentifier(property.name) &&
        property.name.text === 'recursive' &&
        skipOuterExpressions(property.initializer).kind === ts.SyntaxKind.TrueKeyword,
    );
  return recursive && isNodeFsFunction(call, checker);
}

/** The callee is declared by node's own type definitions (`@types/node`'s `fs` modules). */
function isNodeFsFunction(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  const file = declaration?.getSourceFile().fileName.replace(/\\/g, '/') ?? '';
  return /\/@types\/node\/(?:ts\d\.\d+\/)?fs(?:\/promises)?\.d\.ts$/.test(file);
}
