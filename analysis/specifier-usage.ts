import { ts } from './typescript.js';
import { declarationMatchesSource, specifierNames, type TypeOrValueSpecifier } from './specifier.js';

const cache = new WeakMap<ts.Program, Map<string, boolean>>();

/**
 * Whether a user's TypeOrValueSpecifier (a `resources` type, an `ignore` or `ownershipTransfer`
 * entry) names anything declared in the program: a type, class, interface, function, variable,
 * method or property of that name, from the source the specifier says (`lib`, `package`, `file`).
 * A specifier that matches nothing is a typo or a wrong `from`/`package`, and would otherwise be
 * silently ignored.
 */
export function specifierMatchesProgram(spec: TypeOrValueSpecifier, program: ts.Program): boolean {
  let byKey = cache.get(program);
  if (!byKey) {
    byKey = new Map();
    cache.set(program, byKey);
  }
  const key = JSON.stringify(spec);
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const names = specifierNames(spec);
  const matches = program
    .getSourceFiles()
    .some(
      (sourceFile) =>
        names.some((name) => sourceFile.text.includes(name)) &&
        declarationsNamed(sourceFile, names).some(
          (declaration) => typeof spec === 'string' || declarationMatchesSource(declaration, spec, program),
        ),
    );
  byKey.set(key, matches);
  return matches;
}

function declarationsNamed(sourceFile: ts.SourceFile, names: readonly string[]): ts.Declaration[] {
  const found: ts.Declaration[] = [];
  const visit = (node: ts.Node): void => {
    const name = (node as ts.NamedDeclaration).name;
    if (
      name !== undefined &&
      (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) &&
      names.includes(name.text) &&
      isNamedDeclaration(node)
    ) {
      found.push(node as ts.Declaration);
    }
    node.forEachChild(visit);
  };
  visit(sourceFile);
  return found;
}

function isNamedDeclaration(node: ts.Node): boolean {
  return (
    ts.isClassLike(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isFunctionLike(node) ||
    ts.isVariableDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isPropertySignature(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isModuleDeclaration(node) ||
    ts.isExportSpecifier(node)
  );
}
