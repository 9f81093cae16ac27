import * as path from 'node:path';

import { ts, tsutils } from './typescript.js';
import { isLibraryFile, projectRoot, skipOuterExpressions } from './syntax.js';
import { nonNullishConstituents } from './vocabulary/dispose-members.js';

/**
 * typescript-eslint's TypeOrValueSpecifier format, so that users write the same option shape they
 * already write for `no-floating-promises` and friends. Matching is implemented here on plain
 * TypeScript symbols because the engine must not depend on ESLint packages (the codemod runs
 * without them), and because typescript-eslint's matcher does not look inside unions.
 */
export type TypeOrValueSpecifier =
  | string
  | { from: 'file'; name: string | string[]; path?: string }
  | { from: 'lib'; name: string | string[] }
  | { from: 'package'; name: string | string[]; package: string };

export function specifierNames(spec: TypeOrValueSpecifier): readonly string[] {
  if (typeof spec === 'string') return [spec];
  return typeof spec.name === 'string' ? [spec.name] : spec.name;
}

function enclosingAmbientModuleName(node: ts.Node): string | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (
      ts.isModuleDeclaration(current) &&
      ts.isStringLiteral(current.name) &&
      !(current.flags & ts.NodeFlags.GlobalAugmentation)
    ) {
      return current.name.text;
    }
  }
  return undefined;
}

function packageFolders(packageName: string): string[] {
  const typesName = packageName.startsWith('@')
    ? packageName.slice(1).replace('/', '__')
    : packageName;
  return [`/node_modules/${packageName}/`, `/node_modules/@types/${typesName}/`];
}

export function declarationMatchesSource(
  declaration: ts.Declaration,
  spec: Exclude<TypeOrValueSpecifier, string>,
  program: ts.Program,
): boolean {
  const sourceFile = declaration.getSourceFile();
  const fileName = sourceFile.fileName.replaceAll('\\', '/');
  switch (spec.from) {
    case 'lib':
      return program.isSourceFileDefaultLibrary(sourceFile);
    case 'package': {
      const moduleName = enclosingAmbientModuleName(declaration);
      if (moduleName === spec.package || moduleName === `node:${spec.package}`) return true;
      if (packageFolders(spec.package).some((folder) => fileName.includes(folder))) return true;
      // The package's own repository: its sources and tests use the types the package ships.
      return !sourceFile.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sourceFile) && owningPackage(fileName) === spec.package;
    }
    case 'file': {
      if (program.isSourceFileDefaultLibrary(sourceFile) || program.isSourceFileFromExternalLibrary(sourceFile)) {
        return false;
      }
      if (spec.path === undefined) return true;
      const expected = path.resolve(projectRoot(program), spec.path).replaceAll('\\', '/');
      return fileName === expected;
    }
  }
}

const packageNames = new Map<string, string | undefined>();

/** The `name` of the nearest `package.json` above a file of the program, cached per folder. */
function owningPackage(fileName: string): string | undefined {
  const folder = path.dirname(fileName);
  if (packageNames.has(folder)) return packageNames.get(folder);
  packageNames.set(folder, undefined); // a folder's answer is its parent's until read
  const manifest = path.join(folder, 'package.json');
  let name: string | undefined;
  if (ts.sys.fileExists(manifest)) {
    try {
      const parsed: unknown = JSON.parse(ts.sys.readFile(manifest) ?? '');
      const value = typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown }).name : undefined;
      name = typeof value === 'string' ? value : undefined;
    } catch {
      name = undefined;
    }
  }
  // A manifest without a name (`{ "type": "module" }` in a tests folder) belongs to the package above.
  if (name === undefined && path.dirname(folder) !== folder) name = owningPackage(folder);
  packageNames.set(folder, name);
  return name;
}

/** Whether a type or value symbol is the one a specifier names. */
export function symbolMatchesSpecifier(
  symbol: ts.Symbol | undefined,
  spec: TypeOrValueSpecifier,
  program: ts.Program,
): boolean {
  if (!symbol) return false;
  const wanted = specifierNames(spec);
  const fromSource = (declaration: ts.Declaration): boolean =>
    typeof spec === 'string' || declarationMatchesSource(declaration, spec, program);
  const declarations = symbol.getDeclarations() ?? [];
  if (wanted.includes(symbol.getName())) return typeof spec === 'string' || declarations.some(fromSource);
  // A default-exported class is a symbol named `default`; users name it as it is declared.
  if (symbol.getName() !== 'default') return false;
  return declarations.some((declaration) => {
    const name = ts.getNameOfDeclaration(declaration);
    return name !== undefined && ts.isIdentifier(name) && wanted.includes(name.text) && fromSource(declaration);
  });
}

/** What a name refers to, with an import resolved to its target. */
export function symbolOf(node: ts.Node, checker: ts.TypeChecker): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The function or class a call or `new` goes through, with imports resolved to their target. */
export function calleeSymbolOf(call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker): ts.Symbol | undefined {
  const callee = skipOuterExpressions(call.expression);
  return symbolOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee, checker);
}

/**
 * The parameter of a function written in the program (with a body, outside library files) that
 * receives a call's argument at `index`: the rest parameter for a position past the others.
 */
export function inProgramParameter(
  call: ts.CallExpression,
  index: number,
  program: ts.Program,
): { readonly parameter: ts.ParameterDeclaration & { readonly name: ts.Identifier }; readonly body: ts.ConciseBody } | undefined {
  const declaration = program.getTypeChecker().getResolvedSignature(call)?.getDeclaration();
  if (!declaration || !ts.isFunctionLike(declaration) || !('body' in declaration) || !declaration.body) return undefined;
  if (isLibraryFile(declaration.getSourceFile(), program)) return undefined;
  const parameters = declaration.parameters;
  const last = parameters[parameters.length - 1];
  const parameter = parameters[index] ?? (last?.dotDotDotToken ? last : undefined);
  if (!parameter || !ts.isIdentifier(parameter.name)) return undefined;
  return { parameter: parameter as ts.ParameterDeclaration & { readonly name: ts.Identifier }, body: declaration.body };
}

/**
 * Whether a type matches. Its own alias counts first (`RedisClientType` names an intersection).
 * Unions count when every non-nullish member matches (so `PoolClient | undefined` matches
 * `PoolClient`); intersections when any member does.
 */
export function typeMatchesSpecifier(
  type: ts.Type,
  spec: TypeOrValueSpecifier,
  program: ts.Program,
): boolean {
  if (symbolMatchesSpecifier(type.aliasSymbol, spec, program)) return true;
  if (tsutils.isUnionType(type)) {
    const members = nonNullishConstituents(type);
    return members.length > 0 && members.every((member) => typeMatchesSpecifier(member, spec, program));
  }
  if (tsutils.isIntersectionType(type)) {
    return type.types.some((member) => typeMatchesSpecifier(member, spec, program));
  }
  return symbolMatchesSpecifier(type.getSymbol(), spec, program);
}

/** The type and the classes and interfaces it extends, nearest first (`TracedPool`, `Pool`, `EventEmitter`). */
export function classLineage(type: ts.Type, checker: ts.TypeChecker): ts.Type[] {
  const lineage = [type];
  for (const current of lineage) {
    if (lineage.length >= 16) break;
    const target = tsutils.isTypeReference(current) ? current.target : current;
    if (!tsutils.isObjectType(target) || !tsutils.isObjectFlagSet(target, ts.ObjectFlags.ClassOrInterface)) continue;
    for (const base of checker.getBaseTypes(target as ts.InterfaceType)) {
      if (!lineage.includes(base)) lineage.push(base);
    }
  }
  return lineage;
}
