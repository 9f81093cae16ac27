import { ts } from '../typescript.js';
import { scanFile } from '../file-scan.js';
import { implementationsOf } from '../implementations.js';
import { symbolOf } from '../specifier.js';
import { climbOuterExpressions, isLibraryFile, isPrivateMember, isTestFile, skipOuterExpressions } from '../syntax.js';
import { COLLECTION_STORE_METHODS } from '../vocabulary/names.js';

/**
 * Whether the program hands every instance it makes of the class (or of its subclasses) straight
 * to an owner: stored in a property (`this.pool = new Pool(…)`, a field initializer,
 * `monitor.pinger = new Pinger(…)`), filed in a collection property (`this.#servers.set(id, new
 * Server(…))`), or returned by a method that implements a member of a base class or interface
 * (`createDriver(): Driver { return new PgDriver(…) }`, called by the framework that owns the
 * result) or by a private method whose own calls do the same; a factory may set its product up in
 * a `const` first (`const socket = new Socket(…); this.#listen(socket); return socket;`). Such a class's lifecycle is driven
 * by its owner's cleanup; no scope of the program ever holds one, so a dispose member would serve
 * no `using` declaration. A class made anywhere in a local (`const transport = new Pipe(…)`), by
 * a public factory, or never in the program (its users make it) is not owner-driven. Instances
 * made in test files (TEST_FILE) do not count: a unit test makes the internal class it tests.
 */
export function isOwnerDriven(classNode: ts.ClassLikeDeclaration, program: ts.Program): boolean {
  const checker = program.getTypeChecker();
  const symbol = classNode.name && checker.getSymbolAtLocation(classNode.name);
  if (!symbol) return false;
  const classes = new Set<ts.Symbol>([symbol]);
  // Sites are indexed by the name written at them: the declared one (a default-exported class's
  // symbol is named `default`).
  const names = new Set([classNode.name.text]);
  for (const derived of implementationsOf(program).derivedClasses(symbol)) {
    const derivedSymbol = derived.name && checker.getSymbolAtLocation(derived.name);
    if (!derivedSymbol) continue;
    classes.add(derivedSymbol);
    names.add(derived.name.text);
  }
  const index = instantiationIndex(program);
  // The class's own unit tests make it directly to test it; its users are the production code.
  const sites = [...names]
    .flatMap((name) => index.get(name) ?? [])
    .filter((site) => {
      if (isTestFile(site.getSourceFile(), program)) return false;
      const target = symbolOf(site.expression, checker);
      return target !== undefined && classes.has(target);
    });
  return sites.length > 0 && sites.every((site) => goesToOwner(site, checker, 0));
}

/** How many private methods deep a returned instance is followed to the calls that take it. */
const MAX_FACTORY_DEPTH = 2;

function goesToOwner(expression: ts.Expression, checker: ts.TypeChecker, depth: number): boolean {
  const outer = climbOuterExpressions(expression);
  const parent = outer.parent;
  if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = skipOuterExpressions(parent.left);
    return ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target);
  }
  if (ts.isPropertyDeclaration(parent)) return parent.initializer === outer;
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression)) {
    const callee = skipOuterExpressions(parent.expression);
    return (
      ts.isPropertyAccessExpression(callee) &&
      COLLECTION_STORE_METHODS.has(callee.name.text) &&
      ts.isPropertyAccessExpression(skipOuterExpressions(callee.expression))
    );
  }
  const factory = ts.isReturnStatement(parent)
    ? ts.findAncestor(parent, ts.isFunctionLike)
    : ts.isArrowFunction(parent) && parent.body === outer
      ? parent
      : returningFunction(parent);
  return factory !== undefined && depth < MAX_FACTORY_DEPTH && isOwnersFactory(factory, checker, depth);
}

/** The function of `const made = new X(…); …; return made;`: a factory that sets its product up first. */
function returningFunction(parent: ts.Node): ts.SignatureDeclaration | undefined {
  if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name)) return undefined;
  const list = parent.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const block = list.parent.parent;
  if (!ts.isBlock(block) || !ts.isFunctionLike(block.parent)) return undefined;
  const last = block.statements.at(-1);
  const name = parent.name.text;
  return last && ts.isReturnStatement(last) && last.expression && ts.isIdentifier(last.expression) && last.expression.text === name
    ? block.parent
    : undefined;
}

/** A method (or function-valued property) whose result goes to an owner: see isOwnerDriven. */
function isOwnersFactory(factory: ts.SignatureDeclaration, checker: ts.TypeChecker, depth: number): boolean {
  const member = ts.isMethodDeclaration(factory) ? factory : ts.isPropertyDeclaration(factory.parent) ? factory.parent : undefined;
  if (!member || !ts.isClassLike(member.parent)) return false;
  const classNode = member.parent;
  const name = member.name;
  if (isPrivateMember(name, member)) {
    const calls = callsOnThis(classNode, name.getText());
    return calls.length > 0 && calls.every((call) => goesToOwner(call, checker, depth + 1));
  }
  if (!ts.isIdentifier(name)) return false;
  return (classNode.heritageClauses ?? []).some((clause) =>
    clause.types.some((base) => checker.getTypeAtLocation(base).getProperty(name.text) !== undefined),
  );
}

/** `this.name(…)` calls in the class's own members. */
function callsOnThis(classNode: ts.ClassLikeDeclaration, name: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text === name) {
        calls.push(node);
      }
    }
    // A nested class has a `this` of its own.
    if (!ts.isClassLike(node)) node.forEachChild(visit);
  };
  classNode.members.forEach((member) => member.forEachChild(visit));
  return calls;
}

const indexes = new WeakMap<ts.Program, Map<string, ts.NewExpression[]>>();

/**
 * `new X(…)` sites of the program's own files by the name written for `X`, built on the first
 * question (implement-dispose asks only about classes it would otherwise report); names are
 * resolved to symbols only for the class asked about.
 */
function instantiationIndex(program: ts.Program): Map<string, ts.NewExpression[]> {
  let index = indexes.get(program);
  if (index) return index;
  index = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (isLibraryFile(sourceFile, program)) continue;
    for (const site of scanFile(sourceFile).namedInstantiations) {
      const name = (site.expression as ts.Identifier).text;
      const list = index.get(name);
      if (list) list.push(site);
      else index.set(name, [site]);
    }
  }
  indexes.set(program, index);
  return index;
}
