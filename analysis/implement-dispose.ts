import { ts, tsutils } from './typescript.js';
import type { Engine } from './engine.js';
import { scanFile } from './file-scan.js';
import type { TextEdit } from './text-edit.js';
import { isStackType } from './ownership.js';
import type { ResourceInfo } from './resource-model.js';
import {
  acquisitionCall,
  climbOuterExpressions,
  disposeSymbolName,
  isInDeclarationFileOrDependency,
  skipOuterExpressions,
} from './syntax.js';

/**
 * Method names that release what an object holds: Python's `__aexit__` under its usual names.
 * Users extend the list (rule option `cleanupMethods`, codemod `--cleanup-methods`); it is never
 * replaced. The order decides which method the dispose member calls when a class has several.
 */
export const DEFAULT_CLEANUP_METHODS: readonly string[] = [
  'close',
  'dispose',
  'release',
  'destroy',
  'end',
  'disconnect',
  'quit',
  'shutdown',
  'terminate',
];

export interface ImplementDisposeOptions {
  /** Extra cleanup method names, on top of DEFAULT_CLEANUP_METHODS. */
  readonly cleanupMethods?: readonly string[];
}

/** A class that has a cleanup method and no dispose member, with the member to add. */
export interface DisposeMemberPlan {
  readonly classNode: ts.ClassLikeDeclaration;
  /** The class's name, or `(anonymous class)`. */
  readonly className: string;
  /** Where to report: the class's name, or its `class` keyword. */
  readonly reportNode: ts.Node;
  /** The cleanup method the dispose member calls. */
  readonly cleanup: string;
  /** Whether the cleanup returns a promise, so the member is `[Symbol.asyncDispose]`. */
  readonly async: boolean;
  /** `[Symbol.asyncDispose]` or `[Symbol.dispose]`. */
  readonly member: '[Symbol.asyncDispose]' | '[Symbol.dispose]';
  /** `await using` or `using`: how the class's instances can be declared once it has the member. */
  readonly keyword: 'await using' | 'using';
  /** The insertion: the lint rule's suggestion and the codemod apply exactly this edit. */
  readonly edit: TextEdit;
}

/** A field that holds a resource the class created, and that no cleanup/dispose member releases. */
export interface UnreleasedField {
  readonly classNode: ts.ClassLikeDeclaration;
  readonly className: string;
  /** The field as written: `socket`, or `#socket` for a private name. */
  readonly field: string;
  /** Where to report: the field's declaration name, or the first `this.f = …` that acquires it. */
  readonly node: ts.Node;
  readonly resource: ResourceInfo;
  /** The members that should release it, for the message: "`close()`", "`[Symbol.asyncDispose]()`". */
  readonly releasers: readonly string[];
  /** A release statement to write there: `await this.client.end()`. */
  readonly release: string;
}

type ClassMember = ts.MethodDeclaration | ts.PropertyDeclaration;

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
]);
const STACK_METHODS = new Set(['use', 'adopt', 'defer']);

/** The cleanup names in force: the defaults, then the user's additions. */
export function cleanupMethodNames(options: ImplementDisposeOptions = {}): readonly string[] {
  return [...new Set([...DEFAULT_CLEANUP_METHODS, ...(options.cleanupMethods ?? [])])];
}

/** Every class of the file that should get a dispose member, in source order. */
export function findMissingDispose(
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: ImplementDisposeOptions = {},
): DisposeMemberPlan[] {
  if (isInDeclarationFileOrDependency(sourceFile)) return [];
  const analyzer = new ClassAnalyzer(engine, cleanupMethodNames(options));
  const plans: DisposeMemberPlan[] = [];
  scanFile(sourceFile).classes.forEach((classNode) => {
    const plan = analyzer.plan(classNode);
    if (plan) plans.push(plan);
  });
  return plans;
}

/**
 * CA2213: fields that hold a resource the class creates (in the field's initializer or by an
 * assignment in one of its methods) and that none of the class's cleanup or dispose members
 * releases. Only classes that have such a member are checked: a class without one is what
 * `findMissingDispose` is about, and a long-lived service object may rightly never release.
 */
export function findUnreleasedFields(
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: ImplementDisposeOptions = {},
): UnreleasedField[] {
  if (isInDeclarationFileOrDependency(sourceFile)) return [];
  const analyzer = new ClassAnalyzer(engine, cleanupMethodNames(options));
  const findings: UnreleasedField[] = [];
  scanFile(sourceFile).classes.forEach((classNode) => {
    findings.push(...analyzer.unreleasedFields(classNode));
  });
  return findings.sort((a, b) => a.node.getStart() - b.node.getStart());
}

class ClassAnalyzer {
  readonly #engine: Engine;
  readonly #checker: ts.TypeChecker;
  readonly #cleanupNames: readonly string[];
  readonly #plans = new Map<ts.ClassLikeDeclaration, DisposeMemberPlan | null>();

  constructor(engine: Engine, cleanupNames: readonly string[]) {
    this.#engine = engine;
    this.#checker = engine.checker;
    this.#cleanupNames = cleanupNames;
  }

  plan(classNode: ts.ClassLikeDeclaration): DisposeMemberPlan | undefined {
    const cached = this.#plans.get(classNode);
    if (cached !== undefined) return cached ?? undefined;
    this.#plans.set(classNode, null); // recursion guard for odd heritage
    const plan = this.#planUncached(classNode);
    this.#plans.set(classNode, plan ?? null);
    return plan;
  }

  /** Whether the class has a dispose member, or will have one once its in-program base gets it. */
  #willBeDisposable(classNode: ts.ClassLikeDeclaration): boolean {
    return this.plan(classNode) !== undefined || this.#inProgramBases(classNode).some((base) => this.#willBeDisposable(base));
  }

  #planUncached(classNode: ts.ClassLikeDeclaration): DisposeMemberPlan | undefined {
    if (isAmbient(classNode) || isInDeclarationFileOrDependency(classNode)) return undefined;
    // Cheap syntax first: most classes have no member with a cleanup name.
    if (!classNode.members.some((member) => this.#cleanupNames.some((name) => isOwnCleanupCandidate(member, name)))) {
      return undefined;
    }
    const type = this.#instanceType(classNode);
    if (!type || this.#hasDisposeMember(type)) return undefined;
    const cleanup = this.#cleanupMember(classNode);
    if (!cleanup) return undefined;
    // A subclass inherits the member its base class is about to get: one member, in the base.
    if (this.#inProgramBases(classNode).some((base) => this.#willBeDisposable(base))) return undefined;
    const name = cleanup.member.name as ts.Identifier;
    const isAsync = cleanup.async;
    return {
      classNode,
      className: classNode.name?.text ?? '(anonymous class)',
      reportNode: classNode.name ?? classKeyword(classNode),
      cleanup: name.text,
      async: isAsync,
      member: isAsync ? '[Symbol.asyncDispose]' : '[Symbol.dispose]',
      keyword: isAsync ? 'await using' : 'using',
      edit: disposeMemberEdit(classNode, cleanup.member, name.text, isAsync),
    };
  }

  #instanceType(classNode: ts.ClassLikeDeclaration): ts.Type | undefined {
    const type = this.#checker.getTypeAtLocation(classNode);
    if (ts.isClassDeclaration(classNode)) return type;
    // A class expression's type is its constructor.
    const construct = type.getConstructSignatures()[0];
    return construct ? this.#checker.getReturnTypeOfSignature(construct) : undefined;
  }

  #hasDisposeMember(type: ts.Type): boolean {
    return (
      tsutils.getWellKnownSymbolPropertyOfType(type, 'asyncDispose', this.#checker) !== undefined ||
      tsutils.getWellKnownSymbolPropertyOfType(type, 'dispose', this.#checker) !== undefined
    );
  }

  /** Base classes declared in this program's own files (not in declaration files or dependencies). */
  #inProgramBases(classNode: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
    const heritage = classNode.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
    const base = heritage?.types[0];
    if (!base) return [];
    const constructorType = this.#checker.getTypeAtLocation(base.expression);
    const declarations = constructorType.getSymbol()?.getDeclarations() ?? [];
    return declarations.filter(
      (declaration): declaration is ts.ClassLikeDeclaration =>
        (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) && !isInDeclarationFileOrDependency(declaration),
    );
  }

  /**
   * The first cleanup method (in list order) the class itself implements and that can be called
   * with no argument: a method with a body, or a field holding an arrow function. Abstract
   * methods and overload signatures do not count; static members neither.
   */
  #cleanupMember(classNode: ts.ClassLikeDeclaration): { member: ClassMember; async: boolean } | undefined {
    for (const cleanupName of this.#cleanupNames) {
      for (const member of classNode.members) {
        if (!isOwnCleanupCandidate(member, cleanupName)) continue;
        const signatureType = this.#zeroArgumentReturnType(member);
        if (!signatureType) continue;
        return { member, async: tsutils.isThenableType(this.#checker, member, signatureType) };
      }
    }
    return undefined;
  }

  /** The return type of the member's zero-argument call signature, if it has one. */
  #zeroArgumentReturnType(member: ClassMember): ts.Type | undefined {
    const symbol = this.#checker.getSymbolAtLocation(member.name);
    if (!symbol) return undefined;
    const type = this.#checker.getTypeOfSymbolAtLocation(symbol, member);
    for (const signature of this.#checker.getNonNullableType(type).getCallSignatures()) {
      const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
      const parameters = declaration?.parameters.filter((parameter) => !isThisParameter(parameter)) ?? [];
      if (parameters.every(isOptionalParameter)) return this.#checker.getReturnTypeOfSignature(signature);
    }
    return undefined;
  }

  // ── Fields (CA2213) ─────────────────────────────────────────────────────────

  unreleasedFields(classNode: ts.ClassLikeDeclaration): UnreleasedField[] {
    if (isAmbient(classNode) || isInDeclarationFileOrDependency(classNode)) return [];
    const releasers = this.#releasingMembers(classNode);
    if (releasers.length === 0) return [];
    const acquisitions = this.#fieldAcquisitions(classNode, new Set(releasers));
    if (acquisitions.size === 0) return [];
    const released = this.#releasedFields(classNode, releasers, acquisitions);
    const declared = new Map<string, ts.Node>();
    for (const member of classNode.members) {
      if (ts.isPropertyDeclaration(member) && !isStatic(member)) {
        const name = memberName(member);
        if (name !== undefined) declared.set(name, member.name);
      }
    }
    const releaserNames = releasers.map(describeMember);
    const className = classNode.name?.text ?? '(anonymous class)';
    const findings: UnreleasedField[] = [];
    for (const [field, { node, resource, type }] of acquisitions) {
      if (released.has(field)) continue;
      findings.push({
        classNode,
        className,
        field,
        node: declared.get(field) ?? node,
        resource,
        releasers: releaserNames,
        release: this.#releaseStatement(field, resource, type, node),
      });
    }
    return findings;
  }

  /**
   * The members that release what the object holds: its cleanup methods, its dispose members,
   * and the methods of the class they call through `this` (a private `closeAll()` helper).
   */
  #releasingMembers(classNode: ts.ClassLikeDeclaration): ts.MethodDeclaration[] {
    const methods = new Map<string, ts.MethodDeclaration>();
    for (const member of classNode.members) {
      if (!ts.isMethodDeclaration(member) || !member.body || isStatic(member)) continue;
      const name = memberName(member);
      if (name !== undefined && !methods.has(name)) methods.set(name, member);
    }
    const roots = classNode.members.filter(
      (member): member is ts.MethodDeclaration =>
        ts.isMethodDeclaration(member) &&
        member.body !== undefined &&
        !isStatic(member) &&
        (isDisposeMemberName(member.name) || this.#cleanupNames.includes(memberName(member) ?? '')),
    );
    const result = new Set<ts.MethodDeclaration>(roots);
    const queue = [...roots];
    for (let method = queue.shift(); method; method = queue.shift()) {
      forEachThisMemberAccess(method, (access) => {
        const called = ts.isCallExpression(access.parent) && access.parent.expression === access;
        const target = called ? methods.get(access.name.text) : undefined;
        if (target && !result.has(target)) {
          result.add(target);
          queue.push(target);
        }
      });
    }
    return roots.concat([...result].filter((method) => !roots.includes(method)));
  }

  /** `field = acquisition` declarations and `this.field = acquisition` assignments outside the releasers. */
  #fieldAcquisitions(
    classNode: ts.ClassLikeDeclaration,
    releasers: ReadonlySet<ts.Node>,
  ): Map<string, { node: ts.Node; resource: ResourceInfo; type: ts.Type }> {
    const found = new Map<string, { node: ts.Node; resource: ResourceInfo; type: ts.Type }>();
    const add = (field: string | undefined, node: ts.Node, value: ts.Expression): void => {
      if (field === undefined || found.has(field)) return;
      const acquired = this.#acquiredResource(value);
      if (acquired) found.set(field, { node, ...acquired });
    };
    for (const member of classNode.members) {
      if (isStatic(member) || releasers.has(member)) continue;
      if (ts.isPropertyDeclaration(member) && member.initializer) add(memberName(member), member.name, member.initializer);
      if (!ts.isPropertyDeclaration(member) || member.initializer) {
        forEachThisMemberAccess(member, (access) => {
          const assignment = climbOuterExpressions(access).parent;
          if (
            ts.isBinaryExpression(assignment) &&
            ASSIGNMENTS.has(assignment.operatorToken.kind) &&
            climbOuterExpressions(access) === assignment.left
          ) {
            add(access.name.text, access.name, assignment.right);
          }
        });
      }
    }
    return found;
  }

  #acquiredResource(value: ts.Expression): { resource: ResourceInfo; type: ts.Type } | undefined {
    const call = acquisitionCall(value);
    if (!call) return undefined;
    const type = this.#checker.getTypeAtLocation(value);
    const resource = this.#engine.resources.classify(type);
    if (!resource || this.#engine.resources.isIgnoredCall(call) || !this.#engine.isFreshAcquisition(call)) return undefined;
    return { resource, type };
  }

  /**
   * Fields the releasers release: `this.f.close()`, `this.f?.close()`, `this.f[Symbol.asyncDispose]()`,
   * `this.f` handed to a helper or a stack, aliased (`const c = this.f`, `using c = this.f`), or
   * listed (`[this.a, this.b]`). A stack's `use`/`adopt`/`defer` anywhere in the class counts too.
   */
  #releasedFields(
    classNode: ts.ClassLikeDeclaration,
    releasers: readonly ts.MethodDeclaration[],
    acquisitions: ReadonlyMap<string, { resource: ResourceInfo }>,
  ): Set<string> {
    const released = new Set<string>();
    for (const method of releasers) {
      forEachThisMemberAccess(method, (access) => {
        const field = access.name.text;
        const acquisition = acquisitions.get(field);
        if (acquisition && this.#isReleasingUse(access, acquisition.resource)) released.add(field);
      });
      // `const { client, socket } = this` in a releaser: the names are aliases of the fields.
      const visit = (node: ts.Node): void => {
        if (
          ts.isVariableDeclaration(node) &&
          ts.isObjectBindingPattern(node.name) &&
          node.initializer &&
          skipOuterExpressions(node.initializer).kind === ts.SyntaxKind.ThisKeyword
        ) {
          for (const element of node.name.elements) {
            const key = element.propertyName ?? element.name;
            if (ts.isIdentifier(key) || ts.isPrivateIdentifier(key)) released.add(key.text);
          }
        }
        node.forEachChild(visit);
      };
      method.forEachChild(visit);
    }
    for (const member of classNode.members) {
      forEachThisMemberAccess(member, (access) => {
        if (this.#isInStackCall(access)) released.add(access.name.text);
      });
    }
    return released;
  }

  #isReleasingUse(access: ts.PropertyAccessExpression, resource: ResourceInfo): boolean {
    const outer = climbOuterExpressions(access);
    const parent = outer.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
      const method = parent.name.text;
      return isCalled(parent) && (resource.releaseMethods.has(method) || this.#cleanupNames.includes(method));
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === outer) {
      return isCalled(parent) && disposeSymbolName(parent.argumentExpression) !== undefined;
    }
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(outer as ts.Expression)) {
      return true;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer) return true;
    if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent)) return true;
    return false;
  }

  /** `stack.use(this.f)`, `stack.adopt(this.f, …)`, `stack.defer(() => this.f.close())`. */
  #isInStackCall(access: ts.PropertyAccessExpression): boolean {
    for (let node: ts.Node = access; !ts.isClassLike(node); node = node.parent) {
      const parent = node.parent;
      if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
        const callee = skipOuterExpressions(parent.expression);
        if (
          ts.isPropertyAccessExpression(callee) &&
          STACK_METHODS.has(callee.name.text) &&
          isStackType(this.#checker.getNonNullableType(this.#checker.getTypeAtLocation(callee.expression)))
        ) {
          return true;
        }
      }
    }
    return false;
  }

  /** `await this.client.end()`, `this.socket.destroy()`: the first release method the type has. */
  #releaseStatement(field: string, resource: ResourceInfo, type: ts.Type, at: ts.Node): string {
    const apparent = this.#checker.getApparentType(this.#checker.getNonNullableType(type));
    const method = [...resource.releaseMethods].find((name) => apparent.getProperty(name) !== undefined);
    if (method) {
      const property = apparent.getProperty(method);
      const propertyType = property && this.#checker.getTypeOfSymbol(property);
      const returns = propertyType?.getCallSignatures()[0];
      const isAsync =
        resource.releaseIsAsync ||
        (returns !== undefined && tsutils.isThenableType(this.#checker, at, this.#checker.getReturnTypeOfSignature(returns)));
      return `${isAsync ? 'await ' : ''}this.${field}.${method}()`;
    }
    return resource.asyncDispose ? `await this.${field}[Symbol.asyncDispose]()` : `this.${field}[Symbol.dispose]()`;
  }
}

/**
 * The insertion that adds the dispose member right after the cleanup method, at the method's
 * indentation, with the file's line break and semicolon style. The member has a return type
 * annotation when the cleanup method has one.
 */
function disposeMemberEdit(classNode: ts.ClassLikeDeclaration, cleanup: ClassMember, cleanupName: string, isAsync: boolean): TextEdit {
  const sourceFile = classNode.getSourceFile();
  const text = sourceFile.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  let end = cleanup.getEnd();
  // Keep a comment that trails the method on its last line with the method.
  for (const comment of ts.getTrailingCommentRanges(text, end) ?? []) {
    if (text.slice(end, comment.pos).includes('\n')) break;
    end = comment.end;
  }
  const classIndent = indentationOf(text, classNode.getStart(sourceFile));
  const memberStart = cleanup.getStart(sourceFile);
  const memberIndent = startsLine(text, memberStart) ? indentationOf(text, memberStart) : `${classIndent}  `;
  const unit = indentUnit(text, cleanup, memberIndent, classIndent, sourceFile);
  const blankLine = separatedByBlankLines(classNode, cleanup, text);
  const semicolon = usesSemicolons(cleanup, text) ? ';' : '';
  const annotated = cleanup.type !== undefined || (ts.isPropertyDeclaration(cleanup) && hasReturnType(cleanup.initializer));
  const header = isAsync
    ? `async [Symbol.asyncDispose]()${annotated ? ': Promise<void>' : ''}`
    : `[Symbol.dispose]()${annotated ? ': void' : ''}`;
  const call = `${isAsync ? 'await ' : ''}this.${cleanupName}()${semicolon}`;
  const member = `${memberIndent}${header} {${newline}${memberIndent}${unit}${call}${newline}${memberIndent}}`;
  return { start: end, end, text: `${newline}${blankLine ? newline : ''}${member}` };
}

function indentationOf(text: string, position: number): string {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

function startsLine(text: string, position: number): boolean {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, position));
}

/** One level of indentation, as the method's body or the class's members use it. */
function indentUnit(text: string, cleanup: ClassMember, memberIndent: string, classIndent: string, sourceFile: ts.SourceFile): string {
  const body = ts.isMethodDeclaration(cleanup) ? cleanup.body : undefined;
  const first = body?.statements[0];
  if (first && startsLine(text, first.getStart(sourceFile))) {
    const inner = indentationOf(text, first.getStart(sourceFile));
    if (inner.startsWith(memberIndent) && inner.length > memberIndent.length) return inner.slice(memberIndent.length);
  }
  if (memberIndent.startsWith(classIndent) && memberIndent.length > classIndent.length) return memberIndent.slice(classIndent.length);
  return memberIndent.includes('\t') ? '\t' : '  ';
}

/** Whether the class separates its members with blank lines (judged next to the cleanup method). */
function separatedByBlankLines(classNode: ts.ClassLikeDeclaration, cleanup: ClassMember, text: string): boolean {
  const members = classNode.members;
  const index = members.indexOf(cleanup);
  const next = members[index + 1];
  const previous = members[index - 1];
  const gap = next ? text.slice(cleanup.getEnd(), next.getStart()) : previous ? text.slice(previous.getEnd(), cleanup.getStart()) : undefined;
  if (gap === undefined) return true;
  return /\n[ \t]*\r?\n/.test(gap);
}

/** Whether the method's statements end with semicolons (true when it has none to judge by). */
function usesSemicolons(cleanup: ClassMember, text: string): boolean {
  const body = ts.isMethodDeclaration(cleanup)
    ? cleanup.body
    : cleanup.initializer && (ts.isArrowFunction(cleanup.initializer) || ts.isFunctionExpression(cleanup.initializer))
      ? cleanup.initializer.body
      : undefined;
  const statements = body && ts.isBlock(body) ? body.statements.filter((statement) => !ts.isBlock(statement) && !isCompound(statement)) : [];
  if (statements.length === 0) return true;
  return statements.some((statement) => text[statement.getEnd() - 1] === ';');
}

function isCompound(statement: ts.Statement): boolean {
  return (
    ts.isIfStatement(statement) ||
    ts.isTryStatement(statement) ||
    ts.isForStatement(statement) ||
    ts.isForOfStatement(statement) ||
    ts.isForInStatement(statement) ||
    ts.isWhileStatement(statement) ||
    ts.isSwitchStatement(statement) ||
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement)
  );
}

function hasReturnType(initializer: ts.Expression | undefined): boolean {
  return initializer !== undefined && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) && initializer.type !== undefined;
}

function isOwnCleanupCandidate(member: ts.ClassElement, cleanupName: string): member is ClassMember {
  if (isStatic(member) || !member.name || !ts.isIdentifier(member.name) || member.name.text !== cleanupName) return false;
  if (ts.isMethodDeclaration(member)) return member.body !== undefined;
  if (ts.isPropertyDeclaration(member)) {
    const initializer = member.initializer && skipOuterExpressions(member.initializer);
    return initializer !== undefined && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer));
  }
  return false;
}

function isOptionalParameter(parameter: ts.ParameterDeclaration): boolean {
  return parameter.questionToken !== undefined || parameter.initializer !== undefined || parameter.dotDotDotToken !== undefined;
}

function isThisParameter(parameter: ts.ParameterDeclaration): boolean {
  return ts.isIdentifier(parameter.name) && parameter.name.text === 'this';
}

function isStatic(member: ts.ClassElement): boolean {
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
}

function isAmbient(classNode: ts.ClassLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(classNode) & ts.ModifierFlags.Ambient) !== 0;
}

function classKeyword(classNode: ts.ClassLikeDeclaration): ts.Node {
  return classNode.getChildren().find((child) => child.kind === ts.SyntaxKind.ClassKeyword) ?? classNode;
}

function memberName(member: ts.ClassElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

function isDisposeMemberName(name: ts.PropertyName): boolean {
  return ts.isComputedPropertyName(name) && disposeSymbolName(name.expression) !== undefined;
}

function describeMember(method: ts.MethodDeclaration): string {
  if (ts.isComputedPropertyName(method.name)) {
    return `\`[Symbol.${disposeSymbolName(method.name.expression) ?? 'dispose'}]()\``;
  }
  return `\`${memberName(method) ?? 'dispose'}()\``;
}

function isCalled(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const outer = climbOuterExpressions(access);
  return ts.isCallExpression(outer.parent) && outer.parent.expression === outer;
}

/** Every `this.name` / `this.#name` in the member, arrow functions included (they share `this`). */
function forEachThisMemberAccess(member: ts.Node, callback: (access: ts.PropertyAccessExpression) => void): void {
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node)) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) callback(node);
    node.forEachChild(visit);
  };
  member.forEachChild(visit);
}
