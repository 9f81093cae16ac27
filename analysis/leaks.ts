import { ts } from './typescript.js';
import type { Engine } from './engine.js';
import { opensAt } from './first-use.js';
import { builtOverInertPart, holdsOnlyWhatItIsGiven } from './holds-nothing.js';
import { releasedBySuiteHook } from './test-hooks.js';
import type { TextEdit } from './text-edit.js';
import { scanFile } from './file-scan.js';
import { analyzeFlow, LIVE } from './flow.js';
import { hasKind, isReferenceTo, type Reference } from './ownership.js';
import { isOutwardHandOff, isOwnSetup, mayThrowBeforeUse, releasesAnyResource } from './hand-off.js';
import type { ResourceInfo } from './resource-model.js';
import {
  acquisitionCall,
  calleeName,
  climbOuterExpressions,
  enclosingFunction,
  isFunctionWithBlockBody,
  isLibraryFile,
  isUsingDeclarationList,
  rootIdentifier,
  skipOuterExpressions,
} from './syntax.js';
import { ENTRY_FUNCTION_NAMES, MAPPING_METHODS, PROMISE_CHAIN_METHODS } from './vocabulary/names.js';
import { failureReleases, runsBefore, stackEmptyUntil } from './harmless-throws.js';
import { type ConditionalAcquisition, conditionalAcquisition, ownedWhen } from './vocabulary/conditional-ownership.js';
import { remedyFor, returnsPendingPromise, usingSuggestion } from './leak-remedies.js';
import { releasesThroughPart } from './vocabulary/release.js';

export type LeakKind = 'neverReleased' | 'notReleasedOnThrow' | 'notHandedOffOnThrow' | 'notReleasedOnEveryPath' | 'discarded' | 'promiseAll';

export interface LeakFinding {
  readonly kind: LeakKind;
  /** Where to report: the binding's name, the discarded expression, or the `Promise.all` call. */
  readonly node: ts.Node;
  readonly name: string;
  readonly resource: ResourceInfo;
  /** How to hold it, for messages: "`await using`", "`using`", or an AsyncDisposableStack. */
  readonly remedy: string;
  /** Declaring the binding with `using`/`await using` instead of `const`. */
  readonly suggestion?: { readonly keyword: 'await using' | 'using'; readonly edits: readonly TextEdit[] };
}

interface BindingCandidate {
  readonly symbol: ts.Symbol;
  readonly container: ts.SignatureDeclaration & { body: ts.Block };
  readonly resource: ResourceInfo;
  /** Declarations and assignments that acquire a resource into the binding, in source order. */
  readonly acquisitions: (ts.VariableDeclaration | ts.BinaryExpression)[];
  /**
   * The binding is the resource's release function, destructured from it (`const { client,
   * teardown } = await setup()`): calling it releases the resource.
   */
  readonly releaseFunction?: boolean;
  /** Acquired only when a caller's value was absent (`given ?? acquire()`). */
  readonly ownership?: ConditionalAcquisition;
}

/** Finds leaked resources in one source file. Only acquisition-shaped expressions reach the checker. */
export function findLeaks(sourceFile: ts.SourceFile, engine: Engine): LeakFinding[] {
  const findings: LeakFinding[] = [];
  const bindings = new Map<ts.Symbol, BindingCandidate>();
  const entryFunctions = collectEntryFunctions(sourceFile);
  const checker = engine.checker;

  const resourceOf = (expression: ts.Expression, settled = false): ResourceInfo | undefined => {
    const acquisition = engine.acquisitions.acquiredBy(expression, { settled });
    const parent = acquisition?.resource.parent;
    if (acquisition && parent !== undefined && (parentReleasedHere(acquisition.call, engine) || releasedBySuiteHook(acquisition.call, parent, engine))) {
      return undefined;
    }
    return acquisition?.resource;
  };

  const addBinding = (
    symbol: ts.Symbol | undefined,
    container: ts.SignatureDeclaration,
    resource: ResourceInfo,
    acquisition: ts.VariableDeclaration | ts.BinaryExpression,
    ownership?: ConditionalAcquisition,
  ): void => {
    if (!symbol || !isFunctionWithBlockBody(container)) return;
    if (resource.longLived && entryFunctions.has(container)) return;
    const existing = bindings.get(symbol);
    if (existing) existing.acquisitions.push(acquisition);
    else bindings.set(symbol, { symbol, container, resource, acquisitions: [acquisition], ...(ownership ? { ownership } : {}) });
  };

  /**
   * `const { statusCode, body } = await pool.request(options)`: a resource that a fresh result
   * holds in a property is the binding's, as if it had been acquired by itself (undici's body).
   */
  function visitDestructuredResources(declaration: ts.VariableDeclaration, pattern: ts.ObjectBindingPattern): void {
    const initializer = declaration.initializer;
    const container = initializer && acquisitionCall(initializer) && enclosingFunction(declaration);
    const list = declaration.parent;
    if (!container || !isFunctionWithBlockBody(container) || !ts.isVariableDeclarationList(list) || isUsingDeclarationList(list)) return;
    if (!engine.acquisitions.isFreshLibraryResult(initializer)) return;
    for (const element of pattern.elements) {
      if (element.dotDotDotToken || !ts.isIdentifier(element.name)) continue;
      const symbol = checker.getSymbolAtLocation(element.name);
      const resource = symbol && engine.resources.classify(checker.getTypeOfSymbol(symbol));
      if (resource) addBinding(symbol, container, resource, declaration);
    }
  }

  function visitDeclaration(declaration: ts.VariableDeclaration): void {
    const list = declaration.parent;
    if (ts.isObjectBindingPattern(declaration.name) && declaration.initializer) {
      // `const { fd } = await open(p)` keeps a property and drops the resource itself.
      visitDiscarded(declaration.initializer, declaration.name);
      visitDestructuredResources(declaration, declaration.name);
      return;
    }
    if (
      !ts.isIdentifier(declaration.name) ||
      !declaration.initializer ||
      !ts.isVariableDeclarationList(list) ||
      !ts.isVariableStatement(list.parent) ||
      isUsingDeclarationList(list)
    ) {
      return;
    }
    // `given ?? acquire()`: only the acquired operand is this function's (conditional ownership).
    const ownership = acquisitionCall(declaration.initializer) ? undefined : conditionalAcquisition(declaration.initializer, checker);
    const acquired = ownership?.acquired ?? declaration.initializer;
    const call = acquisitionCall(acquired);
    const container = call && enclosingFunction(declaration);
    if (!call || !container || !isFunctionWithBlockBody(container)) return;
    // A value returned or stored at once is not this function's to release, whatever it is: no
    // type query. One handed on after something that may throw is judged on that path.
    if (engine.ownership.escapesWithoutTypes(declaration.name.text, container.body) && !mayThrowBeforeUse(list.parent, declaration.name.text)) {
      return;
    }
    const resource = resourceOf(acquired);
    if (resource) addBinding(checker.getSymbolAtLocation(declaration.name), container, resource, declaration, ownership);
  }

  function visitAssignment(assignment: ts.BinaryExpression): void {
    const target = skipOuterExpressions(assignment.left);
    if (!ts.isIdentifier(target)) return;
    const call = acquisitionCall(assignment.right);
    const container = call && enclosingFunction(assignment);
    if (!call || !container) return;
    const symbol = checker.getSymbolAtLocation(target);
    const declaration = symbol?.valueDeclaration;
    // Only a local `let` of the same function: assigning to an outer variable stores the resource.
    if (!declaration || !ts.isVariableDeclaration(declaration) || enclosingFunction(declaration) !== container) return;
    const resource = resourceOf(assignment.right);
    if (resource) addBinding(symbol, container, resource, assignment);
  }

  function visitDiscarded(value: ts.Expression, kept?: ts.ObjectBindingPattern): void {
    let expression = skipOuterExpressions(value);
    if (ts.isVoidExpression(expression)) expression = skipOuterExpressions(expression.expression);
    const call = acquisitionCall(expression);
    const container = call && enclosingFunction(value);
    if (!call || !container) return;
    const resource = resourceOf(expression, true);
    // A server, pool or watcher thrown away on the spot (`app.listen(port)`, `fs.watch(dir, cb)`)
    // is kept alive by its own handles on purpose: a fire-and-forget, not a leak.
    if (!resource || resource.longLived) return;
    // `const { client, teardown } = await setup()` keeps the means to release it: calling it is the release.
    const release = kept?.elements.find((element) => resource.releaseMethods.has((element.propertyName ?? element.name).getText()));
    if (release) {
      const declaration = kept?.parent;
      const symbol = ts.isIdentifier(release.name) ? checker.getSymbolAtLocation(release.name) : undefined;
      if (symbol && declaration && ts.isVariableDeclaration(declaration) && isFunctionWithBlockBody(container) && !(resource.longLived && entryFunctions.has(container))) {
        bindings.set(symbol, { symbol, container, resource, acquisitions: [declaration], releaseFunction: true });
      }
      return;
    }
    // `const { port1, port2 } = new MessageChannel()` keeps the parts its release goes through.
    if (kept?.elements.some((element) => releasesThroughPart(resource, (element.propertyName ?? element.name).getText()))) return;
    findings.push({
      kind: 'discarded',
      node: expression,
      name: calleeName(call) ?? 'this call',
      resource,
      remedy: remedyFor(resource, container),
    });
  }

  /** `Promise.all(…)`, as the scan found it. */
  function visitPromiseAll(call: ts.CallExpression): void {
    const list = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
    if (!list) return;
    // `[a(), b()]` with two or more acquisitions, or `xs.map((x) => acquire(x))`, which acquires one per item.
    const elements = ts.isArrayLiteralExpression(list)
      ? list.elements.length >= 2
        ? list.elements
        : []
      : ts.isCallExpression(list) && MAPPING_METHODS.has(calleeName(list) ?? '')
        ? mappedValues(list)
        : [];
    for (const element of elements) {
      const resource = resourceOf(element, true);
      // Children (a page's element handles) that a rejection leaves behind stay with the parent
      // they came from, which releases them with itself; `allSettled` and a release of each would
      // cost more than the short leak it prevents.
      if (resource?.parent !== undefined) continue;
      if (resource) {
        findings.push({
          kind: 'promiseAll',
          node: call,
          name: 'Promise.all',
          resource,
          remedy: remedyFor(resource, enclosingFunction(call)),
        });
        return;
      }
    }
  }

  if (!isLibraryFile(sourceFile, engine.program)) {
    for (const site of scanFile(sourceFile).leakSites) {
      if (ts.isVariableDeclaration(site)) visitDeclaration(site);
      else if (ts.isBinaryExpression(site)) visitAssignment(site);
      else if (ts.isExpressionStatement(site)) visitDiscarded(site.expression);
      else visitPromiseAll(site);
    }
  }

  const analyses = [...bindings.values()].map((binding) => {
    const references = engine.ownership.references(binding.symbol, binding.container.body, binding.resource);
    return { binding, references: binding.releaseFunction ? asReleaseFunction(references, binding.container) : references };
  });
  const releaseCalls = new Set(
    analyses.flatMap(({ references }) => references.flatMap((reference) => reference.releaseCall ?? [])),
  );
  for (const { binding, references } of analyses) {
    const finding = analyzeBinding(binding, references, releaseCalls, engine);
    if (finding) findings.push(finding);
  }
  return findings.sort((a, b) => a.node.getStart() - b.node.getStart());
}

function analyzeBinding(
  binding: BindingCandidate,
  references: readonly Reference[],
  allReleaseCalls: ReadonlySet<ts.Node>,
  engine: Engine,
): LeakFinding | undefined {
  const { checker, throws } = engine;
  const { resource, container, acquisitions } = binding;
  if (hasKind(references, 'consumed', 'callbackRelease')) return undefined;
  // A hand-off (returned, stored, given to an owner) ends the function's duty; one in a callback
  // may come at any time, so the function's paths say nothing.
  const handOffs = new Set<ts.Node>(
    references.filter((reference) => reference.kind === 'escape').map((reference) => reference.handOffAt ?? reference.identifier),
  );
  if ([...handOffs].some((handOff) => enclosingFunction(handOff) !== container || !isOutwardHandOff(handOff))) return undefined;
  const openedAt = opensAt(resource, references, binding.acquisitions, engine.program);
  if (openedAt === Infinity) return undefined;
  if (builtOverInertPart(resource, acquisitions, engine.program)) return undefined;
  if (holdsOnlyWhatItIsGiven(resource, acquisitions, checker, engine.resources)) return undefined;
  const releaseCalls = new Set<ts.Node>(references.flatMap((reference) => reference.releaseCall ?? []));
  const acquisitionNodes = new Set<ts.Node>(acquisitions);
  const emptyUntil = stackEmptyUntil(binding.symbol, references, checker);
  const ownership = binding.ownership;
  const flow = analyzeFlow(container.body, {
    isAcquisition: (node) => acquisitionNodes.has(node),
    isRelease: (node) => releaseCalls.has(node) || handOffs.has(node),
    isBinding: (node) => isReferenceTo(node, references),
    releasesAnother: (node) => allReleaseCalls.has(node) && !releaseCalls.has(node),
    canThrow: (node) =>
      !(emptyUntil !== undefined && runsBefore(node, emptyUntil, container)) &&
      // Before a client is first connected or used, a throw leaves nothing open.
      !(openedAt !== undefined && runsBefore(node, openedAt, container)) &&
      !failureReleases(node, resource, references) &&
      // Before a hand-off, the class's own setup of a new instance (`x.#initialize()`, anything
      // its static factory calls on it or on what it built it over) failing is the factory's failure, not a leak of this
      // function's; a release of another resource is taken not to throw, as everywhere.
      !(handOffs.size > 0 && (isOwnSetup(node, references, acquisitions, container, checker) || releasesAnyResource(node, engine))) &&
      throws.canThrowAt(node, { assertionsPass: true }),
    ...(ownership ? { ownedWhen: (condition: ts.Expression) => ownedWhen(condition, ownership, checker) } : {}),
  });
  const leaksOnExplicitPath = (flow.exitNormally & LIVE) !== 0 || flow.reacquiredWhileLive;
  const leaksOnThrow = (flow.exitByThrow & LIVE) !== 0;
  if (!leaksOnExplicitPath && !leaksOnThrow) return undefined;
  // Handed on: only a throw before the hand-off is a leak of this function's (a path that neither
  // hands it on nor releases it may be one the hand-off's receiver covers in ways not modeled).
  if (handOffs.size > 0 && (leaksOnExplicitPath || !leaksOnThrow)) return undefined;

  const first = acquisitions[0];
  if (!first) return undefined;
  // A destructured release function is reported at what it came from (`await setup()`).
  const nameNode = ts.isVariableDeclaration(first)
    ? binding.releaseFunction && first.initializer ? skipOuterExpressions(first.initializer) : first.name
    : skipOuterExpressions(first.left);
  const kind: LeakKind =
    handOffs.size > 0
      ? 'notHandedOffOnThrow'
      : releaseCalls.size === 0
        ? 'neverReleased'
        : leaksOnExplicitPath
          ? 'notReleasedOnEveryPath'
          : 'notReleasedOnThrow';
  // The syntactic conditions first: the pending-promise check types the returned expressions.
  // `using` declares one name: a destructured part (`const { body } = …`) has no such edit.
  const declaresOneName = !ts.isVariableDeclaration(first) || ts.isIdentifier(first.name);
  // `using` on `given ?? acquire()` would dispose the caller's value too.
  const candidate =
    kind === 'neverReleased' && acquisitions.length === 1 && declaresOneName && !ownership ? usingSuggestion(first, resource, container) : undefined;
  const suggestion = candidate && !returnsPendingPromise(references, container, checker) ? candidate : undefined;
  return {
    kind,
    node: nameNode,
    name: binding.symbol.getName(),
    resource,
    remedy: remedyFor(resource, container),
    ...(suggestion ? { suggestion } : {}),
  };
}


/**
 * Functions that a module runs as its program (`main()` at top level, an async IIFE): servers and
 * pools they create are kept for the process lifetime.
 */
function collectEntryFunctions(sourceFile: ts.SourceFile): Set<ts.Node> {
  const names = new Set<string>(ENTRY_FUNCTION_NAMES);
  const entries = new Set<ts.Node>();
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    let expression = skipOuterExpressions(statement.expression);
    for (;;) {
      if (ts.isAwaitExpression(expression) || ts.isVoidExpression(expression)) {
        expression = skipOuterExpressions(expression.expression);
      } else if (
        ts.isCallExpression(expression) &&
        ts.isPropertyAccessExpression(expression.expression) &&
        PROMISE_CHAIN_METHODS.has(expression.expression.name.text)
      ) {
        expression = skipOuterExpressions(expression.expression.expression);
      } else break;
    }
    if (!ts.isCallExpression(expression)) continue;
    const callee = skipOuterExpressions(expression.expression);
    if (ts.isIdentifier(callee)) names.add(callee.text);
    else if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) entries.add(callee);
  }
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && names.has(statement.name.text)) entries.add(statement);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer);
        if (
          ts.isIdentifier(declaration.name) &&
          names.has(declaration.name.text) &&
          initializer &&
          (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer))
        ) {
          entries.add(initializer);
        }
      }
    }
  }
  return entries;
}

/** What a mapping call's callback returns: an arrow's expression body, or its `return` values. */
function mappedValues(call: ts.CallExpression): ts.Expression[] {
  const callback = call.arguments.find((argument) => {
    const inner = skipOuterExpressions(argument);
    return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner);
  });
  const fn = callback && (skipOuterExpressions(callback) as ts.ArrowFunction | ts.FunctionExpression);
  if (!fn) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) values.push(node.expression);
    node.forEachChild(visit);
  };
  fn.body.forEachChild(visit);
  return values;
}

/**
 * The references of a destructured release function as the resource's: a direct call of it in the
 * function is the release, any other use (passed on, called from a callback) hands it on.
 */
function asReleaseFunction(references: readonly Reference[], container: ts.SignatureDeclaration): Reference[] {
  return references.map(({ identifier }) => {
    const outer = climbOuterExpressions(identifier);
    const call = outer.parent;
    return ts.isCallExpression(call) && call.expression === outer && enclosingFunction(identifier) === container
      ? { identifier, kind: 'release', releaseCall: call }
      : { identifier, kind: 'escape' };
  });
}

/**
 * A child resource (a puppeteer element handle of a page) acquired through a parent that this
 * function releases (`page.close()` in its `finally`, or `await using page`): the parent releases
 * the child with itself, so the child is no leak of its own.
 */
function parentReleasedHere(call: ts.CallExpression | ts.NewExpression, engine: Engine): boolean {
  const root = rootIdentifier(call.expression, { throughCalls: true });
  const container = enclosingFunction(call);
  const symbol = root && engine.checker.getSymbolAtLocation(root);
  const declaration = symbol?.valueDeclaration;
  if (!root || !symbol || !declaration || !container || !isFunctionWithBlockBody(container)) return false;
  if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && isUsingDeclarationList(declaration.parent)) {
    return true;
  }
  const parent = engine.resources.classify(engine.checker.getTypeAtLocation(root));
  return parent !== undefined && hasKind(engine.ownership.references(symbol, container.body, parent), 'release', 'callbackRelease');
}
