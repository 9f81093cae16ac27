import { ts, tsutils } from '../typescript.js';
import type { ResourceInfo, ResourceModel } from '../resource-model.js';
import { classLineage, symbolOf } from '../specifier.js';
import {
  acquisitionCall,
  calleeName,
  isLibraryFile,
  isNullishLiteral,
  typeArgumentOf,
  memberChainRoot,
  skipOuterExpressions,
} from '../syntax.js';
import { isStackType } from './dispose-members.js';
import { ExistingValues, returnedExpressions } from './existing-values.js';
import { COLLECTION_STORE_METHODS, COPYING_METHODS, FRESH_COPIES, PROMISE_TYPE_NAMES } from './names.js';
import { type Implementations, implementationsOf } from '../implementations.js';
import { makesTemporaryDirectory, TEMPORARY_DIRECTORY } from './temporary-directories.js';

/** A resource a call or `new` hands to its caller, who now owns it. */
export interface Acquisition {
  readonly call: ts.CallExpression | ts.NewExpression;
  readonly resource: ResourceInfo;
  /** The resource's type (the settled value's, for a promise). */
  readonly type: ts.Type;
}

export interface AcquisitionQuery {
  /**
   * Whether the resource is what the expression's promise settles to, rather than its value:
   * `pool.connect()` thrown away or listed in `Promise.all` acquires a client once it settles.
   */
  readonly settled: boolean;
}

/**
 * What an acquisition is, in one place: an expression whose call or `new` produces a fresh
 * resource (not one that already exists and is handed back), of a type that is a resource and
 * not ignored. One instance per program; answers that depend only on a callee are cached.
 */
export class AcquisitionModel {
  readonly #program: ts.Program;
  readonly #checker: ts.TypeChecker;
  readonly #resources: ResourceModel;
  readonly #freshness = new Map<ts.Declaration, boolean>();
  readonly #implementations: Implementations;
  readonly #existing: ExistingValues;
  /** Per callee symbol: [call, awaited call, `new`, awaited `new`] → whether it may produce a resource. */
  readonly #mayProduce = new Map<ts.Symbol, (boolean | undefined)[]>();

  constructor(program: ts.Program, resources: ResourceModel) {
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#resources = resources;
    this.#implementations = implementationsOf(program);
    this.#existing = new ExistingValues(this.#checker, (call) => this.#isFreshAcquisition(call));
  }

  /**
   * The resource `expression` acquires: a call or `new` (optionally awaited) that may produce one
   * by its declared signatures, whose value (or settled value) is a resource, not ignored, and fresh.
   */
  acquiredBy(expression: ts.Expression, query: AcquisitionQuery): Acquisition | undefined {
    const call = acquisitionCall(expression);
    if (!call) return undefined;
    // A path is no resource by its type: the call that made the directory says it is one.
    if (makesTemporaryDirectory(call, this.#checker)) {
      return { call, resource: TEMPORARY_DIRECTORY, type: this.#checker.getTypeAtLocation(expression) };
    }
    if (!this.#mayProduceResource(call, query.settled || ts.isAwaitExpression(skipOuterExpressions(expression)))) return undefined;
    const value = this.#checker.getTypeAtLocation(expression);
    const type = query.settled ? this.#checker.getAwaitedType(value) : value;
    const resource = type && this.#resources.classify(type);
    if (!type || !resource || this.#resources.isIgnoredCall(call) || !this.#isFreshAcquisition(call)) return undefined;
    return { call, resource, type };
  }

  /**
   * Whether `expression` makes a new value by a library call, whose resource-typed properties are
   * then as new as it is: the body of `const { body } = await pool.request(options)`. A function
   * of the program may return a new object around a part that exists (`return { client:
   * this.#clients.get(slot), slot }`), so only library calls count.
   */
  isFreshLibraryResult(expression: ts.Expression): boolean {
    const call = acquisitionCall(expression);
    if (!call || !ts.isCallExpression(call) || this.#resources.isIgnoredCall(call)) return false;
    const declaration = this.#checker.getResolvedSignature(call)?.getDeclaration();
    return declaration !== undefined && isLibraryFile(declaration.getSourceFile(), this.#program) && this.#isFreshAcquisition(call);
  }

  /**
   * A cheap first look before the full type query: whether the callee's declared signatures can
   * return a resource at all. Typing the call itself resolves overloads and checks its arguments
   * (callbacks included); the callee's declared return types are cached per declaration. When they
   * cannot tell (an untyped callee, a generic return type), the answer is yes.
   */
  #mayProduceResource(call: ts.CallExpression | ts.NewExpression, awaited: boolean): boolean {
    const callee = skipOuterExpressions(call.expression);
    const isNew = ts.isNewExpression(call);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    const symbol = name && symbolOf(name, this.#checker);
    if (!symbol) return true;
    const key = (isNew ? 2 : 0) + (awaited ? 1 : 0);
    let byKind = this.#mayProduce.get(symbol);
    if (!byKind) {
      byKind = [];
      this.#mayProduce.set(symbol, byKind);
    }
    const cached = byKind[key];
    if (cached !== undefined) return cached;
    const type = this.#checker.getTypeOfSymbol(symbol);
    const signatures = isNew ? type.getConstructSignatures() : type.getCallSignatures();
    const may =
      signatures.length === 0 ||
      signatures.some((signature) => {
        if (signature.getDeclaration()?.type?.kind === ts.SyntaxKind.ThisType) return false;
        const returned = signature.getReturnType();
        return awaited ? this.#couldSettleToResource(returned, 0) : this.#couldBeResource(returned);
      });
    byKind[key] = may;
    return may;
  }

  /**
   * `#couldBeResource` of the awaited type, without asking the checker for it: on a declared,
   * uninstantiated return type `getAwaitedType` computes the base constraint of every type
   * parameter in sight, which took 160 ms for @types/node's `FileHandle.readFile` alone. A
   * promise's type arguments are where its value comes from; any other thenable is awaited for real.
   */
  #couldSettleToResource(type: ts.Type, depth: number): boolean {
    if (this.#couldBeResource(type)) return true;
    const members = type.isUnion() ? type.types : [type];
    return members.some((member) => {
      if (!(member.flags & ts.TypeFlags.Object) || !member.getProperty('then')) return false;
      if (depth < 3 && tsutils.isTypeReference(member)) {
        const typeArguments = this.#checker.getTypeArguments(member);
        if (typeArguments.length > 0) return typeArguments.some((argument) => this.#couldSettleToResource(argument, depth + 1));
      }
      const value = this.#checker.getAwaitedType(member);
      return value === undefined || this.#couldBeResource(value);
    });
  }

  #couldBeResource(type: ts.Type): boolean {
    if (type.flags & ts.TypeFlags.TypeParameter) {
      // `K extends PropertyKey` cannot be a resource. `T extends object` can: an instantiation
      // may add a dispose member its constraint lacks, so only a primitive constraint rules it out.
      const constraint = this.#checker.getBaseConstraintOfType(type);
      return !constraint || constraint === type || !isPrimitiveOnly(constraint);
    }
    if (type.flags & (ts.TypeFlags.Instantiable | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    if (type.isUnionOrIntersection()) return type.types.some((member) => this.#couldBeResource(member));
    return this.#resources.classify(type) !== undefined;
  }

  /**
   * Whether a call produces a resource the caller now owns. Not when it hands back something that
   * already exists: `this`-returning chains (`server.listen()`), fluent methods that return the
   * receiver under other type arguments (a cursor's `project()`), a function returning one of its
   * arguments (`src.pipe(dest)`, `Object.assign(target, extra)`: a type parameter, alone or in an
   * intersection), or an in-program getter that returns a field (`this.client`).
   */
  #isFreshAcquisition(call: ts.CallExpression | ts.NewExpression): boolean {
    if (ts.isNewExpression(call)) return !this.#registersItself(call);
    const callee = skipOuterExpressions(call.expression);
    const resultType = this.#checker.getTypeAtLocation(call);
    if (ts.isPropertyAccessExpression(callee)) {
      // pg's `client.connect()` resolves to the client itself, as chains return `this`; only a
      // stack's `move()` and a copying method (`client.duplicate()`) hand back a new value of the
      // receiver's own type.
      const receiverType = this.#checker.getTypeAtLocation(callee.expression);
      const awaitedType = this.#checker.getAwaitedType(resultType);
      const isReceiverType = (type: ts.Type): boolean =>
        sameGenericClass(type, resultType) ||
        (awaitedType !== undefined && sameGenericClass(type, awaitedType)) ||
        isClassOf(type, resultType, awaitedType, this.#checker);
      if (isReceiverType(receiverType)) {
        const copies = COPYING_METHODS.has(callee.name.text) || (callee.name.text === 'move' && isStackType(receiverType));
        // `client.duplicate().connect()` hands back the copy `duplicate()` made.
        return copies || chainCopies(callee.expression);
      }
      // kysely's `trx.savepoint('a').execute()`, `options.trx.savepoint('a').execute()`: a command
      // built on the transaction runs and hands the same transaction back under other type arguments.
      if (!chainCopies(callee) && chainReceivers(callee.expression).some((receiver) => isReceiverType(this.#checker.getTypeAtLocation(receiver)))) {
        return false;
      }
    }
    if (this.#settlesToCallbackValues(call)) return false;
    const declaration = this.#checker.getResolvedSignature(call)?.getDeclaration();
    if (!declaration || !ts.isFunctionLike(declaration)) return true;
    const returnType = declaration.type;
    if (returnType && !FRESH_COPIES.has(calleeName(call) ?? '')) {
      if (returnType.kind === ts.SyntaxKind.ThisType) return false;
      const typeParameters = new Set(declaration.typeParameters?.map((parameter) => parameter.name.text));
      const isTypeParameter = (node: ts.TypeNode): boolean =>
        ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && typeParameters.has(node.typeName.text);
      if (isTypeParameter(returnType)) return false;
      if (ts.isIntersectionTypeNode(returnType) && returnType.types.some(isTypeParameter)) return false;
      // `await withTimeout(pool.connect(), ms)` passes a fresh one through; `firstValueFrom(events$)` one that exists.
      if (settlesToArgumentValue(declaration, returnType, isTypeParameter)) {
        return call.arguments.some((argument) => this.acquiredBy(argument, { settled: true }) !== undefined);
      }
      if (returnsStoredElement(declaration, returnType, this.#program)) return false;
    }
    return this.#returnsFreshValue(declaration);
  }

  /**
   * `promise.then(onFulfilled, onRejected)`, `.catch(…)`: the promise settles to what the promise
   * or a callback returns. Not fresh when every callback given returns what exists
   * (`.then(undefined, (error) => stream.destroy(error))`, where `destroy()` returns the stream).
   */
  #settlesToCallbackValues(call: ts.CallExpression): boolean {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'then' && callee.name.text !== 'catch')) return false;
    const callbacks = call.arguments.map((argument) => skipOuterExpressions(argument));
    if (!callbacks.some((callback) => ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return false;
    return callbacks.every((callback) => {
      if (isNullishLiteral(callback)) return true;
      if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return false;
      // What `.then((client) => client)` returns is the settled value itself, as new as it is.
      const ownParameter = (expression: ts.Expression): boolean => {
        const root = memberChainRoot(expression, { throughCalls: true });
        const declaration = ts.isIdentifier(root) ? this.#checker.getSymbolAtLocation(root)?.valueDeclaration : undefined;
        return declaration !== undefined && ts.isParameter(declaration) && declaration.parent === callback;
      };
      return returnedExpressions(callback).every((expression) => !ownParameter(expression) && this.#existing.isExistingValue(expression, callback));
    });
  }

  /** A `new` of a constructor that files the new object with an owner (filesItselfWithOwner). */
  #registersItself(call: ts.NewExpression): boolean {
    const declaration = this.#checker.getResolvedSignature(call)?.getDeclaration();
    if (!declaration || !ts.isConstructorDeclaration(declaration) || !declaration.body) return false;
    if (isLibraryFile(declaration.getSourceFile(), this.#program)) return false;
    const cached = this.#freshness.get(declaration);
    if (cached !== undefined) return !cached;
    const registers = filesItselfWithOwner(declaration);
    this.#freshness.set(declaration, !registers);
    return registers;
  }

  #returnsFreshValue(declaration: ts.SignatureDeclaration): boolean {
    if (isLibraryFile(declaration.getSourceFile(), this.#program)) return true;
    const cached = this.#freshness.get(declaration);
    if (cached !== undefined) return cached;
    // Until known, fresh: a cycle of accessors delegating to each other proves nothing.
    this.#freshness.set(declaration, true);
    if (!('body' in declaration) || !declaration.body) {
      // An abstract method or an interface's: what its implementations in the program return.
      const implementations = this.#implementations.of(declaration);
      const fresh = implementations.length === 0 || implementations.some((implementation) => this.#returnsFreshValue(implementation));
      this.#freshness.set(declaration, fresh);
      return fresh;
    }
    const returned = returnedExpressions(declaration as ts.FunctionLikeDeclaration);
    const fresh = returned.length === 0 || !returned.every((expression) => this.#existing.isExistingValue(expression, declaration));
    this.#freshness.set(declaration, fresh);
    return fresh;
  }

}

const PRIMITIVE =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.ESSymbolLike |
  ts.TypeFlags.EnumLike |
  ts.TypeFlags.Void |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Null |
  ts.TypeFlags.Never;

function isPrimitiveOnly(type: ts.Type): boolean {
  return type.isUnion() ? type.types.every(isPrimitiveOnly) : (type.flags & PRIMITIVE) !== 0;
}


/**
 * `firstValueFrom<T>(source: Observable<T>): Promise<T>`, `Promise.resolve<T>(value: T)`: a promise
 * of one of the function's type parameters settles to a value that came in through an argument,
 * as new as that argument is. Not when a parameter is a function returning that type
 * (`retry<T>(attempt: () => Promise<T>)`): the callback may make it fresh, as the caller asked.
 */
function settlesToArgumentValue(
  declaration: ts.SignatureDeclaration,
  returnType: ts.TypeNode,
  isTypeParameter: (node: ts.TypeNode) => boolean,
): boolean {
  const settled = typeArgumentOf(returnType, PROMISE_TYPE_NAMES);
  // `Promise.resolve<T>(value: T): Promise<Awaited<T>>` too.
  const value = settled && (typeArgumentOf(settled, AWAITED_TYPE_NAMES) ?? settled);
  if (!value || !isTypeParameter(value)) return false;
  const hasCallbackParameter = (node: ts.Node): boolean =>
    ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node) || node.forEachChild(hasCallbackParameter) === true;
  return !declaration.parameters.some((parameter) => parameter.type !== undefined && hasCallbackParameter(parameter.type));
}

const AWAITED_TYPE_NAMES: ReadonlySet<string> = new Set(['Awaited']);

/** Whether a call of the member chain is a copying method (`client.duplicate().connect()`). */
function chainCopies(expression: ts.Expression): boolean {
  for (let current = skipOuterExpressions(expression); ; ) {
    if (ts.isCallExpression(current)) {
      const callee = skipOuterExpressions(current.expression);
      if (ts.isPropertyAccessExpression(callee) && COPYING_METHODS.has(callee.name.text)) return true;
      current = callee;
    } else if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      current = skipOuterExpressions(current.expression);
    } else {
      return false;
    }
  }
}

/**
 * A method call that hands back its receiver, so that where the result goes the receiver goes:
 * declared to return `this` or `Promise<this>` (a fluent `connect()`), or returning (a promise of)
 * the receiver's own class or a class it extends (pg's `connect(): Promise<Client>` on a subclass
 * of `Client`, mssql's `connect(): Promise<ConnectionPool>`). Not a copying method
 * (`client.duplicate()`), nor a generic class under other type arguments (an element handle's
 * `getProperty()` gives a new `JSHandle<…>`).
 */
export function handsBackReceiver(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || COPYING_METHODS.has(callee.name.text)) return false;
  const declared = checker.getResolvedSignature(call)?.getDeclaration()?.type;
  if (declared && (typeArgumentOf(declared, PROMISE_TYPE_NAMES) ?? declared).kind === ts.SyntaxKind.ThisType) return true;
  const result = checker.getTypeAtLocation(call);
  const receiver = checker.getNonNullableType(checker.getTypeAtLocation(callee.expression));
  return isClassOf(receiver, result, checker.getAwaitedType(result), checker);
}

/** The result (or what it resolves to) is the receiver's class, or one it extends, itself. */
function isClassOf(receiver: ts.Type, result: ts.Type, awaited: ts.Type | undefined, checker: ts.TypeChecker): boolean {
  return classLineage(receiver, checker).some((type) => type === result || type === awaited);
}

/**
 * Two instantiations of one generic class or interface (`FindCursor<A>`, `FindCursor<B>`), also
 * as the first part of an intersection (node-redis's `RedisClientType<A>` is `RedisClient<A> & …`).
 */
export function sameGenericClass(a: ts.Type, b: ts.Type): boolean {
  const reference = (type: ts.Type): ts.TypeReference | undefined => {
    const part = type.isIntersection() ? type.types[0] : type;
    return part && tsutils.isTypeReference(part) && part.target.typeParameters !== undefined ? part : undefined;
  };
  const left = reference(a);
  const right = reference(b);
  return left !== undefined && right !== undefined && left.target === right.target;
}

/**
 * A built-in collection's method that hands back one of the values stored in it: `map.get(k)`,
 * `list.find(…)`, `queue.shift()` return a `V` or `T` of the collection itself, which its owner
 * put there and still owns. Only TypeScript's lib: a generic pool of the program (`pool.acquire():
 * Promise<T>`) does hand out values its caller must give back.
 */
function returnsStoredElement(declaration: ts.SignatureDeclaration, returnType: ts.TypeNode, program: ts.Program): boolean {
  const owner = declaration.parent;
  if (!(ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) || !owner.typeParameters) return false;
  if (!program.isSourceFileDefaultLibrary(declaration.getSourceFile())) return false;
  const elementNames = new Set(owner.typeParameters.map((parameter) => parameter.name.text));
  const parts = ts.isUnionTypeNode(returnType) ? returnType.types : [returnType];
  return parts.some((part) => ts.isTypeReferenceNode(part) && ts.isIdentifier(part.typeName) && elementNames.has(part.typeName.text));
}

/** The receivers further down a member chain than its last one: `options.trx` and `options` for `options.trx.savepoint(a)`. */
function chainReceivers(receiver: ts.Expression): ts.Expression[] {
  const found: ts.Expression[] = [];
  let current = skipOuterExpressions(receiver);
  for (;;) {
    const next = ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isCallExpression(current) ? current.expression : undefined;
    if (!next) return found;
    current = skipOuterExpressions(next);
    if (!ts.isCallExpression(current)) found.push(current);
  }
}

/**
 * A constructor that files the new object with an owner it was given (`world.taskManager.add(this)`):
 * the owner keeps it and ends it, as a realm terminates its pending tasks. Filing it in a field
 * of its own (`this.#all.add(this)`) hands it to nobody.
 */
export function filesItselfWithOwner(constructor: ts.ConstructorDeclaration): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node) && node.arguments.some((argument) => skipOuterExpressions(argument).kind === ts.SyntaxKind.ThisKeyword)) {
      const callee = skipOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(callee) && COLLECTION_STORE_METHODS.has(callee.name.text)) {
        const receiver = skipOuterExpressions(callee.expression);
        const ownField = ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword;
        if (receiver.kind !== ts.SyntaxKind.ThisKeyword && !ownField) return true;
      }
    }
    return ts.isFunctionLike(node) || ts.isClassLike(node) ? false : node.forEachChild(visit) === true;
  };
  return constructor.body?.forEachChild(visit) === true;
}
