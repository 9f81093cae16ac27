import { ts, tsutils } from '../typescript.js';
import { skipOuterExpressions } from '../syntax.js';
import { GENERIC_RELEASE_METHODS, STACK_METHODS, STACK_TYPES } from './names.js';

/** The two well-known symbols `using` and `await using` look up. */
export type DisposeSymbol = 'asyncDispose' | 'dispose';

/**
 * `Symbol.asyncDispose` / `Symbol.dispose` as written in code (an element access or computed
 * name). Given a checker, also a constant that holds one (`const disposeSymbol: typeof
 * Symbol.dispose = Symbol.dispose`, as libraries that polyfill it write): its type is the
 * well-known symbol's unique type.
 */
export function disposeSymbolName(node: ts.Expression, checker?: ts.TypeChecker): DisposeSymbol | undefined {
  const inner = skipOuterExpressions(node);
  if (
    ts.isPropertyAccessExpression(inner) &&
    ts.isIdentifier(inner.expression) &&
    inner.expression.text === 'Symbol' &&
    (inner.name.text === 'asyncDispose' || inner.name.text === 'dispose')
  ) {
    return inner.name.text;
  }
  if (!checker || !(ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) return undefined;
  const type = checker.getTypeAtLocation(inner);
  if (!(type.flags & ts.TypeFlags.UniqueESSymbol)) return undefined;
  const declaration = type.symbol?.valueDeclaration;
  const owner = declaration?.parent;
  if (!owner || !ts.isInterfaceDeclaration(owner) || owner.name.text !== 'SymbolConstructor') return undefined;
  const name = type.symbol.name;
  return name === 'asyncDispose' || name === 'dispose' ? name : undefined;
}

/** Which dispose members the non-nullish constituents of a type have. */
export interface DisposeMembers {
  readonly someAsync: boolean;
  readonly everyAsync: boolean;
  readonly someSync: boolean;
  readonly everySync: boolean;
}

/**
 * The dispose members of a type, inherited ones included (they are properties of its apparent
 * type). A type parameter is judged by its constraint; unions by their non-nullish constituents.
 * Undefined for `any`/`unknown`/`never` and for types that are only nullish.
 *
 * Callers read what they need: a resource has the member on every constituent (`everyAsync`);
 * `using` on a type with `someAsync` but not `everySync` throws at the declaration.
 */
export function disposeMembers(type: ts.Type, checker: ts.TypeChecker): DisposeMembers | undefined {
  const constrained = tsutils.isTypeParameter(type) ? (checker.getBaseConstraintOfType(type) ?? type) : type;
  if (tsutils.isTypeFlagSet(constrained, ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return undefined;
  const members = nonNullishConstituents(constrained);
  if (members.length === 0) return undefined;
  const has = (member: ts.Type, name: DisposeSymbol): boolean =>
    tsutils.getWellKnownSymbolPropertyOfType(checker.getApparentType(member), name, checker) !== undefined;
  const asyncFlags = members.map((member) => has(member, 'asyncDispose'));
  const syncFlags = members.map((member) => has(member, 'dispose'));
  return {
    someAsync: asyncFlags.some(Boolean),
    everyAsync: asyncFlags.every(Boolean),
    someSync: syncFlags.some(Boolean),
    everySync: syncFlags.every(Boolean),
  };
}

/**
 * Whether every dispose member the type has is declared by a plain event emitter (a class or
 * interface that declares `emit` and `on` or `off`, and no release method of its own) and not
 * overridden below it. Such a member only removes the emitter's listeners, which hold nothing
 * outside the process: a page's frames inherit one from their emitter base class, and are no
 * resources for it. A type that declares its own dispose member (the page itself) is judged by
 * that one; an emitter that also closes something (a readline interface, a stream, a socket)
 * declares its `close()`/`destroy()` beside the member.
 */
export function declaredByEmitter(type: ts.Type, checker: ts.TypeChecker): boolean {
  const declarations = nonNullishConstituents(type).flatMap((member) =>
    (['asyncDispose', 'dispose'] as const).flatMap((name) => {
      const property = tsutils.getWellKnownSymbolPropertyOfType(checker.getApparentType(member), name, checker);
      return property?.valueDeclaration ? [property.valueDeclaration] : [];
    }),
  );
  return declarations.length > 0 && declarations.every((declaration) => isEmitterMember(declaration));
}

function isEmitterMember(declaration: ts.Declaration): boolean {
  const owner = declaration.parent;
  if (!ts.isClassLike(owner) && !ts.isInterfaceDeclaration(owner)) return false;
  const names = new Set(
    (owner.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>).flatMap((member) =>
      member.name && ts.isIdentifier(member.name) ? [member.name.text] : [],
    ),
  );
  return names.has('emit') && (names.has('on') || names.has('off')) && !GENERIC_RELEASE_METHODS.some((name) => names.has(name));
}

/** `null`, `undefined` or `void`. */
export function isNullishType(type: ts.Type): boolean {
  return tsutils.isTypeFlagSet(type, ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void);
}

/** A union's constituents without `null`/`undefined`/`void`; any other type as the only one. */
export function nonNullishConstituents(type: ts.Type): ts.Type[] {
  return tsutils.unionConstituents(type).filter((member) => !isNullishType(member));
}

/**
 * A `DisposableStack` or `AsyncDisposableStack`, which owns what is put in it, or a polyfill of
 * one (puppeteer's `DisposableStackPolyfill`): a class with all of the stack's methods.
 */
export function isStackType(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  if (symbol === undefined) return false;
  return STACK_TYPES.has(symbol.getName()) || ((symbol.flags & ts.SymbolFlags.Class) !== 0 && [...STACK_METHODS].every((name) => type.getProperty(name) !== undefined));
}
