import { ts } from './typescript.js';
import { calleeSymbolOf, inProgramParameter, symbolMatchesSpecifier, type TypeOrValueSpecifier } from './specifier.js';
import {
  calleeName,
  climbOuterExpressions,
  enclosingFunction,
  isBuiltinMethodCall,
  isDeclarationName,
  returnIsDropped,
  skipOuterExpressions,
} from './syntax.js';
import { argumentOfCall, hasInspectionName, isInspection } from './inspections.js';
import { handsBackReceiver } from './vocabulary/acquisition.js';
import { isStackType } from './vocabulary/dispose-members.js';
import {
  COLLECTION_METHODS,
  HANDING_OFF_METHODS,
  CONSUMING_METHODS,
  CONTINUATION_NAMES,
  FLOWING_EVENTS,
  STACK_METHODS,
  STREAM_CONSUMERS,
} from './vocabulary/names.js';
import {
  calledMember,
  isDisposeSymbolMethod,
  matchMemberCall,
  type ReleaseMethods,
  releasesResource,
  releasesThroughPart,
} from './vocabulary/release.js';
import { removesDirectory } from './vocabulary/temporary-directories.js';

/**
 * What one reference to a resource binding does with the resource.
 * - `release`: a call that releases it (`x.close()`, `x?.[Symbol.asyncDispose]()`, or an
 *   in-program helper that releases its parameter).
 * - `use`: a borrow: a method call, a property read, an argument to an ordinary call.
 * - `neutral`: a test or a write that neither uses nor hands it on.
 * - `escape`: ownership leaves this function: returned, yielded, stored, aliased, wrapped,
 *   owned by a DisposableStack, or handed to a callee that takes ownership.
 * - `consumed`: a stream consumer that ends it (`pipe`, `pipeline`, `for await`).
 * - `callbackRelease`: released inside a callback, whose lifetime this function does not see.
 */
export type ReferenceKind = 'release' | 'use' | 'neutral' | 'escape' | 'consumed' | 'callbackRelease';

export interface Reference {
  readonly identifier: ts.Identifier;
  readonly kind: ReferenceKind;
  /** For `release`: the call expression that releases. */
  readonly releaseCall?: ts.CallExpression;
  /**
   * For an `escape` inside a function that keeps the value alive (`return { run: () =>
   * client.query(q) }`): that function, written in the container, where the value is handed on.
   */
  readonly handOffAt?: ts.SignatureDeclaration;
}

export interface OwnershipOptions {
  /** Callees that take ownership of resources passed to them. */
  readonly ownershipTransfer: readonly TypeOrValueSpecifier[];
}

const MAX_CALLEE_DEPTH = 3;

/** Classifies references to resource bindings. One instance per program. */
export class OwnershipAnalyzer {
  readonly #program: ts.Program;
  readonly #checker: ts.TypeChecker;
  readonly #options: OwnershipOptions;
  readonly #calleeParameterCache = new Map<ts.ParameterDeclaration, ReferenceKind | undefined>();

  constructor(program: ts.Program, options: OwnershipOptions) {
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#options = options;
  }

  /** Every reference to `symbol` inside `container` (nested functions included), classified. */
  references(symbol: ts.Symbol, container: ts.Node, resource: ReleaseMethods | undefined, depth = 0): Reference[] {
    const result: Reference[] = [];
    const name = symbol.getName();
    const home = ts.isFunctionLike(container) ? container : enclosingFunction(container);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        if (node.text === name && !isDeclarationName(node) && this.#resolves(node, symbol)) {
          result.push(this.#classify(node, home, resource, depth));
        }
        return;
      }
      node.forEachChild(visit);
    };
    container.forEachChild(visit);
    return result;
  }

  /**
   * Whether a variable of this name is handed on inside `container` in a way that syntax alone
   * shows (returned, stored, aliased, put in a literal, consumed as a stream): then it is not this
   * function's to release, whatever its type, and the type checker need not be asked. Identifiers
   * are matched by name, skipping the nested functions and blocks that declare the same name: a
   * closure with a `client` of its own does not hand on the outer `client`.
   */
  escapesWithoutTypes(name: string, container: ts.Node): boolean {
    const home = ts.isFunctionLike(container) ? container : enclosingFunction(container);
    let escapes = false;
    const visit = (node: ts.Node): void => {
      if (escapes) return;
      if (ts.isIdentifier(node)) {
        if (node.text === name && !isDeclarationName(node)) {
          const kind = this.#classify(node, home, undefined, 0, false).kind;
          escapes = kind === 'escape' || kind === 'consumed';
        }
        return;
      }
      if (declaresName(node, name)) return;
      node.forEachChild(visit);
    };
    container.forEachChild(visit);
    return escapes;
  }

  #resolves(identifier: ts.Identifier, symbol: ts.Symbol): boolean {
    if (ts.isShorthandPropertyAssignment(identifier.parent)) {
      return this.#checker.getShorthandAssignmentValueSymbol(identifier.parent) === symbol;
    }
    return this.#checker.getSymbolAtLocation(identifier) === symbol;
  }

  #classify(
    identifier: ts.Identifier,
    container: ts.Node | undefined,
    resource: ReleaseMethods | undefined,
    depth: number,
    typed = true,
  ): Reference {
    const direct = this.#classifyValue(identifier, resource, depth, typed);
    const kind = direct.kind;
    const owner = enclosingFunction(identifier);
    if (owner === undefined || owner === container || kind === 'escape' || kind === 'neutral') {
      return { identifier, ...direct };
    }
    if (kind === 'release') return { identifier, kind: 'callbackRelease' };
    // A use inside a nested function borrows only while the function is a callback handed to a
    // call (run by the callee) or invoked in place; otherwise the function keeps it alive.
    let outermost: ts.Node = owner;
    for (let fn = enclosingFunction(owner); fn && fn !== container; fn = enclosingFunction(fn)) outermost = fn;
    const position = climbOuterExpressions(outermost);
    const parent = position.parent;
    const isCallback =
      (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      (parent.arguments?.includes(position as ts.Expression) === true || parent.expression === position);
    return isCallback ? { identifier, kind } : { identifier, kind: 'escape', handOffAt: outermost as ts.SignatureDeclaration };
  }

  /** What the value of `node` (the binding, or an expression that forwards it) is used for. */
  #classifyValue(
    node: ts.Node,
    resource: ReleaseMethods | undefined,
    depth: number,
    typed = true,
  ): { kind: ReferenceKind; releaseCall?: ts.CallExpression } {
    const outer = climbOuterExpressions(node);
    const parent = outer.parent;

    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
      const call = calledMember(parent);
      if (call && resource && releasesResource(parent.name.text, resource)) return { kind: 'release', releaseCall: call };
      if (call && (STREAM_CONSUMERS.has(parent.name.text) || CONSUMING_METHODS.has(parent.name.text) || startsFlowing(parent.name.text, call))) {
        return { kind: 'consumed' };
      }
      if (call && typed && resource && this.#releasedInThen(outer as ts.Expression, call, resource, depth)) {
        return { kind: 'callbackRelease' };
      }
      // `return await client.connect()`: where the result goes, the resource goes.
      if (call && typed && handsBackReceiver(call, this.#checker)) {
        const onward = this.#classifyValue(call, resource, depth, typed);
        if (onward.kind === 'escape' || onward.kind === 'consumed') return onward;
      }
      return (!call && resource && this.#partKind(parent, resource, depth, typed)) || { kind: 'use' };
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === outer) {
      const call = calledMember(parent);
      const member = call && matchMemberCall(call);
      if (member && isDisposeSymbolMethod(member.method)) return { kind: 'release', releaseCall: member.call };
      return { kind: 'use' };
    }
    if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression)) {
      return this.#argumentKind(parent, parent.arguments.indexOf(outer as ts.Expression), resource, depth, typed);
    }
    if (ts.isNewExpression(parent) && parent.arguments?.includes(outer as ts.Expression)) {
      // A constructor wraps what it is given (a `Response` body, a buffered reader, a client),
      // unless the wrapper itself is thrown away on the spot.
      return ts.isExpressionStatement(climbOuterExpressions(parent).parent) ? { kind: 'use' } : { kind: 'escape' };
    }
    if (ts.isBinaryExpression(parent)) {
      const operator = parent.operatorToken.kind;
      if (operator === ts.SyntaxKind.EqualsToken) return { kind: parent.left === outer ? 'neutral' : 'escape' };
      if (
        operator === ts.SyntaxKind.AmpersandAmpersandToken ||
        operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken ||
        operator === ts.SyntaxKind.CommaToken
      ) {
        // The left operand is only tested; the right one becomes the value of the whole.
        return parent.left === outer ? { kind: 'neutral' } : this.#classifyValue(parent, resource, depth, typed);
      }
      return { kind: 'neutral' };
    }
    if (ts.isConditionalExpression(parent)) {
      return parent.condition === outer ? { kind: 'neutral' } : this.#classifyValue(parent, resource, depth, typed);
    }
    if (ts.isAwaitExpression(parent)) return this.#classifyValue(parent, resource, depth, typed);
    if (
      ts.isPrefixUnaryExpression(parent) ||
      ts.isTypeOfExpression(parent) ||
      ts.isVoidExpression(parent) ||
      ts.isTemplateSpan(parent) ||
      ts.isIfStatement(parent) ||
      ts.isWhileStatement(parent) ||
      ts.isDoStatement(parent) ||
      ts.isExpressionStatement(parent) ||
      ts.isSwitchStatement(parent) ||
      ts.isCaseClause(parent) ||
      ts.isTypeQueryNode(parent) ||
      (ts.isForStatement(parent) && parent.condition === outer)
    ) {
      return { kind: 'neutral' };
    }
    if (ts.isForOfStatement(parent) && parent.expression === outer) {
      return { kind: parent.awaitModifier ? 'consumed' : 'use' };
    }
    // `isConfig({ client })`: a literal built only to be inspected hands nothing on.
    if (ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent)) {
      const call = argumentOfCall(outer);
      if (call && (typed ? isInspection(call, this.#checker) : hasInspectionName(call))) return { kind: 'use' };
    }
    // `new Promise((resolve) => watcher.once('ready', resolve))`: a callee that types the arrow as
    // returning `void` drops what it returns.
    if (typed && ts.isArrowFunction(parent) && parent.body === outer && returnIsDropped(parent, this.#checker)) return { kind: 'use' };
    // Returned, yielded, thrown, stored in a literal, aliased, exported, spread, JSX: the value
    // leaves this function's hands, and this function no longer decides when it is released.
    return { kind: 'escape' };
  }

  /**
   * `response.body?.cancel()`: a release reached through a part of the resource (`body.cancel`
   * among its release methods); the part consumed or handed on (`for await (… of
   * response.body)`, `return response.body`) takes the resource with it.
   */
  #partKind(
    part: ts.PropertyAccessExpression,
    resource: ReleaseMethods,
    depth: number,
    typed: boolean,
  ): { kind: ReferenceKind; releaseCall?: ts.CallExpression } | undefined {
    const prefix = `${part.name.text}.`;
    if (!releasesThroughPart(resource, part.name.text)) return undefined;
    const outer = climbOuterExpressions(part);
    const next = outer.parent;
    const call = ts.isPropertyAccessExpression(next) && next.expression === outer ? calledMember(next) : undefined;
    if (call && resource.releaseMethods.has(prefix + (next as ts.PropertyAccessExpression).name.text)) return { kind: 'release', releaseCall: call };
    const onward = this.#classifyValue(part, undefined, depth, typed);
    return onward.kind === 'escape' || onward.kind === 'consumed' ? onward : undefined;
  }

  #argumentKind(
    call: ts.CallExpression,
    index: number,
    resource: ReleaseMethods | undefined,
    depth: number,
    typed: boolean,
  ): { kind: ReferenceKind; releaseCall?: ts.CallExpression } {
    const callee = skipOuterExpressions(call.expression);
    const name = calleeName(call);
    if (name !== undefined && STREAM_CONSUMERS.has(name)) return { kind: 'consumed' };
    // `rm(dir, { recursive: true })`: a path's release is a function it is given to.
    if (typed && resource?.releaseFunctions?.has(name ?? '') && removesDirectory(call, index, this.#checker)) {
      return { kind: 'release', releaseCall: call };
    }
    if (ts.isPropertyAccessExpression(callee)) {
      if (typed && STACK_METHODS.has(callee.name.text) && this.#isStack(callee.expression)) return { kind: 'escape' };
      if (COLLECTION_METHODS.has(callee.name.text) || HANDING_OFF_METHODS.has(callee.name.text)) return { kind: 'escape' };
      if (isBuiltinMethodCall(call, 'Promise', 'resolve')) {
        return { kind: 'escape' };
      }
    }
    if (!typed) return { kind: 'use' };
    const calleeSymbol = calleeSymbolOf(call, this.#checker);
    if (calleeSymbol) {
      // Handing a resource to a continuation (`resolve(x)`, `callback(null, x)`) passes it on; any
      // other function parameter (`work(client)` in a `withClient` helper) only borrows it.
      const declaration = calleeSymbol.valueDeclaration;
      if (declaration && ts.isParameter(declaration) && CONTINUATION_NAMES.test(calleeSymbol.getName())) {
        return { kind: 'escape' };
      }
      if (this.#options.ownershipTransfer.some((spec) => symbolMatchesSpecifier(calleeSymbol, spec, this.#program))) {
        return { kind: 'escape' };
      }
    }
    const parameterKind = this.#inProgramParameterKind(call, index, resource, depth);
    if (parameterKind === 'release') return { kind: 'release', releaseCall: call };
    if (parameterKind === 'escape') return { kind: 'escape' };
    return { kind: 'use' };
  }

  /**
   * `client.connect().then((client) => … client.close())`: a method that resolves to its receiver
   * (mongodb's `connect()`, declared to return `Promise<this>`), followed by `.then` whose callback
   * releases what it is given, releases the receiver under the parameter's name.
   */
  #releasedInThen(receiver: ts.Expression, call: ts.CallExpression, resource: ReleaseMethods, depth: number): boolean {
    const access = climbOuterExpressions(call).parent;
    if (!ts.isPropertyAccessExpression(access) || access.name.text !== 'then') return false;
    const thenCall = calledMember(access);
    const callback = thenCall?.arguments[0] && skipOuterExpressions(thenCall.arguments[0]);
    if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || !callback.body) return false;
    const parameter = callback.parameters[0];
    if (!parameter || !ts.isIdentifier(parameter.name)) return false;
    const receiverType = this.#checker.getNonNullableType(this.#checker.getTypeAtLocation(receiver));
    if (this.#checker.getAwaitedType(this.#checker.getTypeAtLocation(call)) !== receiverType) return false;
    const symbol = this.#checker.getSymbolAtLocation(parameter.name);
    // The callback's own promise chain may release it in a later `.then` of its own.
    return (
      symbol !== undefined &&
      this.references(symbol, callback.body, resource, depth + 1).some(
        ({ kind }) => kind === 'release' || kind === 'callbackRelease',
      )
    );
  }

  #isStack(receiver: ts.Expression): boolean {
    return isStackType(this.#checker.getNonNullableType(this.#checker.getTypeAtLocation(receiver)));
  }

  /**
   * What a callee written in this program does with the parameter an argument lands in: takes
   * ownership (stores or returns it), releases it, or only borrows it.
   */
  #inProgramParameterKind(
    call: ts.CallExpression,
    index: number,
    resource: ReleaseMethods | undefined,
    depth: number,
  ): ReferenceKind | undefined {
    if (depth >= MAX_CALLEE_DEPTH) return undefined;
    const callee = inProgramParameter(call, index, this.#program);
    if (!callee) return undefined;
    const { parameter, body } = callee;
    if (this.#calleeParameterCache.has(parameter)) return this.#calleeParameterCache.get(parameter);
    this.#calleeParameterCache.set(parameter, undefined); // recursion guard
    const symbol = this.#checker.getSymbolAtLocation(parameter.name);
    let kind: ReferenceKind | undefined;
    if (symbol) {
      const kinds = new Set(
        this.references(symbol, body, resource, depth + 1).map((reference) => reference.kind),
      );
      if (kinds.has('escape') || kinds.has('consumed') || kinds.has('callbackRelease')) kind = 'escape';
      else if (kinds.has('release')) kind = 'release';
    }
    this.#calleeParameterCache.set(parameter, kind);
    return kind;
  }
}

/**
 * A nested scope with its own binding of `name`: a function with such a parameter or a body
 * that declares it, or a block (a `for` head included) that declares it directly.
 */
function declaresName(node: ts.Node, name: string): boolean {
  if (ts.isFunctionLike(node)) {
    if (node.parameters.some((parameter) => bindsName(parameter.name, name))) return true;
    const body = (node as ts.FunctionLikeDeclaration).body;
    return body !== undefined && ts.isBlock(body) && body.statements.some((statement) => statementDeclares(statement, name));
  }
  if (ts.isBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
    return node.statements.some((statement) => statementDeclares(statement, name));
  }
  if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer) {
    return ts.isVariableDeclarationList(node.initializer) && node.initializer.declarations.some((d) => bindsName(d.name, name));
  }
  if (ts.isCatchClause(node)) return node.variableDeclaration !== undefined && bindsName(node.variableDeclaration.name, name);
  return false;
}

function statementDeclares(statement: ts.Statement, name: string): boolean {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((d) => bindsName(d.name, name));
  return (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

/** `resume()` or a `'data'` listener: the stream flows to its end, and `autoDestroy` closes it. */
function startsFlowing(method: string, call: ts.CallExpression): boolean {
  if (method === 'resume') return true;
  const event = call.arguments[0];
  return (
    (method === 'on' || method === 'once' || method === 'addListener') &&
    event !== undefined &&
    ts.isStringLiteralLike(event) &&
    FLOWING_EVENTS.has(event.text)
  );
}

export function hasKind(references: readonly Reference[], ...kinds: ReferenceKind[]): boolean {
  return references.some((reference) => kinds.includes(reference.kind));
}

/** Whether the expression is one of the binding's references. */
export function isReferenceTo(node: ts.Expression, references: readonly Reference[]): boolean {
  const inner = skipOuterExpressions(node);
  return ts.isIdentifier(inner) && references.some((reference) => reference.identifier === inner);
}
