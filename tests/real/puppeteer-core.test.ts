// The real-corpus scorer on puppeteer-core's `src/` (installed from the npm registry into a cache
// folder on first use). The thresholds are the numbers measured when the labels were written:
// "not worse than", so that fixing the engine never fails this test. Raise them when it improves.
import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { formatTable, runRepository, type RepositoryResult, type ScoreRow } from './score.js';

/** Whether the npm registry answers; without it the corpus cannot be installed. */
function registryReachable(): boolean {
  try {
    execFileSync('npm', ['view', 'puppeteer-core@25.16.0', 'version', '--loglevel=error'], { stdio: 'pipe', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

const offline = process.env.DISPOSABLE_REAL_OFFLINE === '1' || !registryReachable();
if (offline) {
  console.warn('tests/real: the npm registry is not reachable (or DISPOSABLE_REAL_OFFLINE=1): puppeteer-core corpus skipped');
}

const row = (rows: readonly ScoreRow[], code: string, rule: string): ScoreRow | undefined =>
  rows.find((candidate) => candidate.code === code && candidate.rule === rule);

describe.skipIf(offline)('real corpus: puppeteer-core', () => {
  let result: RepositoryResult;

  it('installs, lints and scores puppeteer-core', { timeout: 240_000 }, async () => {
    const outcome = await runRepository('puppeteer-core');
    if ('missing' in outcome) throw new Error(outcome.missing);
    result = outcome;
    console.log(formatTable(result.rows));
    expect(result.fatal).toEqual([]);
    expect(result.files).toBeGreaterThan(150);
    expect(result.reports.length).toBeGreaterThan(0);
  });

  it('computes precision and recall of no-leaked-resource, no worse than measured', () => {
    const leaks = row(result.rows, 'production', 'no-leaked-resource');
    expect(leaks).toBeDefined();
    expect(leaks?.precision).toBeTypeOf('number');
    expect(leaks?.recall).toBeTypeOf('number');
    expect(leaks?.precision ?? 0).toBeGreaterThanOrEqual(0.92);
    expect(leaks?.recall ?? 0).toBeGreaterThanOrEqual(0.92);
  });

  it('computes the precision of implement-dispose, no worse than measured', () => {
    const dispose = row(result.rows, 'production', 'implement-dispose');
    expect(dispose?.precision).toBeTypeOf('number');
    expect(dispose?.precision ?? 0).toBeGreaterThanOrEqual(0.95);
  });

  it('has a label for every report (new reports must be labeled in labels/puppeteer-core.json)', () => {
    // A few unlabeled reports are tolerated so that an engine change that moves a report does
    // not fail the suite; the runner lists them for labeling.
    expect(result.unlabeled.length).toBeLessThanOrEqual(10);
  });
});
