import { ts, tsutils } from './typescript.js';
import { implementationsOf } from './implementations.js';
import { contains, isLibraryFile, isStatic, skipOuterExpressions } from './syntax.js';
import { DEFAULT_CLEANUP_METHODS, GENERIC_RELEASE_METHODS } from './vocabulary/names.js';
import { isDisposeSymbolMethod, matchMemberCall, type ReleaseMethods, releasesResource } from './vocabulary/release.js';

/**
 * Resources of the program's own making, inferred without annotations: a type declared in the
 * program is a resource when its implementation releases a resource it owns.
 * - A class whose cleanup method releases one of its fields (`close() { return this.pool.end(); }`),
 *   directly or through another method of the class.
 * - An object literal returned by a factory, one of whose methods or arrow properties releases a
 *   resource the factory created or received (`return { release: () => pool.end() }`): the closure
 *   owns it.
 * - An interface or abstract class whose cleanup method one of the program's implementing classes
 *   makes a release: values typed by it are that resource where they are used.
 * Transitively: a wrapper of a wrapper is a resource too, since the inner wrapper is one. A
 * cleanup method that releases nothing (empty, or only bookkeeping) makes nothing a resource.
 * Only methods named like a cleanup (`close`, `shutdown`, `gracefulShutdown`, `release`…) count:
 * a `reconnect()` that closes the old connection releases nothing for good.
 */
export interface InferredResource {
  /** The methods that release what the type owns. */
  readonly releaseMethods: readonly string[];
  /** Whether they return a promise. */
  readonly async: boolean;
  /** For messages: "its `release()` ends a `Pool`". */
  readonly reason: string;
  /** What that release ends: `Pool`. */
  readonly releasedType: string;
  /** For a class: the fields (`this.pool`) its cleanup methods end. */
  readonly releasedFields?: readonly string[];
}

/** What a candidate field or captured variable holds: the engine's own verdict on its type. */
export type Classifier = (type: ts.Type) => (ReleaseMethods & { readonly typeName: string }) | undefined;

const CLEANUP_NAME = new RegExp(
  `^(${[...new Set([...DEFAULT_CLEANUP_METHODS, ...GENERIC_RELEASE_METHODS])].join('|')})$|(close|shutdown|dispose|destroy|release|disconnect|terminate|teardown)`,
  'i',
);

/** `close`, `gracefulShutdown`, `releaseAll`; not an event handler named after the event (`onClose`). */
function isCleanupName(name: string): boolean {
  return CLEANUP_NAME.test(name) && !/^on[A-Z]/.test(name);
}

/** A resource a cleanup function ends, and the receiver it is ended through (none for an implementing class's). */
interface Released {
  readonly typeName: string;
  readonly receiver?: ts.Expression;
}

interface Found {
  readonly method: string;
  readonly fn: ts.FunctionLikeDeclaration;
  /** The first resource it ends, which messages name. */
  readonly releases: Released;
  /** The others it ends. */
  readonly more?: readonly Released[];
}

export class ResourceInference {
  readonly #program: ts.Program;
  readonly #checker: ts.TypeChecker;
  readonly #classify: Classifier;
  readonly #isReleaseName: (name: string) => boolean;
  readonly #byImplementations = new Map<ts.Node, InferredResource | null>();

  constructor(program: ts.Program, classify: Classifier, isReleaseName: (name: string) => boolean) {
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#classify = classify;
    this.#isReleaseName = isReleaseName;
  }

  /** The inferred resource a type is, or undefined. The caller caches per type. */
  infer(type: ts.Type): InferredResource | undefined {
    const symbol = type.getSymbol();
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!declaration || isLibraryFile(declaration.getSourceFile(), this.#program)) return undefined;
    if (ts.isClassLike(declaration)) {
      const own = this.#inferClass(declaration);
      // Only a class that leaves its cleanup to subclasses asks them: the index of derived classes
      // walks the whole program once, which a language server pays again after every edit.
      return own ?? (isAbstract(declaration) ? this.#inferFromImplementations(declaration) : undefined);
    }
    if (ts.isInterfaceDeclaration(declaration)) return this.#inferFromImplementations(declaration);
    if (ts.isObjectLiteralExpression(declaration)) return this.#inferObjectLiteral(declaration);
    return undefined;
  }

  /**
   * An interface or an abstract class whose cleanup method an implementing class of the program
   * makes a release (`interface Driver { close(): Promise<void> }`, implemented by a class whose
   * `close()` ends a `Pool`): values typed by it are that resource at their use sites.
   */
  #inferFromImplementations(owner: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): InferredResource | undefined {
    const cached = this.#byImplementations.get(owner);
    if (cached !== undefined) return cached ?? undefined;
    this.#byImplementations.set(owner, null); // recursion guard
    const found: Found[] = [];
    for (const member of owner.members) {
      const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
      if (name === undefined || !isCleanupName(name) || found.some(({ method }) => method === name)) continue;
      if (!(ts.isMethodSignature(member) || ts.isMethodDeclaration(member) || ts.isPropertySignature(member))) continue;
      if (ts.isPropertySignature(member) && !(member.type && ts.isFunctionTypeNode(member.type))) continue;
      for (const implementation of implementationsOf(this.#program).of(member as ts.SignatureDeclaration)) {
        const classNode = implementation.parent;
        const inferred = ts.isClassLike(classNode) ? this.#inferClass(classNode) : undefined;
        if (inferred?.releaseMethods.includes(name)) {
          found.push({ method: name, fn: implementation, releases: { typeName: inferred.releasedType } });
          break;
        }
      }
    }
    const result = this.#result(found);
    this.#byImplementations.set(owner, result ?? null);
    return result;
  }

  #inferClass(classNode: ts.ClassLikeDeclaration): InferredResource | undefined {
    const methods = new Map<string, ts.FunctionLikeDeclaration>();
    for (const member of classNode.members) {
      if (isStatic(member)) continue;
      const fn = memberFunction(member);
      const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
      if (fn && name !== undefined && !methods.has(name)) methods.set(name, fn);
    }
    const found: Found[] = [];
    for (const [name, fn] of methods) {
      if (!isCleanupName(name)) continue;
      const [releases, ...more] = this.#releasedBy(fn, (receiver) => this.#thisField(receiver), methods, new Set());
      if (releases) found.push({ method: name, fn, releases, more });
    }
    const result = this.#result(found);
    const fields = found
      .flatMap(({ releases, more = [] }) => [releases, ...more])
      .flatMap(({ receiver }) => (receiver ? [skipOuterExpressions(receiver)] : []))
      .filter(ts.isPropertyAccessExpression)
      .map((access) => access.name.text);
    return result && { ...result, releasedFields: [...new Set(fields)] };
  }

  #inferObjectLiteral(literal: ts.ObjectLiteralExpression): InferredResource | undefined {
    let factory: ts.Node | undefined = literal.parent;
    while (factory && !ts.isFunctionLike(factory) && !ts.isSourceFile(factory)) factory = factory.parent;
    if (!factory || !ts.isFunctionLike(factory)) return undefined;
    const found: Found[] = [];
    for (const property of literal.properties) {
      const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
      if (name === undefined || !isCleanupName(name)) continue;
      const fn = propertyFunction(property);
      if (!fn) continue;
      const captured = (receiver: ts.Expression): ts.Type | undefined => this.#capturedBy(receiver, factory, fn);
      const [releases] = this.#releasedBy(fn, captured, new Map(), new Set());
      if (releases) found.push({ method: name, fn, releases });
    }
    return this.#result(found);
  }

  #result(found: readonly Found[]): InferredResource | undefined {
    const first = found[0];
    if (!first) return undefined;
    const async = found.some(({ fn }) => this.#returnsPromise(fn));
    return {
      releaseMethods: found.map(({ method }) => method),
      async,
      reason: `its \`${first.method}()\` ends ${/^[AEIOU]/.test(first.releases.typeName) ? 'an' : 'a'} \`${first.releases.typeName}\``,
      releasedType: first.releases.typeName,
    };
  }

  /**
   * The resources the function releases, first found first: release calls on receivers that
   * `owned` recognizes, and calls of other methods of the same object that release some.
   */
  #releasedBy(
    fn: ts.FunctionLikeDeclaration,
    owned: (receiver: ts.Expression) => ts.Type | undefined,
    siblings: ReadonlyMap<string, ts.FunctionLikeDeclaration>,
    seen: Set<ts.Node>,
  ): Released[] {
    if (seen.has(fn) || !fn.body) return [];
    seen.add(fn);
    const releases: Released[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isClassLike(node)) return;
      if (ts.isCallExpression(node)) {
        const member = matchMemberCall(node);
        // The name first: typing the receiver of every `this.x.m()` resolves heavy generic fields.
        const releasing =
          member !== undefined &&
          (isCleanupName(member.method) || isDisposeSymbolMethod(member.method) || this.#isReleaseName(member.method));
        if (member && releasing) {
          const type = owned(member.receiver);
          const resource = type && this.#classify(this.#checker.getNonNullableType(type));
          if (resource && releasesResource(member.method, resource)) {
            releases.push({ typeName: resource.typeName, receiver: member.receiver });
            return;
          }
        }
        if (member) {
          const receiver = skipOuterExpressions(member.receiver);
          const sibling = receiver.kind === ts.SyntaxKind.ThisKeyword ? siblings.get(member.method) : undefined;
          if (sibling) releases.push(...this.#releasedBy(sibling, owned, siblings, seen));
        }
      }
      node.forEachChild(visit);
    };
    visit(fn.body);
    return releases;
  }

  /** `this.field`: the field's declared type. */
  #thisField(receiver: ts.Expression): ts.Type | undefined {
    const inner = skipOuterExpressions(receiver);
    if (!ts.isPropertyAccessExpression(inner) || inner.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    return this.#checker.getTypeAtLocation(inner);
  }

  /** A variable of the factory (a local or a parameter) that the closure captures. */
  #capturedBy(receiver: ts.Expression, factory: ts.Node, closure: ts.Node): ts.Type | undefined {
    const inner = skipOuterExpressions(receiver);
    if (!ts.isIdentifier(inner)) return undefined;
    const declaration = this.#checker.getSymbolAtLocation(inner)?.valueDeclaration;
    if (!declaration || !contains(factory, declaration) || contains(closure, declaration)) return undefined;
    return this.#checker.getTypeAtLocation(inner);
  }

  #returnsPromise(fn: ts.FunctionLikeDeclaration): boolean {
    if (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) return true;
    const signature = this.#checker.getSignatureFromDeclaration(fn);
    return signature !== undefined && tsutils.isThenableType(this.#checker, fn, this.#checker.getReturnTypeOfSignature(signature));
  }
}

function isAbstract(classNode: ts.ClassLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(classNode) & ts.ModifierFlags.Abstract) !== 0;
}

function memberFunction(member: ts.ClassElement): ts.FunctionLikeDeclaration | undefined {
  if (ts.isMethodDeclaration(member)) return member.body ? member : undefined;
  if (ts.isPropertyDeclaration(member) && member.initializer) {
    const initializer = skipOuterExpressions(member.initializer);
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
  }
  return undefined;
}

function propertyFunction(property: ts.ObjectLiteralElementLike): ts.FunctionLikeDeclaration | undefined {
  if (ts.isMethodDeclaration(property)) return property.body ? property : undefined;
  if (ts.isPropertyAssignment(property)) {
    const initializer = skipOuterExpressions(property.initializer);
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
  }
  return undefined;
}
