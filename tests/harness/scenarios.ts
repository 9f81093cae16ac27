// Scenario enumeration. Which paths exist is learned by running the program: the normal run of
// each argument set counts the fault points `run` passes (acquisitions, resource method calls,
// steps), and each faulted run shows which resources are released on that path.

import { describeValue, type Trace } from './trace.js';
import { loadProgram, runProgram, type Program, type Run } from './sandbox.js';

export interface Scenario {
  /** Human-readable, e.g. `run(true), op 3 throws, release of file#1 throws`. */
  readonly name: string;
  /** Index into `argSets`. */
  readonly argSet: number;
  readonly args: readonly unknown[];
  /** 1-based fault point that throws; 0 for none. */
  readonly throwAtOp: number;
  /** Resources whose first release throws (empty for none), or `'all'`. */
  readonly failReleases: 'all' | readonly string[];
}

export interface ScenarioTrace {
  readonly scenario: Scenario;
  readonly trace: Trace;
}

export interface ExploreOptions {
  /** Argument lists `run` is called with; each one is explored separately. Default: `[[]]`. */
  readonly argSets?: readonly (readonly unknown[])[];
  /**
   * Also inject several throws in one run: a throw at each fault point combined with each release
   * failure on that path, and every release failing at once. Off by default, because with it
   * every `try/finally` → `using` rewrite shows the `suppressed-error` difference.
   */
  readonly combineFaults?: boolean;
}

export interface TraceOptions extends ExploreOptions {
  /** Used in compile errors. */
  readonly fileName?: string;
}

/**
 * Every scenario of one program, with its trace. For each argument set: the normal path; a
 * failing release of each resource released on it; a throw at each fault point N of the normal
 * path. With `combineFaults`, also the multi-fault scenarios.
 */
export async function traceAll(jsOrTs: string, options: TraceOptions = {}): Promise<ScenarioTrace[]> {
  const runner = new Runner(loadProgram(jsOrTs, options.fileName));
  const scenarios = await explore(runner, options);
  return Promise.all(scenarios.map(async (scenario) => ({ scenario, trace: (await runner.run(scenario)).trace })));
}

/** Runs scenarios of one program, each at most once. */
export class Runner {
  private readonly runs = new Map<string, Promise<Run>>();

  constructor(private readonly program: Program) {}

  run(scenario: Scenario): Promise<Run> {
    const key = scenarioKey(scenario);
    let run = this.runs.get(key);
    if (run === undefined) {
      run = runProgram(this.program, scenario.args, scenario);
      this.runs.set(key, run);
    }
    return run;
  }
}

export async function explore(runner: Runner, options: ExploreOptions): Promise<Scenario[]> {
  const combine = options.combineFaults ?? false;
  const scenarios: Scenario[] = [];
  for (const [argSet, args] of (options.argSets ?? [[]]).entries()) {
    const base = { argSet, args };
    const normal = scenario(base, 0, []);
    const { trace, ops } = await runner.run(normal);
    scenarios.push(normal, ...releaseFailures(base, 0, trace, combine));
    const faulted = Array.from({ length: ops }, (_, index) => scenario(base, index + 1, []));
    const faultedRuns = await Promise.all(faulted.map(async (s) => ({ s, run: await runner.run(s) })));
    for (const { s, run } of faultedRuns) {
      scenarios.push(s, ...(combine ? releaseFailures(base, s.throwAtOp, run.trace, combine) : []));
    }
  }
  return scenarios;
}

/** The same scenario without its release failures: the run whose error a failing release would replace. */
export function withoutReleaseFailures(s: Scenario): Scenario {
  return scenario(s, s.throwAtOp, []);
}

/** Simplest first: by argument set, then no fault before faults, then fewer failing releases. */
export function compareScenarios(a: Scenario, b: Scenario): number {
  return a.argSet - b.argSet || a.throwAtOp - b.throwAtOp || releaseRank(a) - releaseRank(b) || a.name.localeCompare(b.name);
}

export function scenarioKey(s: Scenario): string {
  return JSON.stringify([s.argSet, s.throwAtOp, s.failReleases]);
}

function releaseFailures(base: Pick<Scenario, 'argSet' | 'args'>, throwAtOp: number, trace: Trace, combine: boolean): Scenario[] {
  const released = [...new Set(trace.flatMap((event) => (event.kind === 'release' ? [event.resource] : [])))];
  const single = released.map((resource) => scenario(base, throwAtOp, [resource]));
  return combine && released.length > 1 ? [...single, scenario(base, throwAtOp, 'all')] : single;
}

function scenario(base: Pick<Scenario, 'argSet' | 'args'>, throwAtOp: number, failReleases: Scenario['failReleases']): Scenario {
  const parts = [`run(${base.args.map((arg) => describeValue(arg, () => undefined)).join(', ')})`];
  if (throwAtOp > 0) parts.push(`op ${throwAtOp} throws`);
  if (failReleases === 'all') parts.push('every release throws');
  else if (failReleases.length > 0) parts.push(`release of ${failReleases.join(', ')} throws`);
  return { name: parts.join(', '), argSet: base.argSet, args: base.args, throwAtOp, failReleases };
}

function releaseRank(s: Scenario): number {
  if (s.failReleases === 'all') return 2;
  return s.failReleases.length > 0 ? 1 : 0;
}
