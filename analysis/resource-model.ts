import { ts, tsutils } from './typescript.js';
import { DEFAULT_IGNORE, RESOURCE_PRESETS, type ResourceDeclaration } from './presets.js';
import { calleeSymbolOf, classLineage, symbolMatchesSpecifier, type TypeOrValueSpecifier, typeMatchesSpecifier } from './specifier.js';
import { ResourceInference } from './inference.js';
import { declaredByEmitter, disposeMembers, isNullishType, nonNullishConstituents } from './vocabulary/dispose-members.js';
import { GENERIC_RELEASE_METHODS } from './vocabulary/names.js';

/** What the engine knows about a resource type. */
export interface ResourceInfo {
  /** The type as TypeScript prints it, without `null`/`undefined`. */
  readonly typeName: string;
  readonly asyncDispose: boolean;
  readonly syncDispose: boolean;
  /** Method names whose call releases the resource. */
  readonly releaseMethods: ReadonlySet<string>;
  /**
   * Functions that release the resource given to them as their first argument, for a resource
   * that is a value with no methods of its own (a temporary directory's path: `rm(dir, …)`).
   */
  readonly releaseFunctions?: ReadonlySet<string>;
  /** Zero-argument release calls that are exactly the dispose member (for exact rewrites). */
  readonly sameAsDispose: ReadonlySet<string>;
  /** Whether the manual release returns a promise. */
  readonly releaseIsAsync: boolean;
  /** Kept for the process lifetime when created in an entry function. */
  readonly longLived: boolean;
  /** For a resource of the program's own making, why it is one: "its `close()` ends a `Pool`". */
  readonly inferred?: string;
  /** For a class of the program inferred so: the fields its cleanup methods end. */
  readonly inferredFields?: readonly string[];
  /** The resource that releases it with itself (presets' `parent`): its leaks are the parent's. */
  readonly parent?: string;
  /** Parts that make an instance hold nothing (presets' `inertWith`). */
  readonly inertWith?: readonly TypeOrValueSpecifier[];
  /** Opens nothing until its first operation (presets' `opensOnFirstUse`). */
  readonly opensOnFirstUse: boolean;
  /** Methods that neither open the resource nor throw in practice (presets' `inertMethods`). */
  readonly inertMethods?: ReadonlySet<string>;
  /** Methods whose failure releases the resource (presets' `releasedOnFailure`). */
  readonly releasedOnFailure?: ReadonlySet<string>;
}

/** Longer printed types are named by their declaration in messages. */
const MAX_TYPE_NAME_LENGTH = 60;

/**
 * The type as a message can quote it: TypeScript's printing, or, when that runs past a line
 * (`RedisClientType<{ readonly sentinel: { … } }, …>`), the name of its alias or declaration with
 * `<…>` for its type arguments.
 */
export function typeNameForMessages(type: ts.Type, checker: ts.TypeChecker): string {
  const printed = checker.typeToString(type);
  if (printed.length <= MAX_TYPE_NAME_LENGTH) return printed;
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const name = symbol?.getName();
  if (!name || name.startsWith('__') || name === 'default') return printed;
  const typeArguments = type.aliasSymbol ? (type.aliasTypeArguments ?? []) : tsutils.isTypeReference(type) ? checker.getTypeArguments(type) : [];
  return typeArguments.length > 0 ? `${name}<…>` : name;
}

/** The type as messages name it: with the reason when the resource was inferred. */
export function describeResource(resource: ResourceInfo): string {
  return resource.inferred ? `${resource.typeName}, inferred: ${resource.inferred}` : resource.typeName;
}

export interface ResourceModelOptions {
  /** User-declared resources; they extend the presets and win over the ignore list. */
  readonly resources: readonly ResourceDeclaration[];
  /** User-declared types to ignore; they extend DEFAULT_IGNORE. */
  readonly ignore: readonly TypeOrValueSpecifier[];
}

/** Decides which types are resources. One instance per program; results are cached per type. */
export class ResourceModel {
  readonly #program: ts.Program;
  readonly #checker: ts.TypeChecker;
  readonly #userResources: readonly ResourceDeclaration[];
  readonly #ignore: readonly TypeOrValueSpecifier[];
  readonly #cache = new Map<ts.Type, ResourceInfo | null>();
  readonly #releaseNames: ReadonlySet<string>;
  readonly #inference: ResourceInference;

  constructor(program: ts.Program, options: ResourceModelOptions) {
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#userResources = options.resources;
    this.#ignore = [...DEFAULT_IGNORE, ...options.ignore];
    this.#inference = new ResourceInference(
      program,
      (type) => this.classify(type),
      (name) => this.isReleaseName(name),
    );
    this.#releaseNames = new Set([
      ...GENERIC_RELEASE_METHODS,
      ...[...RESOURCE_PRESETS, ...options.resources].flatMap((declaration) => declaration.release),
    ]);
  }

  /**
   * A cheap syntactic filter before any type query: whether a method of this name can release a
   * resource at all (a generic release name, or the release of a preset or a user resource).
   */
  isReleaseName(name: string): boolean {
    return this.#releaseNames.has(name);
  }

  /** The resource a value of this type holds, or undefined when it is none (or ignored). */
  classify(type: ts.Type): ResourceInfo | undefined {
    const cached = this.#cache.get(type);
    if (cached !== undefined) return cached ?? undefined;
    this.#cache.set(type, null); // a wrapper of itself is no resource: recursion ends here
    const info = this.#classifyUncached(type);
    this.#cache.set(type, info ?? null);
    return info;
  }

  isIgnored(type: ts.Type): boolean {
    return this.#ignore.some((spec) => typeMatchesSpecifier(type, spec, this.#program));
  }

  /** Whether the function that produced a value is on the ignore list, which names functions too. */
  isIgnoredCall(call: ts.CallExpression | ts.NewExpression): boolean {
    const symbol = calleeSymbolOf(call, this.#checker);
    return this.#ignore.some((spec) => symbolMatchesSpecifier(symbol, spec, this.#program));
  }

  #classifyUncached(rawType: ts.Type): ResourceInfo | undefined {
    const type = this.#checker.getNonNullableType(this.#constraintOf(rawType));
    if (tsutils.isTypeFlagSet(type, ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never) || isNullishType(type)) {
      return undefined;
    }
    const { user, presets } = this.#declarationsOf(type);
    if (user.length === 0 && this.isIgnored(type)) return undefined;
    const members = declaredByEmitter(type, this.#checker) ? undefined : disposeMembers(type, this.#checker);
    const asyncDispose = members?.everyAsync === true;
    const syncDispose = members?.everySync === true;
    const declarations = [...user, ...presets];
    if (!asyncDispose && !syncDispose && declarations.length === 0) return this.#inferred(type);

    const releaseMethods = new Set<string>();
    const sameAsDispose = new Set<string>();
    for (const declaration of declarations) {
      declaration.release.forEach((name) => releaseMethods.add(name));
      declaration.sameAsDispose?.forEach((name) => sameAsDispose.add(name));
    }
    if (asyncDispose || syncDispose) {
      for (const name of GENERIC_RELEASE_METHODS) {
        if (this.#everyMemberHasProperty(type, name)) releaseMethods.add(name);
      }
    }
    const inertMethods = methodSet('inertMethods', declarations);
    const releasedOnFailure = methodSet('releasedOnFailure', declarations);
    return {
      typeName: typeNameForMessages(type, this.#checker),
      asyncDispose,
      syncDispose,
      releaseMethods,
      sameAsDispose,
      releaseIsAsync: declarations.some((declaration) => declaration.async === true),
      longLived: declarations.some((declaration) => declaration.longLived === true),
      opensOnFirstUse: declarations.some((declaration) => declaration.opensOnFirstUse === true),
      ...parentOf(declarations),
      ...inertPartsOf(declarations),
      ...(inertMethods ? { inertMethods } : {}),
      ...(releasedOnFailure ? { releasedOnFailure } : {}),
    };
  }

  #inferred(type: ts.Type): ResourceInfo | undefined {
    if (type.isUnion()) return undefined;
    // `RedisClient & Commands`: the intersection is whichever of its parts is a resource.
    const inferred = type.isIntersection()
      ? type.types.map((part) => this.#inference.infer(part)).find((part) => part !== undefined)
      : this.#inference.infer(type);
    if (!inferred) return undefined;
    return {
      typeName: typeNameForMessages(type, this.#checker),
      asyncDispose: false,
      syncDispose: false,
      releaseMethods: new Set(inferred.releaseMethods),
      sameAsDispose: new Set(),
      releaseIsAsync: inferred.async,
      longLived: false,
      opensOnFirstUse: false,
      inferred: inferred.reason,
      inferredFields: inferred.releasedFields,
    };
  }

  #constraintOf(type: ts.Type): ts.Type {
    if (tsutils.isTypeParameter(type)) return this.#checker.getBaseConstraintOfType(type) ?? type;
    return type;
  }

  /**
   * The declarations (yours, then the catalogue's) of the type, or else of the nearest class or
   * interface it extends that has any: a declaration for a class covers its subclasses (`class
   * TracedPool extends Pool`, a library's internal cursors), and a subclass's own declaration
   * (kysely's `ControlledTransaction`) replaces its base's (`Kysely`).
   */
  #declarationsOf(type: ts.Type): { user: ResourceDeclaration[]; presets: ResourceDeclaration[] } {
    for (const level of classLineage(type, this.#checker)) {
      const matches = (declaration: ResourceDeclaration): boolean => typeMatchesSpecifier(level, declaration.type, this.#program);
      const user = this.#userResources.filter(matches);
      const presets = RESOURCE_PRESETS.filter(matches);
      if (user.length > 0 || presets.length > 0) return { user, presets };
    }
    return { user: [], presets: [] };
  }

  #everyMemberHasProperty(type: ts.Type, name: string): boolean {
    return nonNullishConstituents(type).every((member) => this.#checker.getApparentType(member).getProperty(name) !== undefined);
  }
}

function inertPartsOf(declarations: readonly ResourceDeclaration[]): { inertWith?: readonly TypeOrValueSpecifier[] } {
  const inertWith = declarations.flatMap((declaration) => declaration.inertWith ?? []);
  return inertWith.length === 0 ? {} : { inertWith };
}

/** A method list of the declarations as a set, absent when none of them has one. */
function methodSet(key: 'inertMethods' | 'releasedOnFailure', declarations: readonly ResourceDeclaration[]): ReadonlySet<string> | undefined {
  const names = declarations.flatMap((declaration) => declaration[key] ?? []);
  return names.length === 0 ? undefined : new Set(names);
}

function parentOf(declarations: readonly ResourceDeclaration[]): { parent?: string } {
  const parent = declarations.find((declaration) => declaration.parent !== undefined)?.parent;
  return parent === undefined ? {} : { parent };
}
