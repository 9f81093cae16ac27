import { ts } from './typescript.js';
import { isImplicitThrowPoint, isNullishLiteral, skipOuterExpressions } from './syntax.js';
import { CLOSED_STATE_PROPERTIES, OPEN_STATE_PROPERTIES } from './vocabulary/names.js';

/**
 * A small control-flow model over TypeScript's syntax tree, for one tracked binding at a time.
 *
 * ESLint's code-path analysis would not do: it exists only inside a lint run (the codemod has
 * none), it does not model implicit throws, and it forks on `x?.close()`. Here every call, `new`,
 * `await`, tagged template and `yield` may throw, and the state of the tracked resource is a set
 * of possibilities, so that each exit (fall-through, `return`, `throw`) says whether the resource
 * can still be live there.
 */
export const NONE = 1; // not acquired yet, or nullish
export const LIVE = 2; // acquired and not released
export const DONE = 4; // released

export interface Tracker {
  /** A variable declaration or assignment that makes the binding hold a new resource. */
  isAcquisition(node: ts.Node): boolean;
  /** A call that releases the resource held by the binding. */
  isRelease(node: ts.Node): boolean;
  /** Whether the expression is the tracked binding itself. */
  isBinding(node: ts.Expression): boolean;
  /**
   * A call that releases another resource of the same function. It is taken not to throw: a
   * `finally` that closes two resources one after the other is the usual way to write it, and
   * `using` would only differ when a release itself fails.
   */
  releasesAnother(node: ts.Node): boolean;
  /**
   * Whether an implicit throw point, or a step of a `for…of`/`for…in` loop, can throw in practice
   * (asked only while the resource is live).
   */
  canThrow(node: ts.Node): boolean;
  /**
   * Conditional ownership (`given ?? acquire()`): `true` when the condition holds exactly when the
   * binding holds a resource of this function's, `false` when exactly when it does not.
   */
  ownedWhen?(condition: ts.Expression): boolean | undefined;
}

export interface FlowResult {
  /** States in which the function can fall off its end or return. */
  readonly exitNormally: number;
  /** States in which an exception can leave the function. */
  readonly exitByThrow: number;
  /** An acquisition that overwrote a live resource (a loop that re-acquires without releasing). */
  readonly reacquiredWhileLive: boolean;
}

interface Outcome {
  normal: number;
  thrown: number;
  returned: number;
  /** `break:label` / `continue:label` (label empty when none) → states. */
  jumps: Map<string, number>;
}

function emptyOutcome(normal: number): Outcome {
  return { normal, thrown: 0, returned: 0, jumps: new Map() };
}

function addJump(outcome: Outcome, key: string, state: number): void {
  if (state) outcome.jumps.set(key, (outcome.jumps.get(key) ?? 0) | state);
}

/** Merges the abrupt completions of `from` into `into`. */
function mergeAbrupt(into: Outcome, from: Outcome): void {
  into.thrown |= from.thrown;
  into.returned |= from.returned;
  for (const [key, state] of from.jumps) addJump(into, key, state);
}

function release(state: number): number {
  return state & LIVE ? (state & ~LIVE) | DONE : state;
}

export function analyzeFlow(body: ts.Block, tracker: Tracker): FlowResult {
  let reacquiredWhileLive = false;

  function narrow(condition: ts.Expression, state: number, whenTrue: boolean): number {
    const test = skipOuterExpressions(condition);
    if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) {
      return narrow(test.operand, state, !whenTrue);
    }
    if (ts.isBinaryExpression(test) && test.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      const leftTrue = narrow(test.left, state, true);
      return whenTrue ? narrow(test.right, leftTrue, true) : narrow(test.left, state, false) | narrow(test.right, leftTrue, false);
    }
    if (ts.isBinaryExpression(test) && test.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      const leftFalse = narrow(test.left, state, false);
      return whenTrue ? narrow(test.left, state, true) | narrow(test.right, leftFalse, true) : narrow(test.right, leftFalse, false);
    }
    // `if (!given) conn.release()`: on the other branch the binding holds the caller's value.
    const owned = tracker.ownedWhen?.(test);
    if (owned !== undefined) return owned === whenTrue || !(state & LIVE) ? state : (state & ~LIVE) | NONE;
    // `if (client.isOpen) client.destroy()`: where the resource says it holds nothing, nothing is left to release.
    if (ts.isPropertyAccessExpression(test) && tracker.isBinding(test.expression)) {
      const open = OPEN_STATE_PROPERTIES.has(test.name.text) ? true : CLOSED_STATE_PROPERTIES.has(test.name.text) ? false : undefined;
      if (open !== undefined && open !== whenTrue) return release(state);
      return state;
    }
    let nonNullWhenTrue: boolean | undefined;
    if (tracker.isBinding(test)) nonNullWhenTrue = true;
    else if (ts.isBinaryExpression(test)) {
      const operator = test.operatorToken.kind;
      const other = tracker.isBinding(test.left) ? test.right : tracker.isBinding(test.right) ? test.left : undefined;
      if (other !== undefined && isNullishLiteral(other)) {
        if (operator === ts.SyntaxKind.ExclamationEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) {
          nonNullWhenTrue = true;
        } else if (operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsEqualsToken) {
          nonNullWhenTrue = false;
        }
      }
    }
    if (nonNullWhenTrue === undefined) return state;
    // A live resource is never nullish; a released one may have been set to null since.
    return nonNullWhenTrue === whenTrue ? state & ~NONE : state & ~LIVE;
  }

  /** Evaluates an expression; throws are added to `outcome.thrown`. Returns the state after it. */
  function expression(node: ts.Node, state: number, outcome: Outcome): number {
    if (state === 0) return 0;
    // A function is not run here; handing it on (a closure over the resource) can release.
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return tracker.isRelease(node) ? release(state) : state;
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (
        operator === ts.SyntaxKind.AmpersandAmpersandToken ||
        operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken
      ) {
        const left = expression(node.left, state, outcome);
        const rightEntry =
          operator === ts.SyntaxKind.AmpersandAmpersandToken
            ? narrow(node.left, left, true)
            : operator === ts.SyntaxKind.BarBarToken
              ? narrow(node.left, left, false)
              : left;
        const skipped =
          operator === ts.SyntaxKind.AmpersandAmpersandToken
            ? narrow(node.left, left, false)
            : operator === ts.SyntaxKind.BarBarToken
              ? narrow(node.left, left, true)
              : left;
        return skipped | expression(node.right, rightEntry, outcome);
      }
    }
    if (ts.isConditionalExpression(node)) {
      const afterCondition = expression(node.condition, state, outcome);
      return (
        expression(node.whenTrue, narrow(node.condition, afterCondition, true), outcome) |
        expression(node.whenFalse, narrow(node.condition, afterCondition, false), outcome)
      );
    }
    let current = state;
    node.forEachChild((child) => {
      current = expression(child, current, outcome);
    });
    if (tracker.isRelease(node)) return release(current);
    const releasedOther = ts.isAwaitExpression(node) ? skipOuterExpressions(node.expression) : node;
    if (tracker.releasesAnother(releasedOther)) return current;
    if (isImplicitThrowPoint(node)) {
      if (!(current & LIVE) || tracker.canThrow(node)) outcome.thrown |= current;
    } else if (ts.isYieldExpression(node)) {
      // The consumer may stop the generator here (`return()`) or throw into it.
      outcome.thrown |= current;
      outcome.returned |= current;
    }
    if (tracker.isAcquisition(node)) {
      if (current & LIVE) reacquiredWhileLive = true;
      return LIVE;
    }
    return current;
  }

  function block(statements: readonly ts.Statement[], state: number): Outcome {
    const outcome = emptyOutcome(state);
    for (const statement of statements) {
      const next = statement_(statement, outcome.normal);
      mergeAbrupt(outcome, next);
      outcome.normal = next.normal;
    }
    return outcome;
  }

  function loopOutcome(
    labels: readonly string[],
    entry: number,
    iterate: (head: number, outcome: Outcome) => { exit: number; backEdge: number },
  ): Outcome {
    const outcome = emptyOutcome(0);
    let head = entry;
    for (;;) {
      const pass = emptyOutcome(0);
      const { exit, backEdge } = iterate(head, pass);
      let continued = 0;
      let broken = 0;
      for (const [key, jumpState] of pass.jumps) {
        const [kind, label] = key.split(':') as [string, string];
        const ours = label === '' || labels.includes(label);
        if (ours && kind === 'continue') continued |= jumpState;
        else if (ours && kind === 'break') broken |= jumpState;
        else addJump(outcome, key, jumpState);
      }
      outcome.thrown |= pass.thrown;
      outcome.returned |= pass.returned;
      outcome.normal |= exit | broken;
      const nextHead = head | backEdge | continued;
      if (nextHead === head) {
        // One more pass may be needed for `continue` states to reach the exit; the head is stable.
        return outcome;
      }
      head = nextHead;
    }
  }

  function loopBody(statement: ts.IterationStatement, labels: readonly string[], state: number): Outcome {
    if (ts.isWhileStatement(statement)) {
      return loopOutcome(labels, state, (head, pass) => {
        const afterCondition = expression(statement.expression, head, pass);
        const body = statement_(statement.statement, narrow(statement.expression, afterCondition, true));
        mergeAbrupt(pass, body);
        return { exit: narrow(statement.expression, afterCondition, false), backEdge: body.normal };
      });
    }
    if (ts.isDoStatement(statement)) {
      return loopOutcome(labels, state, (head, pass) => {
        const body = statement_(statement.statement, head);
        mergeAbrupt(pass, body);
        const continued = takeContinues(pass, labels);
        const afterCondition = expression(statement.expression, body.normal | continued, pass);
        return {
          exit: narrow(statement.expression, afterCondition, false),
          backEdge: narrow(statement.expression, afterCondition, true),
        };
      });
    }
    if (ts.isForStatement(statement)) {
      const init = emptyOutcome(state);
      if (statement.initializer) init.normal = expression(statement.initializer, state, init);
      const loop = loopOutcome(labels, init.normal, (head, pass) => {
        const afterCondition = statement.condition ? expression(statement.condition, head, pass) : head;
        const body = statement_(
          statement.statement,
          statement.condition ? narrow(statement.condition, afterCondition, true) : afterCondition,
        );
        mergeAbrupt(pass, body);
        const continued = takeContinues(pass, labels);
        const afterIncrement = statement.incrementor
          ? expression(statement.incrementor, body.normal | continued, pass)
          : body.normal | continued;
        return {
          exit: statement.condition ? narrow(statement.condition, afterCondition, false) : 0,
          backEdge: afterIncrement,
        };
      });
      mergeAbrupt(loop, init);
      return loop;
    }
    // for-of / for-in: the iterable is evaluated once; each step may throw, unless the tracker
    // knows the iteration cannot (an array's).
    const forInOf = statement as ts.ForOfStatement | ts.ForInStatement;
    const head = emptyOutcome(state);
    head.normal = expression(forInOf.expression, state, head);
    const loop = loopOutcome(labels, head.normal, (entry, pass) => {
      if (!(entry & LIVE) || tracker.canThrow(forInOf)) pass.thrown |= entry;
      const body = statement_(forInOf.statement, entry);
      mergeAbrupt(pass, body);
      return { exit: entry, backEdge: body.normal };
    });
    mergeAbrupt(loop, head);
    return loop;
  }

  function takeContinues(outcome: Outcome, labels: readonly string[]): number {
    let continued = 0;
    for (const [key, jumpState] of outcome.jumps) {
      const [kind, label] = key.split(':') as [string, string];
      if (kind === 'continue' && (label === '' || labels.includes(label))) {
        continued |= jumpState;
        outcome.jumps.delete(key);
      }
    }
    return continued;
  }

  function tryStatement(statement: ts.TryStatement, state: number): Outcome {
    const body = block(statement.tryBlock.statements, state);
    let combined: Outcome = body;
    if (statement.catchClause) {
      const handler = block(statement.catchClause.block.statements, body.thrown);
      combined = emptyOutcome(body.normal | handler.normal);
      combined.returned = body.returned;
      for (const [key, jumpState] of body.jumps) addJump(combined, key, jumpState);
      mergeAbrupt(combined, handler);
    }
    if (!statement.finallyBlock) return combined;
    const finallyStatements = statement.finallyBlock.statements;
    const result = emptyOutcome(0);
    const through = (entry: number, resume: (after: number) => void): void => {
      if (!entry) return;
      const cleanup = block(finallyStatements, entry);
      mergeAbrupt(result, cleanup);
      resume(cleanup.normal);
    };
    through(combined.normal, (after) => (result.normal |= after));
    through(combined.thrown, (after) => (result.thrown |= after));
    through(combined.returned, (after) => (result.returned |= after));
    for (const [key, jumpState] of combined.jumps) through(jumpState, (after) => addJump(result, key, after));
    return result;
  }

  function switchStatement(statement: ts.SwitchStatement, labels: readonly string[], state: number): Outcome {
    const outcome = emptyOutcome(0);
    const afterDiscriminant = expression(statement.expression, state, outcome);
    let fallthrough = 0;
    let hasDefault = false;
    let testState = afterDiscriminant;
    for (const clause of statement.caseBlock.clauses) {
      if (ts.isCaseClause(clause)) testState = expression(clause.expression, testState, outcome);
      else hasDefault = true;
      const body = block(clause.statements, testState | fallthrough);
      for (const [key, jumpState] of body.jumps) {
        const [kind, label] = key.split(':') as [string, string];
        if (kind === 'break' && (label === '' || labels.includes(label))) outcome.normal |= jumpState;
        else addJump(outcome, key, jumpState);
      }
      outcome.thrown |= body.thrown;
      outcome.returned |= body.returned;
      fallthrough = body.normal;
    }
    outcome.normal |= fallthrough | (hasDefault ? 0 : testState);
    return outcome;
  }

  function statement_(statement: ts.Statement, state: number, labels: readonly string[] = []): Outcome {
    if (state === 0) return emptyOutcome(0);
    switch (statement.kind) {
      case ts.SyntaxKind.Block:
        return block((statement as ts.Block).statements, state);
      case ts.SyntaxKind.IfStatement: {
        const ifStatement = statement as ts.IfStatement;
        const outcome = emptyOutcome(0);
        const afterCondition = expression(ifStatement.expression, state, outcome);
        const thenOutcome = statement_(ifStatement.thenStatement, narrow(ifStatement.expression, afterCondition, true));
        mergeAbrupt(outcome, thenOutcome);
        const elseEntry = narrow(ifStatement.expression, afterCondition, false);
        if (ifStatement.elseStatement) {
          const elseOutcome = statement_(ifStatement.elseStatement, elseEntry);
          mergeAbrupt(outcome, elseOutcome);
          outcome.normal = thenOutcome.normal | elseOutcome.normal;
        } else {
          outcome.normal = thenOutcome.normal | elseEntry;
        }
        return outcome;
      }
      case ts.SyntaxKind.ReturnStatement: {
        const outcome = emptyOutcome(0);
        const expr = (statement as ts.ReturnStatement).expression;
        outcome.returned = expr ? expression(expr, state, outcome) : state;
        return outcome;
      }
      case ts.SyntaxKind.ThrowStatement: {
        const outcome = emptyOutcome(0);
        outcome.thrown |= expression((statement as ts.ThrowStatement).expression, state, outcome);
        return outcome;
      }
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const jump = statement as ts.BreakOrContinueStatement;
        const outcome = emptyOutcome(0);
        const kind = statement.kind === ts.SyntaxKind.BreakStatement ? 'break' : 'continue';
        addJump(outcome, `${kind}:${jump.label?.text ?? ''}`, state);
        return outcome;
      }
      case ts.SyntaxKind.TryStatement:
        return tryStatement(statement as ts.TryStatement, state);
      case ts.SyntaxKind.SwitchStatement:
        return switchStatement(statement as ts.SwitchStatement, labels, state);
      case ts.SyntaxKind.LabeledStatement: {
        const labeled = statement as ts.LabeledStatement;
        const label = labeled.label.text;
        const inner = statement_(labeled.statement, state, [...labels, label]);
        const key = `break:${label}`;
        const broken = inner.jumps.get(key) ?? 0;
        inner.jumps.delete(key);
        inner.normal |= broken;
        return inner;
      }
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        return loopBody(statement as ts.IterationStatement, labels, state);
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.EmptyStatement:
      case ts.SyntaxKind.DebuggerStatement:
        return emptyOutcome(state);
      default: {
        const outcome = emptyOutcome(0);
        outcome.normal = expression(statement, state, outcome);
        return outcome;
      }
    }
  }

  const outcome = block(body.statements, NONE);
  return {
    exitNormally: outcome.normal | outcome.returned,
    exitByThrow: outcome.thrown,
    reacquiredWhileLive,
  };
}
