import { ts } from '../typescript.js';
import { scanFile } from '../file-scan.js';
import { implementationsOf } from '../implementations.js';
import { calleeSymbolOf } from '../specifier.js';
import { climbLiterals, climbOuterExpressions, hasExportModifier, isConstDeclarationList, isLibraryFile, isPrivateMember, isTestFile, skipOuterExpressions } from '../syntax.js';
import { filesItselfWithOwner } from '../vocabulary/acquisition.js';
import { COLLECTION_STORE_METHODS } from '../vocabulary/names.js';

/**
 * Whether the program hands every instance it makes of the class (or of its subclasses) straight
 * to an owner: stored in a property (`this.pool = new Pool(…)`, a field initializer,
 * `monitor.pinger = new Pinger(…)`), filed in a collection property (`this.#servers.set(id, new
 * Server(…))`, also as an entry of a map built from a callback's results), handed to the object a
 * constructor builds (`const driver = new RuntimeDriver(…); this.#provider = new
 * Provider(driver)`), or returned by a method that implements a member of a base class or
 * interface (`createDriver(): Driver { return new PgDriver(…) }`, called by the framework that
 * owns the result) or by a private method or module function whose own calls do one of these; a
 * factory may set its product up in a `const` first (`const socket = new Socket(…);
 * this.#listen(socket); return socket;`). Instances made through a constructor value typed as the
 * class or one of its bases (`new this.options.driver(this)`: the framework makes the class its
 * user names) count as the class's sites. A class that files itself in another object's collection
 * when constructed (`registry.add(this)`) is owned by that collection. Such a class's lifecycle is
 * driven by its owner's cleanup; no scope of the program ever holds one, so a dispose member would
 * serve no `using` declaration. A class made anywhere in a local (`const transport = new
 * Pipe(…)`), by a public factory, or never in the program (its users make it) is not
 * owner-driven. Instances made in test files (TEST_FILE) do not count: a unit test makes the
 * internal class it tests.
 */
export function isOwnerDriven(classNode: ts.ClassLikeDeclaration, program: ts.Program): boolean {
  const checker = program.getTypeChecker();
  const symbol = classNode.name && checker.getSymbolAtLocation(classNode.name);
  if (!symbol) return false;
  const constructor = classNode.members.find(ts.isConstructorDeclaration);
  if (constructor && filesItselfWithOwner(constructor)) return true;
  const classes = new Set<ts.Symbol>([symbol]);
  // Sites are indexed by the name written at them: the declared one (a default-exported class's
  // symbol is named `default`).
  const names = new Set([classNode.name.text]);
  const derivedClasses = implementationsOf(program).derivedClasses(symbol);
  for (const derived of derivedClasses) {
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
      const target = calleeSymbolOf(site, checker);
      return target !== undefined && classes.has(target);
    });
  for (const { site, constructs } of constructorValueSites(program)) {
    if (constructs === symbol || implementationsOf(program).derivedClasses(constructs).includes(classNode)) sites.push(site);
  }
  return sites.length > 0 && sites.every((site) => goesToOwner(site, checker, 0));
}

/** How many private methods or module functions deep a returned instance is followed to the calls that take it. */
const MAX_FACTORY_DEPTH = 2;

function goesToOwner(expression: ts.Expression, checker: ts.TypeChecker, depth: number): boolean {
  const outer = destinationOf(expression);
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
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer && isKeptByOwner(parent, checker, depth)) return true;
  const factory = ts.isReturnStatement(parent)
    ? ts.findAncestor(parent, ts.isFunctionLike)
    : ts.isArrowFunction(parent) && parent.body === outer
      ? parent
      : returningFunction(parent);
  return factory !== undefined && depth < MAX_FACTORY_DEPTH && isOwnersFactory(factory, checker, depth);
}

/**
 * Where a value ends up when it is part of a bigger one: a property or element of a literal (`[key,
 * value]`), the result of a callback whose results the call collects (`ids.map((id) => new
 * Server(id))`, `this.createReplicas((options) => new Connection(options))`), an entry of a `new
 * Map(entries)` / `new Set(values)`.
 */
function destinationOf(expression: ts.Expression): ts.Node {
  let current = climbLiterals(expression);
  for (;;) {
    const parent = current.parent;
    const callback = ts.isArrowFunction(parent) && parent.body === current ? climbOuterExpressions(parent) : undefined;
    if (callback && ts.isCallExpression(callback.parent) && callback.parent.arguments.includes(callback as ts.Expression)) {
      current = climbLiterals(callback.parent);
    } else if (
      ts.isNewExpression(parent) &&
      parent.arguments?.includes(current as ts.Expression) &&
      ts.isIdentifier(parent.expression) &&
      COLLECTION_CONSTRUCTORS.has(parent.expression.text)
    ) {
      current = climbLiterals(parent);
    } else {
      return current;
    }
  }
}

const COLLECTION_CONSTRUCTORS: ReadonlySet<string> = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

/**
 * `const server = new Server(…); …; topology.servers.set(id, server)`: a `const` the function files
 * with an owner; in a constructor, also one handed to the objects it builds (`new
 * Provider(driver)`, `{ driver }`), which live as long as the object under construction.
 */
function isKeptByOwner(declaration: ts.VariableDeclaration, checker: ts.TypeChecker, depth: number): boolean {
  if (!ts.isIdentifier(declaration.name) || !ts.isVariableDeclarationList(declaration.parent)) return false;
  if (!isConstDeclarationList(declaration.parent)) return false;
  const scope = ts.findAncestor(declaration, ts.isFunctionLike);
  const body = scope && 'body' in scope ? scope.body : undefined;
  if (!body) return false;
  const symbol = checker.getSymbolAtLocation(declaration.name);
  const inConstructor = scope !== undefined && ts.isConstructorDeclaration(scope);
  let kept = false;
  // One also returned reaches the caller, who holds it: the factory's callers decide.
  let returned = false;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== declaration.name && node.text === declaration.name.getText() && checker.getSymbolAtLocation(node) === symbol) {
      const outer = climbOuterExpressions(node);
      const parent = outer.parent;
      returned ||= ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === outer);
      kept ||=
        goesToOwner(node, checker, depth) ||
        (inConstructor &&
          (((ts.isNewExpression(parent) || ts.isCallExpression(parent)) && parent.arguments?.includes(outer as ts.Expression)) ||
            ts.isPropertyAssignment(parent) ||
            ts.isShorthandPropertyAssignment(parent)));
    }
    node.forEachChild(visit);
  };
  body.forEachChild(visit);
  return kept && !returned;
}

/** The function of `const made = new X(…); …; return made;`: a factory that sets its product up first. */
function returningFunction(parent: ts.Node): ts.SignatureDeclaration | undefined {
  if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name)) return undefined;
  const list = parent.parent;
  if (!ts.isVariableDeclarationList(list) || !isConstDeclarationList(list)) return undefined;
  const block = list.parent.parent;
  if (!ts.isBlock(block) || !ts.isFunctionLike(block.parent)) return undefined;
  const last = block.statements.at(-1);
  const name = parent.name.text;
  return last && ts.isReturnStatement(last) && last.expression && ts.isIdentifier(last.expression) && last.expression.text === name
    ? block.parent
    : undefined;
}

/** A method, function-valued property or module function whose result goes to an owner: see isOwnerDriven. */
function isOwnersFactory(factory: ts.SignatureDeclaration, checker: ts.TypeChecker, depth: number): boolean {
  if (ts.isFunctionDeclaration(factory) && factory.name && ts.isSourceFile(factory.parent) && !hasExportModifier(factory)) {
    const calls = callsByName(factory.parent, factory.name.text);
    return calls.length > 0 && calls.every((call) => goesToOwner(call, checker, depth + 1));
  }
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

/** `name(…)` calls in a module: the uses of a function it does not export. */
function callsByName(sourceFile: ts.SourceFile, name: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) calls.push(node);
    node.forEachChild(visit);
  };
  sourceFile.forEachChild(visit);
  return calls;
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
 * `new X(…)` / `new ns.X(…)` sites of the program's own files by the name written for `X`, built
 * on the first question (implement-dispose asks only about classes it would otherwise report);
 * names are resolved to symbols only for the class asked about.
 */
function instantiationIndex(program: ts.Program): Map<string, ts.NewExpression[]> {
  let index = indexes.get(program);
  if (index) return index;
  index = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (isLibraryFile(sourceFile, program)) continue;
    for (const site of scanFile(sourceFile).instantiations) {
      const callee = site.expression as ts.Identifier | ts.PropertyAccessExpression;
      const name = ts.isIdentifier(callee) ? callee.text : callee.name.text;
      const list = index.get(name);
      if (list) list.push(site);
      else index.set(name, [site]);
    }
  }
  indexes.set(program, index);
  return index;
}

const constructorValueIndexes = new WeakMap<ts.Program, { site: ts.NewExpression; constructs: ts.Symbol }[]>();

/**
 * Production `new c(…)` sites whose `c` is a value holding a constructor (a parameter, a variable,
 * an option: `new this.options.driver(this)`) rather than a class, with the program's class or
 * interface they construct (a type parameter's constraint included). Built once per program, on
 * the first question.
 */
function constructorValueSites(program: ts.Program): readonly { site: ts.NewExpression; constructs: ts.Symbol }[] {
  let sites = constructorValueIndexes.get(program);
  if (sites) return sites;
  sites = [];
  const checker = program.getTypeChecker();
  for (const sourceFile of program.getSourceFiles()) {
    if (isLibraryFile(sourceFile, program) || isTestFile(sourceFile, program)) continue;
    for (const site of scanFile(sourceFile).instantiations) {
      const callee = calleeSymbolOf(site, checker);
      if (!callee || callee.flags & ts.SymbolFlags.Class) continue;
      const type = checker.getTypeAtLocation(site);
      const constructs = (checker.getBaseConstraintOfType(type) ?? type).getSymbol();
      const declaration = constructs?.declarations?.[0];
      if (constructs && declaration && !isLibraryFile(declaration.getSourceFile(), program)) sites.push({ site, constructs });
    }
  }
  constructorValueIndexes.set(program, sites);
  return sites;
}
