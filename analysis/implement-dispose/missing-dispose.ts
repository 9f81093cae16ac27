import { ts, tsutils } from '../typescript.js';
import type { Engine } from '../engine.js';
import { scanFile } from '../file-scan.js';
import type { TextEdit } from '../text-edit.js';
import { isLibraryFile } from '../syntax.js';
import { disposeMembers } from '../vocabulary/dispose-members.js';
import {
  type ClassMember,
  classKeyword,
  cleanupMethodNames,
  type ImplementDisposeOptions,
  isAmbient,
  isOptionalParameter,
  isOwnCleanupCandidate,
  isThisParameter,
  releasesNothing,
} from './class-members.js';
import { disposeMemberEdit } from './dispose-member-edit.js';
import { isOwnerDriven } from './owner-driven.js';
import { holdsResourceInFields } from './unreleased-fields.js';

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

/** Every class of the file that should get a dispose member, in source order. */
export function findMissingDispose(
  sourceFile: ts.SourceFile,
  engine: Engine,
  options: ImplementDisposeOptions = {},
): DisposeMemberPlan[] {
  if (isLibraryFile(sourceFile, engine.program)) return [];
  const analyzer = new MissingDisposeAnalyzer(engine, cleanupMethodNames(options));
  const plans: DisposeMemberPlan[] = [];
  scanFile(sourceFile).classes.forEach((classNode) => {
    const plan = analyzer.plan(classNode);
    if (plan) plans.push(plan);
  });
  return plans;
}

/** Plans a dispose member per class, once: a subclass asks about its base. */
class MissingDisposeAnalyzer {
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
    if (isAmbient(classNode) || isLibraryFile(classNode.getSourceFile(), this.#engine.program)) return undefined;
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
    if (isOwnerDriven(classNode, this.#engine.program)) return undefined;
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
    const members = disposeMembers(type, this.#checker);
    return members !== undefined && (members.someAsync || members.someSync);
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
        (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) && !isLibraryFile(declaration.getSourceFile(), this.#engine.program),
    );
  }

  /**
   * The first cleanup method (in list order) the class itself implements and that can be called
   * with no argument: a method with a body, or a field holding an arrow function. Abstract
   * methods and overload signatures do not count; static members neither.
   */
  #cleanupMember(classNode: ts.ClassLikeDeclaration): { member: ClassMember; async: boolean } | undefined {
    // A cleanup method that releases nothing is a lifecycle hook, unless the class keeps a resource.
    let holdsFields: boolean | undefined;
    for (const cleanupName of this.#cleanupNames) {
      for (const member of classNode.members) {
        if (!isOwnCleanupCandidate(member, cleanupName)) continue;
        if (releasesNothing(member, classNode, this.#checker) && !(holdsFields ??= holdsResourceInFields(classNode, this.#engine))) {
          continue;
        }
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
}
