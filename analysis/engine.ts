import { ts, tsutils } from './typescript.js';
import { findLeaks, type LeakFinding } from './leaks.js';
import { isStackType, OwnershipAnalyzer } from './ownership.js';
import type { ResourceDeclaration } from './presets.js';
import { ResourceModel } from './resource-model.js';
import type { TypeOrValueSpecifier } from './specifier.js';
import { isInDeclarationFileOrDependency, skipOuterExpressions } from './syntax.js';

export interface EngineOptions {
  /** Resources the user declares, on top of the presets. */
  readonly resources?: readonly ResourceDeclaration[];
  /** Types the user does not want reported, on top of the default ignore list. */
  readonly ignore?: readonly TypeOrValueSpecifier[];
  /** Functions that take ownership of a resource passed to them. */
  readonly ownershipTransfer?: readonly TypeOrValueSpecifier[];
}

/**
 * The shared engine: one per TypeScript program and option set. The lint rules reach it through
 * typescript-eslint's parser services and the codemods through their own program, so both see the
 * same resources, the same ownership and the same verdicts.
 */
export class Engine {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly resources: ResourceModel;
  readonly ownership: OwnershipAnalyzer;
  readonly #freshness = new Map<ts.Declaration, boolean>();
  /** Per callee symbol: [call, awaited call, `new`, awaited `new`] → whether it may produce a resource. */
  readonly #mayProduce = new Map<ts.Symbol, (boolean | undefined)[]>();

  constructor(program: ts.Program, options: EngineOptions = {}) {
    this.program = program;
    this.checker = program.getTypeChecker();
    this.resources = new ResourceModel(program, { resources: options.resources ?? [], ignore: options.ignore ?? [] });
    this.ownership = new OwnershipAnalyzer(program, { ownershipTransfer: options.ownershipTransfer ?? [] });
  }

  findLeaks(sourceFile: ts.SourceFile): LeakFinding[] {
    return findLeaks(sourceFile, this);
  }

  /**
   * A cheap first look before the full type query: whether the callee's declared signatures can
   * return a resource at all. Typing the call itself resolves overloads and checks its arguments
   * (callbacks included); the callee's declared return types are cached per declaration. When they
   * cannot tell (an untyped callee, a generic return type), the answer is yes.
   */
  mayProduceResource(call: ts.CallExpression | ts.NewExpression, awaited: boolean): boolean {
    const callee = skipOuterExpressions(call.expression);
    const isNew = ts.isNewExpression(call);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    let symbol = name && this.checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (!symbol) return true;
    const key = (isNew ? 2 : 0) + (awaited ? 1 : 0);
    let byKind = this.#mayProduce.get(symbol);
    if (!byKind) {
      byKind = [];
      this.#mayProduce.set(symbol, byKind);
    }
    const cached = byKind[key];
    if (cached !== undefined) return cached;
    const type = this.checker.getTypeOfSymbol(symbol);
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
        const typeArguments = this.checker.getTypeArguments(member);
        if (typeArguments.length > 0) return typeArguments.some((argument) => this.#couldSettleToResource(argument, depth + 1));
      }
      const value = this.checker.getAwaitedType(member);
      return value === undefined || this.#couldBeResource(value);
    });
  }

  #couldBeResource(type: ts.Type): boolean {
    if (type.flags & ts.TypeFlags.TypeParameter) {
      // `K extends PropertyKey` cannot be a resource. `T extends object` can: an instantiation
      // may add a dispose member its constraint lacks, so only a primitive constraint rules it out.
      const constraint = this.checker.getBaseConstraintOfType(type);
      return !constraint || constraint === type || !isPrimitiveOnly(constraint);
    }
    if (type.flags & (ts.TypeFlags.Instantiable | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    if (type.isUnionOrIntersection()) return type.types.some((member) => this.#couldBeResource(member));
    return this.resources.classify(type) !== undefined;
  }

  /**
   * Whether a call produces a resource the caller now owns. Not when it hands back something that
   * already exists: `this`-returning chains (`server.listen()`), a method returning one of its
   * arguments (`src.pipe(dest)`), or an in-program getter that returns a field (`this.client`).
   */
  isFreshAcquisition(call: ts.CallExpression | ts.NewExpression): boolean {
    if (ts.isNewExpression(call)) return true;
    const callee = skipOuterExpressions(call.expression);
    const resultType = this.checker.getTypeAtLocation(call);
    if (ts.isPropertyAccessExpression(callee)) {
      // pg's `client.connect()` resolves to the client itself, as chains return `this`; only a
      // stack's `move()` hands back a new value of the receiver's own type.
      const receiverType = this.checker.getTypeAtLocation(callee.expression);
      const sameAsReceiver = receiverType === resultType || receiverType === this.checker.getAwaitedType(resultType);
      if (sameAsReceiver) return callee.name.text === 'move' && isStackType(receiverType);
    }
    const declaration = this.checker.getResolvedSignature(call)?.getDeclaration();
    if (!declaration || !ts.isFunctionLike(declaration)) return true;
    const returnType = declaration.type;
    if (returnType) {
      if (returnType.kind === ts.SyntaxKind.ThisType) return false;
      if (
        ts.isTypeReferenceNode(returnType) &&
        ts.isIdentifier(returnType.typeName) &&
        declaration.typeParameters?.some((parameter) => parameter.name.text === (returnType.typeName as ts.Identifier).text)
      ) {
        return false;
      }
    }
    return this.#returnsFreshValue(declaration);
  }

  #returnsFreshValue(declaration: ts.SignatureDeclaration): boolean {
    if (!('body' in declaration) || !declaration.body || isInDeclarationFileOrDependency(declaration)) return true;
    const cached = this.#freshness.get(declaration);
    if (cached !== undefined) return cached;
    const body = declaration.body as ts.Node;
    const returned: ts.Expression[] = [];
    if (ts.isBlock(body)) {
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node)) return;
        if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
        node.forEachChild(visit);
      };
      body.forEachChild(visit);
    } else {
      returned.push(body as ts.Expression);
    }
    const fresh = returned.length === 0 || !returned.every((expression) => this.#isExistingValue(expression, declaration));
    this.#freshness.set(declaration, fresh);
    return fresh;
  }

  /** `this.client`, `cache.get(key)`-free field reads, or a variable declared outside the function. */
  #isExistingValue(expression: ts.Expression, owner: ts.Node): boolean {
    let inner = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(inner)) inner = skipOuterExpressions(inner.expression);
    if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) return true;
    if (ts.isIdentifier(inner)) {
      const declaration = this.checker.getSymbolAtLocation(inner)?.valueDeclaration;
      if (!declaration) return false;
      for (let current: ts.Node | undefined = declaration; current; current = current.parent) {
        if (current === owner) return false;
      }
      return true;
    }
    return false;
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

const engines = new WeakMap<ts.Program, Map<string, Engine>>();

/** The engine for a program and option set, created once and reused across files. */
export function getEngine(program: ts.Program, options: EngineOptions = {}): Engine {
  let byOptions = engines.get(program);
  if (!byOptions) {
    byOptions = new Map();
    engines.set(program, byOptions);
  }
  // `{}` and empty lists are the same engine: the rules without options share the one
  // no-leaked-resource builds with its defaults, and with it every cached verdict.
  const key = JSON.stringify([options.resources ?? [], options.ignore ?? [], options.ownershipTransfer ?? []]);
  let engine = byOptions.get(key);
  if (!engine) {
    engine = new Engine(program, options);
    byOptions.set(key, engine);
  }
  return engine;
}
