import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Classification } from '../../analysis/rewrite/index.js';

/** One site in `--report=<file.json>`. */
export interface SiteRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly names: string;
  /**
   * `would-be-reported` (add-dispose-method): an existing site that a lint rule will report once
   * the transform has run, listed so that the migration can be planned with it.
   */
  readonly status: 'converted' | 'skipped' | 'not-applied' | 'would-be-reported';
  /** For rewrites: `exact`, `fixes-leak` (releases where the original leaked, same otherwise), or the behavior changes it makes. */
  readonly classification?: Classification;
  readonly changes?: readonly string[];
  readonly reason?: string;
}

export interface FileRecord {
  readonly file: string;
  readonly status: 'changed' | 'unchanged' | 'failed';
  readonly error?: string;
}

interface Report {
  readonly run: string;
  files: FileRecord[];
  sites: SiteRecord[];
}

const pending: { files: FileRecord[]; sites: SiteRecord[] } = { files: [], sites: [] };
let flushRegistered = false;

/**
 * jscodeshift runs transforms in several worker processes and has no end-of-run hook, so each
 * worker keeps its records and merges them into the report file when it exits, under a lock file.
 * Workers of one run share their parent's pid; with --run-in-band the transform runs in the
 * runner itself.
 */
export function record(reportPath: string, file: FileRecord, sites: readonly SiteRecord[]): void {
  pending.files.push(file);
  pending.sites.push(...sites);
  if (flushRegistered) return;
  flushRegistered = true;
  process.on('exit', () => {
    flush(path.resolve(reportPath));
  });
}

function runId(): string {
  return String(process.send ? process.ppid : process.pid);
}

function flush(reportPath: string): void {
  const lock = `${reportPath}.lock`;
  const deadline = Date.now() + 10_000;
  let descriptor: number | undefined;
  while (descriptor === undefined) {
    try {
      descriptor = fs.openSync(lock, 'wx');
    } catch {
      if (Date.now() > deadline) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  try {
    let report: Report = { run: runId(), files: [], sites: [] };
    try {
      const existing = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as Report;
      if (existing.run === report.run) report = existing;
    } catch {
      // No report of this run yet.
    }
    report.files.push(...pending.files);
    report.sites.push(...pending.sites);
    report.files.sort((a, b) => a.file.localeCompare(b.file));
    report.sites.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const temporary = `${reportPath}.${String(process.pid)}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
    fs.renameSync(temporary, reportPath);
  } finally {
    fs.closeSync(descriptor);
    fs.rmSync(lock, { force: true });
  }
}
