import { ts } from './typescript.js';
import { scanFile } from './file-scan.js';
import { isLibraryFile, isPrivateMember } from './syntax.js';
import { symbolOf } from './specifier.js';

/**
 * The implementations in the program of an abstract method or an interface's method: the members
 * of the same name of the classes that extend or implement its owner, directly or through other
 * classes. What an accessor declared `abstract page(): Page` returns is what they return.
 *
 * The index of derived classes is built once per program, on the first question: it walks the
 * classes of every file of the program, which the per-file scan mostly has already found.
 */
export class Implementations {
  readonly #program: ts.Program;
  readonly #checker: ts.TypeChecker;
  #derived: Map<ts.Symbol, ts.ClassLikeDeclaration[]> | undefined;

  constructor(program: ts.Program) {
    this.#program = program;
    this.#checker = program.getTypeChecker();
  }

  of(declaration: ts.SignatureDeclaration): ts.FunctionLikeDeclaration[] {
    const owner = declaration.parent;
    const name = declaration.name && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
    if (name === undefined || !(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner))) return [];
    const ownerSymbol = owner.name && symbolOf(owner.name, this.#checker);
    if (!ownerSymbol) return [];
    return this.derivedClasses(ownerSymbol).flatMap((derived) =>
      derived.members.filter(
        (member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.body !== undefined && member.name.getText() === name,
      ),
    );
  }

  /**
   * The method a `receiver.name(…)` call runs when it is a method of the program's own classes
   * with a body that no class of the program overrides (a `private` or `#name` method never is).
   */
  finalMethodAt(access: ts.PropertyAccessExpression): ts.MethodDeclaration | undefined {
    const method = this.#checker.getSymbolAtLocation(access.name)?.valueDeclaration;
    if (!method || !ts.isMethodDeclaration(method) || !method.body || isLibraryFile(method.getSourceFile(), this.#program)) return undefined;
    return isPrivateMember(access.name, method) || this.of(method).length === 0 ? method : undefined;
  }

  /** The program's classes that extend or implement the class or interface, directly or through other classes. */
  derivedClasses(base: ts.Symbol): ts.ClassLikeDeclaration[] {
    const found: ts.ClassLikeDeclaration[] = [];
    const seen = new Set<ts.Symbol>([base]);
    const queue = [base];
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const derived of this.#index().get(next) ?? []) {
        found.push(derived);
        const symbol = derived.name && symbolOf(derived.name, this.#checker);
        if (symbol && !seen.has(symbol)) {
          seen.add(symbol);
          queue.push(symbol);
        }
      }
    }
    return found;
  }

  #index(): Map<ts.Symbol, ts.ClassLikeDeclaration[]> {
    if (this.#derived) return this.#derived;
    const derived = new Map<ts.Symbol, ts.ClassLikeDeclaration[]>();
    for (const sourceFile of this.#program.getSourceFiles()) {
      if (isLibraryFile(sourceFile, this.#program)) continue;
      for (const classNode of scanFile(sourceFile).classes) {
        for (const clause of classNode.heritageClauses ?? []) {
          for (const type of clause.types) {
            const base = symbolOf(type.expression, this.#checker);
            if (!base) continue;
            const list = derived.get(base);
            if (list) list.push(classNode);
            else derived.set(base, [classNode]);
          }
        }
      }
    }
    this.#derived = derived;
    return derived;
  }
}

const shared = new WeakMap<ts.Program, Implementations>();

/** The program's one index: acquisitions (what accessors return) and inference (what interfaces release) share it. */
export function implementationsOf(program: ts.Program): Implementations {
  let implementations = shared.get(program);
  if (!implementations) {
    implementations = new Implementations(program);
    shared.set(program, implementations);
  }
  return implementations;
}
