import { ts, tsutils } from '../typescript.js';
import type { Engine } from '../engine.js';
import { scanFile } from '../file-scan.js';
import type { ResourceInfo } from '../resource-model.js';
import { climbOuterExpressions, isLibraryFile, isStatic, skipOuterExpressions } from '../syntax.js';
import { isStackType } from '../vocabulary/dispose-members.js';
import { STACK_METHODS } from '../vocabulary/names.js';
import { calledMember, matchMemberCall, releasesResource } from '../vocabulary/release.js';
import { ChildLifetimes, forEachListenerCallback } from './child-lifetimes.js';
import {
  cleanupMethodNames,
  describeMember,
  forEachThisMemberAccess,
  type ImplementDisposeOptions,
  isAmbient,
  isDisposeMemberName,
  isOwnDisposeCall,
  memberName,
} from './class-members.js';

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

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
]);

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
  if (isLibraryFile(sourceFile, engine.program)) return [];
  const analyzer = new FieldAnalyzer(engine, cleanupMethodNames(options));
  const findings: UnreleasedField[] = [];
  scanFile(sourceFile).classes.forEach((classNode) => {
    findings.push(...analyzer.unreleasedFields(classNode));
  });
  return findings.sort((a, b) => a.node.getStart() - b.node.getStart());
}

/**
 * Whether the class keeps a resource it creates in one of its fields. A class like that needs a
 * dispose member even when its cleanup method does not release the field yet (that is the
 * unreleased-field finding); a class without one whose cleanup releases nothing holds nothing.
 */
export function holdsResourceInFields(classNode: ts.ClassLikeDeclaration, engine: Engine): boolean {
  return new FieldAnalyzer(engine, []).fieldAcquisitions(classNode).size > 0;
}

/** Whether the member calls `this[Symbol.dispose]()` or `this[Symbol.asyncDispose]()` (nested arrows included). */
function callsOwnDisposeMember(member: ts.Node, checker: ts.TypeChecker): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node)) return false;
    if (ts.isCallExpression(node) && isOwnDisposeCall(node, checker)) return true;
    return node.forEachChild(visit) === true;
  };
  return member.forEachChild(visit) === true;
}

interface FieldAcquisition {
  readonly node: ts.Node;
  /** What the field is given: `new Child(…)`, `createConnection(port)`. */
  readonly value: ts.Expression;
  readonly resource: ResourceInfo;
  readonly type: ts.Type;
}

/** CA2213 per class: which fields hold a resource the class created, and which its releasers release. */
class FieldAnalyzer {
  readonly #engine: Engine;
  readonly #checker: ts.TypeChecker;
  readonly #cleanupNames: readonly string[];
  readonly #children: ChildLifetimes;

  constructor(engine: Engine, cleanupNames: readonly string[]) {
    this.#engine = engine;
    this.#checker = engine.checker;
    this.#cleanupNames = cleanupNames;
    this.#children = new ChildLifetimes(engine, cleanupNames);
  }

  unreleasedFields(classNode: ts.ClassLikeDeclaration): UnreleasedField[] {
    if (isAmbient(classNode) || isLibraryFile(classNode.getSourceFile(), this.#engine.program)) return [];
    const releasers = this.#releasingMembers(classNode);
    if (releasers.length === 0) return [];
    const acquisitions = this.fieldAcquisitions(classNode, new Set(releasers));
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
    for (const [field, { node, value, resource, type }] of acquisitions) {
      if (released.has(field) || this.#children.endsItselfOnEvent(type) || this.#children.releasedThroughParent(value, type)) continue;
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
        (isDisposeMemberName(member.name, this.#checker) || this.#cleanupNames.includes(memberName(member) ?? '')),
    );
    const disposeMembers = roots.filter((member) => isDisposeMemberName(member.name, this.#checker));
    const result = new Set<ts.MethodDeclaration>(roots);
    const queue = [...roots];
    const reach = (target: ts.MethodDeclaration | undefined): void => {
      if (target && !result.has(target)) {
        result.add(target);
        queue.push(target);
      }
    };
    for (let method = queue.shift(); method; method = queue.shift()) {
      forEachThisMemberAccess(method, (access) => {
        const called = ts.isCallExpression(access.parent) && access.parent.expression === access;
        if (called) reach(methods.get(access.name.text));
      });
      // `dispose() { this[disposeSymbol](); }`: the dispose member (an override of it included) is reached.
      if (callsOwnDisposeMember(method, this.#checker)) disposeMembers.forEach(reach);
    }
    return roots.concat([...result].filter((method) => !roots.includes(method)));
  }

  /** `field = acquisition` declarations and `this.field = acquisition` assignments outside the releasers. */
  fieldAcquisitions(
    classNode: ts.ClassLikeDeclaration,
    releasers: ReadonlySet<ts.Node> = new Set(),
  ): Map<string, FieldAcquisition> {
    const found = new Map<string, FieldAcquisition>();
    const add = (field: string | undefined, node: ts.Node, value: ts.Expression): void => {
      if (field === undefined || found.has(field)) return;
      const acquired = this.#acquiredResource(value);
      if (acquired) found.set(field, { node, value, ...acquired });
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
    return this.#engine.acquisitions.acquiredBy(value, { settled: false });
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
      // `this._self.#socket.destroy()`: a private name is this class's field on whatever instance
      // it is read from, and a releaser reads it from the instance being cleaned up.
      const visitPrivate = (node: ts.Node): void => {
        if (ts.isPropertyAccessExpression(node) && ts.isPrivateIdentifier(node.name) && node.expression.kind !== ts.SyntaxKind.ThisKeyword) {
          const acquisition = acquisitions.get(node.name.text);
          if (acquisition && this.#isReleasingUse(node, acquisition.resource)) released.add(node.name.text);
        }
        node.forEachChild(visitPrivate);
      };
      method.forEachChild(visitPrivate);
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
      // `this.#session.once('disconnected', () => this.#world.dispose())`: the class ends the
      // field when the event that ends its own life comes, and no caller has to.
      forEachListenerCallback(member, (callback) => {
        forEachThisMemberAccess(callback, (access) => {
          const acquisition = acquisitions.get(access.name.text);
          if (acquisition && this.#isReleasingUse(access, acquisition.resource)) released.add(access.name.text);
        });
      });
    }
    return released;
  }

  #isReleasingUse(access: ts.PropertyAccessExpression, resource: ResourceInfo): boolean {
    const outer = climbOuterExpressions(access);
    const parent = outer.parent;
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer) {
      // The class's own cleanup names count: `this.child.close()` where the child is another class of the program.
      const call = calledMember(parent);
      const member = call && matchMemberCall(call);
      return member !== undefined && releasesResource(member.method, resource, this.#cleanupNames);
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
