import { ts } from './typescript.js';
import type { Engine } from './engine.js';
import { typeNameForMessages } from './resource-model.js';
import { awaitUsingContext, isPlainUsingDeclarationList } from './syntax.js';
import { disposeMembers } from './vocabulary/dispose-members.js';

/**
 * Why a `using` declaration should be `await using`:
 * - `asyncOnly`: the type has `[Symbol.asyncDispose]` but no `[Symbol.dispose]`, so `using`
 *   throws a TypeError at the declaration (it looks up `[Symbol.dispose]` only).
 * - `syncOfAsync`: the type has both, and `using` picks the synchronous one in async code, so the
 *   block does not wait for the asynchronous release.
 */
export type AwaitUsingKind = 'asyncOnly' | 'syncOfAsync';

export interface AwaitUsingFinding {
  readonly kind: AwaitUsingKind;
  /** The declared name, where to report. */
  readonly node: ts.Identifier;
  readonly name: string;
  /** The type as TypeScript prints it, without `null`/`undefined`. */
  readonly typeName: string;
  /** Whether `await using` is legal at the declaration; when it is not, why not. */
  readonly awaitUsingAllowed: boolean;
  readonly notAllowedReason?: string;
}

/**
 * Checks one declarator of a plain `using` declaration (not `await using`). Returns a finding when
 * its type has an asynchronous dispose member that `using` does not wait for.
 *
 * Not reported: a type with only `[Symbol.dispose]`; `any`/`unknown`; and a type with both members
 * where `await using` is not legal (a sync function): there the synchronous member is the right one.
 */
export function checkUsingDeclaration(declaration: ts.VariableDeclaration, engine: Engine): AwaitUsingFinding | undefined {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !isPlainUsingDeclarationList(list) || !ts.isIdentifier(declaration.name)) {
    return undefined;
  }
  const checker = engine.checker;
  const declared = checker.getTypeAtLocation(declaration.name);
  const members = disposeMembers(declared, checker);
  if (!members?.someAsync) return undefined;
  const kind: AwaitUsingKind = members.everySync ? 'syncOfAsync' : 'asyncOnly';
  const context = awaitUsingContext(list, engine.program);
  if (kind === 'syncOfAsync' && !context.allowed) return undefined;
  return {
    kind,
    node: declaration.name,
    name: declaration.name.text,
    typeName: typeNameForMessages(checker.getNonNullableType(declared), checker),
    awaitUsingAllowed: context.allowed,
    ...(context.allowed ? {} : { notAllowedReason: context.reason }),
  };
}
