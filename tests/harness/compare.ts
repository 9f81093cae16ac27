// Differential comparison of a rewrite: both programs run every scenario either of them
// exposes, and each pair of traces must be equal, or differ only in the declared ways.

import {
  errorLeaves,
  formatEvent,
  formatOutcome,
  formatTrace,
  injectedError,
  sameError,
  type ErrorInfo,
  type Outcome,
  type Trace,
} from './trace.js';
import { loadProgram } from './sandbox.js';
import {
  compareScenarios,
  explore,
  Runner,
  scenarioKey,
  withoutReleaseFailures,
  type ExploreOptions,
  type Scenario,
} from './scenarios.js';

/**
 * The behavior changes docs/semantics.md accepts, as they show in traces (see README.md):
 * - `suppressed-error`: the outcome is a SuppressedError whose `.error` is the input's error and
 *   whose `.suppressed` holds only errors the input threw and lost (the body's error).
 * - `later-release-runs`: the output runs a release the input never runs, right after another
 *   release in the same run of releases threw.
 * - `release-on-early-throw`: on a path where the input throws, the output releases a resource
 *   the input acquired and never released.
 */
export type AllowedDifference = 'suppressed-error' | 'later-release-runs' | 'release-on-early-throw';

export type Expected = 'exact' | { readonly allowed: readonly AllowedDifference[] };

export interface CompareOptions extends ExploreOptions {
  readonly expected: Expected;
}

export type Verdict =
  /** Every scenario's traces are identical. */
  | { readonly kind: 'equal'; readonly scenarios: number }
  /** Every scenario's traces are identical or differ only in these declared ways. */
  | { readonly kind: 'allowed'; readonly scenarios: number; readonly differences: readonly AllowedDifference[] }
  | {
      readonly kind: 'different';
      readonly scenarios: number;
      /** The simplest scenario whose traces differ in a way `expected` does not accept. */
      readonly scenario: Scenario;
      readonly input: Trace;
      readonly output: Trace;
      readonly reason: string;
      /** Declared differences this scenario shows (those before the unrecognized one, if any). */
      readonly recognized: readonly AllowedDifference[];
    };

export async function compareRewrite(inputTs: string, outputTs: string, options: CompareOptions): Promise<Verdict> {
  const input = new Runner(loadProgram(inputTs, 'input.ts'));
  const output = new Runner(loadProgram(outputTs, 'output.ts'));
  const byKey = new Map<string, Scenario>();
  for (const s of [...(await explore(input, options)), ...(await explore(output, options))]) byKey.set(scenarioKey(s), s);
  const scenarios = [...byKey.values()].sort(compareScenarios);
  const allowed = options.expected === 'exact' ? [] : options.expected.allowed;

  const shown = new Set<AllowedDifference>();
  for (const scenario of scenarios) {
    const [a, b] = await Promise.all([input.run(scenario), output.run(scenario)]);
    const bodyError = scenario.failReleases.length > 0 ? thrownBy((await input.run(withoutReleaseFailures(scenario))).trace) : undefined;
    const result = classify(a.trace, b.trace, bodyError);
    const found = [...result.found].sort();
    const different = (reason: string): Verdict => ({
      kind: 'different',
      scenarios: scenarios.length,
      scenario,
      input: a.trace,
      output: b.trace,
      reason,
      recognized: found,
    });
    if (!result.ok) return different(result.reason);
    const undeclared = found.filter((difference) => !allowed.includes(difference));
    if (undeclared.length > 0) {
      return different(
        `the traces differ only in the declared way(s) ${found.join(', ')}, but ${
          options.expected === 'exact' ? "'exact' accepts none" : `${undeclared.join(', ')} is not in expected.allowed`
        }`,
      );
    }
    for (const difference of found) shown.add(difference);
  }
  return shown.size === 0
    ? { kind: 'equal', scenarios: scenarios.length }
    : { kind: 'allowed', scenarios: scenarios.length, differences: [...shown].sort() };
}

export function formatVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'equal':
      return `equal on all ${verdict.scenarios} scenarios`;
    case 'allowed':
      return `equivalent on all ${verdict.scenarios} scenarios up to ${verdict.differences.join(', ')}`;
    case 'different':
      return [
        `different in scenario "${verdict.scenario.name}": ${verdict.reason}`,
        `recognized: ${verdict.recognized.length > 0 ? verdict.recognized.join(', ') : 'none'}`,
        '--- input',
        formatTrace(verdict.input),
        '--- output',
        formatTrace(verdict.output),
      ].join('\n');
  }
}

type Classification =
  | { readonly ok: true; readonly found: ReadonlySet<AllowedDifference> }
  | { readonly ok: false; readonly found: ReadonlySet<AllowedDifference>; readonly reason: string };

interface ExtraRelease {
  readonly kind: AllowedDifference;
  /** What it threw, when the scenario made it fail. */
  readonly error: ErrorInfo | undefined;
}

/**
 * Aligns the two traces event by event. Equal events pair up; an output release of a resource
 * the input never releases is skipped when it is one of the declared extra releases; the two
 * outcomes may differ by the error combination those extra releases and `using` cause.
 * `bodyError` is what the input throws on this path when no release fails.
 */
function classify(input: Trace, output: Trace, bodyError: ErrorInfo | undefined): Classification {
  const found = new Set<AllowedDifference>();
  const extras: ExtraRelease[] = [];
  const inputReleases = new Set(input.flatMap((event) => (event.kind === 'release' ? [event.resource] : [])));
  let i = 0;
  let j = 0;
  while (i < input.length || j < output.length) {
    const a = input[i];
    const b = output[j];
    if (a !== undefined && b !== undefined && formatEvent(a) === formatEvent(b)) {
      i++;
      j++;
    } else if (b?.kind === 'release' && !inputReleases.has(b.resource)) {
      const kind = extraReleaseKind(input, output, j, b.resource);
      if (kind === undefined) {
        return { ok: false, found, reason: `output event ${j + 1} (${formatEvent(b)}) releases a resource the input does not release on this path` };
      }
      found.add(kind);
      extras.push({ kind, error: b.status === 'fault' ? injectedError(b) : undefined });
      j++;
    } else if (a?.kind === 'outcome' && b !== undefined && b.kind !== 'outcome' && afterFailedRelease(output, j)) {
      // Work after a release in the same `finally`: the input's throwing release skipped it, with
      // `using` the `finally` still runs it (later-release-runs, docs/semantics.md item 16).
      found.add('later-release-runs');
      j++;
    } else if (a?.kind === 'outcome' && b?.kind === 'outcome') {
      const kinds = matchOutcome(a.outcome, b.outcome, extras, lostErrors(input, bodyError));
      if (kinds === undefined) {
        return { ok: false, found, reason: `outcomes differ: input ${formatOutcome(a.outcome)}; output ${formatOutcome(b.outcome)}` };
      }
      for (const kind of kinds) found.add(kind);
      i++;
      j++;
    } else {
      const describe = (event: Trace[number] | undefined): string => (event === undefined ? 'nothing more' : formatEvent(event));
      return {
        ok: false,
        found,
        reason: `input event ${i + 1} is ${describe(a)}; output event ${j + 1} is ${describe(b)}`,
      };
    }
  }
  return { ok: true, found };
}

/** Whether the output's events since its last release that threw are only what that `finally` went on to run. */
function afterFailedRelease(output: Trace, index: number): boolean {
  for (let k = index - 1; k >= 0; k--) {
    const earlier = output[k];
    if (earlier === undefined || earlier.kind === 'outcome' || earlier.kind === 'acquire') return false;
    if (earlier.kind === 'release' && earlier.status === 'fault') return true;
  }
  return false;
}

function extraReleaseKind(input: Trace, output: Trace, index: number, resource: string): AllowedDifference | undefined {
  for (let k = index - 1; k >= 0; k--) {
    const earlier = output[k];
    if (earlier?.kind !== 'release') break;
    if (earlier.status === 'fault') return 'later-release-runs';
  }
  const acquired = input.some((event) => event.kind === 'acquire' && event.resource === resource && event.status === 'ok');
  // The throw may also have been caught by an enclosing `catch` that swallows it: then the input
  // finishes normally, but an injected fault came before the release.
  const faulted = output.slice(0, index).some((event) => 'status' in event && event.status === 'fault');
  return acquired && (thrownBy(input) !== undefined || faulted) ? 'release-on-early-throw' : undefined;
}

function matchOutcome(a: Outcome, b: Outcome, extras: readonly ExtraRelease[], lost: readonly ErrorInfo[]): Set<AllowedDifference> | undefined {
  if ((a.how === 'throw' && b.how === 'throw') || (a.how === 'reject' && b.how === 'reject')) {
    return matchError(a.error, b.error, extras, lost);
  }
  return undefined;
}

/** `a` is the input's error, `b` the output's; how `b` can be `a` combined by the declared differences. */
function matchError(a: ErrorInfo, b: ErrorInfo, extras: readonly ExtraRelease[], lost: readonly ErrorInfo[]): Set<AllowedDifference> | undefined {
  if (sameError(a, b)) return new Set();
  if (b.error === undefined || b.suppressed === undefined) return undefined;
  const { error, suppressed } = b;
  // A release that ran only in the output wraps whatever error was already pending.
  const extra = extras.find((candidate) => candidate.error !== undefined && sameError(candidate.error, error));
  if (extra !== undefined) return matchError(a, suppressed, extras, lost)?.add(extra.kind);
  const inner = matchError(a, error, extras, lost);
  if (inner === undefined) return undefined;
  const onlyLost = errorLeaves(suppressed).every((leaf) => lost.some((candidate) => sameError(candidate, leaf)));
  return onlyLost ? inner.add('suppressed-error') : undefined;
}

/** Errors the input threw that a later error may have replaced: its injected faults and the body's error. */
function lostErrors(input: Trace, bodyError: ErrorInfo | undefined): ErrorInfo[] {
  const injected = input.flatMap((event) => ('status' in event && event.status === 'fault' ? [injectedError(event)] : []));
  return bodyError === undefined ? injected : [...injected, ...errorLeaves(bodyError)];
}

function thrownBy(trace: Trace): ErrorInfo | undefined {
  for (const event of trace) {
    if (event.kind === 'outcome' && (event.outcome.how === 'throw' || event.outcome.how === 'reject')) return event.outcome.error;
  }
  return undefined;
}
