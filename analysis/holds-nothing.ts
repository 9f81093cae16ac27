import { ts } from './typescript.js';
import { calleeSymbolOf, specifierNames, symbolMatchesSpecifier, symbolOf } from './specifier.js';
import type { ResourceInfo, ResourceModel } from './resource-model.js';
import { acquisitionCall, constructorParameterFields, isLibraryFile, skipOuterExpressions } from './syntax.js';

/**
 * What holds nothing open although its type is a resource: an instance built over an inert part,
 * or over values that are no resource. (A client never connected: first-use.ts.)
 */

/**
 * An instance built with one of its resource's inert parts (presets' `inertWith`) in what it is
 * constructed from: the acquisition's arguments, or the body of the program's own factory it
 * calls (`function compileOnly() { return new Kysely({ dialect: { createDriver: () => new
 * DummyDriver(), … } }); }`). The names are matched before any symbol is resolved.
 */
export function builtOverInertPart(
  resource: ResourceInfo,
  acquisitions: readonly (ts.VariableDeclaration | ts.BinaryExpression)[],
  program: ts.Program,
): boolean {
  const parts = resource.inertWith;
  if (!parts || acquisitions.length === 0) return false;
  const names = new Set(parts.flatMap(specifierNames));
  const checker = program.getTypeChecker();
  const mentionsPart = (root: ts.Node): boolean => {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) && names.has(node.text)) {
        const target = symbolOf(node, checker);
        found = parts.some((part) => symbolMatchesSpecifier(target, part, program));
      }
      node.forEachChild(visit);
    };
    visit(root);
    return found;
  };
  return acquisitions.every((acquisition) => {
    const value = ts.isVariableDeclaration(acquisition) ? acquisition.initializer : acquisition.right;
    const call = value && acquisitionCall(value);
    if (!call) return false;
    if ((call.arguments ?? []).some(mentionsPart)) return true;
    const declaration = ts.isCallExpression(call) ? checker.getResolvedSignature(call)?.getDeclaration() : undefined;
    return (
      declaration !== undefined &&
      ts.isFunctionLike(declaration) &&
      'body' in declaration &&
      declaration.body !== undefined &&
      !isLibraryFile(declaration.getSourceFile(), program) &&
      mentionsPart(declaration.body)
    );
  });
}

/**
 * An instance of a class the program's own code makes a resource (its cleanup ends what its fields
 * hold) whose every such field is one of its constructor's parameters (`constructor(stream) {
 * this.socket = stream; }`), built from values that are no resource (an in-memory `new Duplex()`
 * standing in for a socket in a test): it holds nothing. One built over a resource, the function's
 * own or one it was given, takes it over, and is the function's to release or hand on.
 */
export function holdsOnlyWhatItIsGiven(
  resource: ResourceInfo,
  acquisitions: readonly (ts.VariableDeclaration | ts.BinaryExpression)[],
  checker: ts.TypeChecker,
  resources: ResourceModel,
): boolean {
  const fields = resource.inferredFields;
  if (!fields || fields.length === 0 || acquisitions.length === 0) return false;
  return acquisitions.every((acquisition) => {
    const value = ts.isVariableDeclaration(acquisition) ? acquisition.initializer : acquisition.right;
    const made = value && skipOuterExpressions(value);
    if (!made || !ts.isNewExpression(made)) return false;
    const classNode = calleeSymbolOf(made, checker)?.valueDeclaration;
    if (!classNode || !ts.isClassLike(classNode)) return false;
    const parameterFields = constructorParameterFields(classNode);
    return fields.every((field) => {
      const index = parameterFields.get(field);
      const argument = index === undefined ? undefined : made.arguments?.[index];
      return argument !== undefined && resources.classify(checker.getNonNullableType(checker.getTypeAtLocation(argument))) === undefined;
    });
  });
}
