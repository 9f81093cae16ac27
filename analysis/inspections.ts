import { ts } from './typescript.js';
import { TEST_DOUBLE_FUNCTIONS } from './presets.js';
import { calleeSymbolOf, specifierNames, symbolMatchesSpecifier } from './specifier.js';
import { calleeName, climbLiterals, isBuiltinMethodCall } from './syntax.js';
import { INSPECTION_NAME, REFLECTION_FUNCTIONS } from './vocabulary/names.js';

/**
 * An inspection: a synchronous call named like a question (`isConfig(value)`, `Array.isArray(x)`,
 * `hasListeners(emitter)`) whose signature returns a boolean or is a type guard. It looks at what
 * it is given and keeps none of it, so
 * - a resource among its arguments, even inside a literal (`isConfig({ client })`), is not handed
 *   off: the caller still owns it;
 * - it does not make a client connect (a client only inspected holds nothing open);
 * - it does not throw in practice: a guard answers `false` for what it does not recognise.
 * The name is read first; the checker is asked only about calls named so.
 */
export function isInspection(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  if (isReflection(call)) return true;
  if (!hasInspectionName(call)) return false;
  const signature = checker.getResolvedSignature(call);
  if (!signature) return false;
  if (checker.getTypePredicateOfSignature(signature)) return true;
  return (checker.getReturnTypeOfSignature(signature).flags & ts.TypeFlags.BooleanLike) !== 0;
}

/** The syntactic half of isInspection, for the checks that run before any type is known. */
export function hasInspectionName(call: ts.CallExpression): boolean {
  if (isReflection(call)) return true;
  const name = calleeName(call);
  return name !== undefined && INSPECTION_NAME.test(name);
}

function isReflection(call: ts.CallExpression): boolean {
  const name = calleeName(call);
  if (name === undefined) return false;
  for (const [object, methods] of REFLECTION_FUNCTIONS) {
    if (methods.has(name) && isBuiltinMethodCall(call, object, name)) return true;
  }
  return false;
}

/**
 * `vi.spyOn(client, 'query')`, `spy(client, 'quit')`: a test double made on a method of its first
 * argument (TEST_DOUBLE_FUNCTIONS), which replaces that method and calls nothing on the object.
 */
export function isTestDouble(call: ts.CallExpression, program: ts.Program): boolean {
  if (!TEST_DOUBLE_NAMES.has(calleeName(call) ?? '')) return false;
  const symbol = calleeSymbolOf(call, program.getTypeChecker());
  return TEST_DOUBLE_FUNCTIONS.some((spec) => symbolMatchesSpecifier(symbol, spec, program));
}

const TEST_DOUBLE_NAMES: ReadonlySet<string> = new Set(TEST_DOUBLE_FUNCTIONS.flatMap(specifierNames));

/**
 * The call that `node` is an argument of, directly or as a property or element of a literal
 * argument (`isConfig({ client })`, `isSame([a, b])`).
 */
export function argumentOfCall(node: ts.Node): ts.CallExpression | undefined {
  const value = climbLiterals(node);
  const parent = value.parent;
  return ts.isCallExpression(parent) && parent.arguments.includes(value as ts.Expression) ? parent : undefined;
}
