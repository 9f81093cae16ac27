// The property-based differential test, shared by the two halves `npm test` runs in parallel
// (fuzz-1.test.ts, fuzz-2.test.ts) and by `npm run fuzz -- --runs N` (scripts/fuzz.js).
//
// For every generated program: the codemod (default and --allow-behavior-change, sometimes with
// --stack) neither crashes nor emits code that stops parsing or type-checks worse, a second run
// changes nothing, input and output behave the same in the differential harness up to the
// declared changes, and no-leaked-resource reports exactly the bindings the generator's own model
// says leak.

import fc from 'fast-check';

import { programArbitrary, type GeneratedProgram } from './generator.js';
import { checkProgram, createScratch, formatProblem, knownBug, type Problem } from './fuzz-support.js';

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
  /** Bound on the generator's decisions: larger programs, slower runs. */
  readonly maxTape?: number;
}

export interface FuzzFigures {
  programs: number;
  leaky: number;
  sites: number;
  converted: number;
  compared: number;
  problems: Record<Problem['kind'], number>;
  /** Problems matching a known, already reported bug: fixture → count. */
  known: Record<string, number>;
  millis: number;
}

/** Runs the property; throws fast-check's report (with the shrunk counterexample) on failure. */
export async function fuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const scratch = createScratch();
  const started = Date.now();
  const figures: FuzzFigures = {
    programs: 0,
    leaky: 0,
    sites: 0,
    converted: 0,
    compared: 0,
    problems: { crash: 0, divergence: 0, oracle: 0, 'broken-output': 0, 'not-idempotent': 0 },
    known: {},
    millis: 0,
  };
  let shrinking = false;
  try {
    await fc.assert(
      fc.asyncProperty(programArbitrary(options.maxTape ?? 30), async (program: GeneratedProgram) => {
        const stack = program.source.length % 3 === 0;
        const result = await checkProgram(scratch, program, { stack, execute: true });
        if (!shrinking) {
          figures.programs++;
          if (program.leaks.length > 0) figures.leaky++;
          figures.sites += result.sites;
          figures.converted += result.converted;
          figures.compared += result.compared;
          for (const problem of result.problems) {
            const known = knownBug(problem);
            if (known) figures.known[known] = (figures.known[known] ?? 0) + 1;
            else figures.problems[problem.kind]++;
          }
        }
        const [first] = result.problems.filter((problem) => knownBug(problem) === undefined);
        if (first) {
          shrinking = true;
          throw new Error(formatProblem(first));
        }
      }),
      { numRuns: options.runs, seed: options.seed, endOnFailure: false, verbose: 0 },
    );
  } finally {
    figures.millis = Date.now() - started;
    scratch.dispose();
  }
  return figures;
}

export function formatFigures(figures: FuzzFigures): string {
  const problems = Object.entries(figures.problems)
    .map(([kind, count]) => `${kind} ${String(count)}`)
    .join(', ');
  const known = Object.entries(figures.known)
    .map(([fixture, count]) => `${String(count)} × known bug ${fixture}`)
    .join(', ');
  return `${String(figures.programs)} programs (${String(figures.leaky)} leaking per the model), ${String(figures.sites)} sites, ${String(figures.converted)} converted, ${String(figures.compared)} rewrites executed; ${problems}${known ? `; ${known}` : ''}; ${String(figures.millis)} ms`;
}
