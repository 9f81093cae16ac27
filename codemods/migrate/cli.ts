import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { createTwoFilesPatch } from 'diff';
import pc from 'picocolors';

import { type Configuration, EMPTY_CONFIGURATION } from '../../analysis/configuration.js';
import type { SiteRecord } from '../shared/report.js';
import { readSettingsFile } from '../shared/settings.js';
import { isTransformName, TRANSFORMS, type TransformName } from '../transforms.js';
import { InputError } from '../shared/source.js';
import { collectFiles, uncommittedChanges } from './files.js';
import type { StackSetting } from '../../analysis/rewrite/index.js';
import { preflight } from './preflight.js';
import { createProgress } from './progress.js';
import { resolveSettings, type RunSettings } from './settings.js';
import { WriteRefused, writeAtomically } from './write.js';

const USAGE = `Usage: disposable-migrate [options] <paths…>

Rewrites manual resource releases (try/finally, or open…close without one) into \`using\` / \`await using\`
across a repository.

Options:
  --transform <name>        try-finally-to-using (default), add-dispose-method
  --tsconfig <path>         the tsconfig to type-check with (default: the nearest one above each path)
  --settings <file.json>    settings.disposable as JSON (default: from each file's ESLint config)
  --dry                     print a unified diff; write nothing
  --allow-behavior-change   also apply rewrites classified as behavior-changing (listed in the summary)
  --fix-leaks               also apply rewrites that fix a leak: code before the release (or the
                            \`try\`) can throw and the original then never released the resource;
                            the same on every other path
  --stack, --no-stack       adopt resources without a dispose member in a DisposableStack, or not
                            (default: when the lib declares the stack classes and engines.node
                            admits only Node.js ≥ 24, or a polyfill is a dependency)
  --report <file.json>      write every file and site to a JSON report
  --force                   write even when the paths have uncommitted changes in git
  --max-size <bytes>        skip larger files (default 1048576)
  -h, --help                show this help`;

const DEFAULT_MAX_SIZE = 1024 * 1024;
/** Sites listed per group in the summary. */
const SITES_SHOWN = 10;

export interface FileOutcome {
  readonly file: string;
  readonly status: 'changed' | 'unchanged' | 'failed' | 'skipped';
  readonly message?: string;
  readonly sites: readonly SiteRecord[];
}

interface RunOptions {
  readonly transform: TransformName;
  readonly tsconfig: string | undefined;
  readonly settings: string | undefined;
  readonly dry: boolean;
  readonly allowBehaviorChange: boolean;
  readonly fixLeaks: boolean;
  readonly stack: StackSetting;
  readonly report: string | undefined;
  readonly force: boolean;
  readonly maxSize: number;
}

/**
 * Runs the CLI; resolves to the exit code: 0 every file processed, 1 some failed, 2 not run,
 * 128 + the signal number when interrupted.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        transform: { type: 'string', default: 'try-finally-to-using' },
        tsconfig: { type: 'string' },
        settings: { type: 'string' },
        dry: { type: 'boolean', default: false },
        'allow-behavior-change': { type: 'boolean', default: false },
        'fix-leaks': { type: 'boolean', default: false },
        stack: { type: 'boolean', default: false },
        'no-stack': { type: 'boolean', default: false },
        report: { type: 'string' },
        force: { type: 'boolean', default: false },
        'max-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`disposable-migrate: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`disposable-migrate: no paths given\n\n${USAGE}`);
    return 2;
  }
  if (!isTransformName(values.transform)) {
    console.error(`disposable-migrate: unknown transform "${values.transform}"; known: ${Object.keys(TRANSFORMS).join(', ')}`);
    return 2;
  }
  const maxSize = values['max-size'] === undefined ? DEFAULT_MAX_SIZE : Number(values['max-size']);
  if (!Number.isFinite(maxSize) || maxSize <= 0) {
    console.error('disposable-migrate: --max-size takes a positive number of bytes');
    return 2;
  }
  const missing = positionals.filter((given) => !fs.existsSync(given));
  if (missing.length > 0) {
    console.error(`disposable-migrate: no such file or folder: ${missing.join(', ')}`);
    return 2;
  }
  if (values.settings !== undefined) {
    try {
      readSettingsFile(values.settings);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      console.error(`disposable-migrate: ${error.message}`);
      return 2;
    }
  }
  return run(positionals, {
    transform: values.transform,
    tsconfig: values.tsconfig,
    settings: values.settings,
    dry: values.dry,
    allowBehaviorChange: values['allow-behavior-change'],
    fixLeaks: values['fix-leaks'],
    stack: values.stack ? true : values['no-stack'] ? false : 'auto',
    report: values.report,
    force: values.force,
    maxSize,
  });
}

async function run(paths: readonly string[], options: RunOptions): Promise<number> {
  console.log(pc.bold(`disposable-migrate: ${options.transform}${options.dry ? ' (dry run: nothing is written)' : ''}`));
  const facts = preflight(paths, { tsconfig: options.tsconfig, stack: options.stack });
  const files = facts.configPaths.length > 0 ? collectFiles(paths, { allowJs: facts.allowJs, outDirs: facts.outDirs }) : [];
  let settings: RunSettings | undefined;
  let settingsProblem: string | undefined;
  try {
    settings = await resolveSettings(files, options.settings);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    settingsProblem = error.message;
  }
  const checks = [...facts.checks, ...(settings?.checks ?? [])];
  console.log('\nPreflight');
  for (const check of checks) console.log(`  ${check.ok ? pc.green('✓') : pc.yellow('!')} ${check.message}`);
  if (facts.configPaths.length === 0) return 2;
  if (!settings) {
    console.error(`\ndisposable-migrate: ${settingsProblem ?? ''}\nNothing was written.`);
    return 2;
  }
  const configurations = settings.byFile;

  if (!options.dry && !options.force) {
    const changes = uncommittedChanges(paths);
    if (changes && changes.length > 0) {
      console.error(
        `\ndisposable-migrate: ${String(changes.length)} uncommitted change(s) under the given paths; commit or stash them first, so the migration can be reviewed and undone on its own (or pass --force):\n${changes
          .slice(0, 10)
          .map((line) => `  ${line}`)
          .join('\n')}`,
      );
      return 2;
    }
  }

  console.log(`\n${String(files.length)} file(s) to scan`);
  if (options.transform === 'add-dispose-method') warnWouldBeReported(files, configurations, options);
  const interruption = stopOnSignals();
  const progress = createProgress(files.length);
  const outcomes: FileOutcome[] = [];
  const diffs: string[] = [];
  try {
    for (const [index, file] of files.entries()) {
      // The files are processed synchronously, so a signal handler only runs here, between two
      // files: each file is read, transformed and written whole, and Ctrl-C still stops the run.
      await new Promise((resolve) => setImmediate(resolve));
      if (interruption.signal) break;
      outcomes.push(processFile(file, configurations.get(file) ?? EMPTY_CONFIGURATION, options, diffs));
      progress.update(index + 1, file);
    }
  } finally {
    interruption.release();
  }
  progress.finish();

  if (options.dry && diffs.length > 0) console.log(`\n${diffs.join('\n')}`);
  printSummary(outcomes, options);
  if (options.report) writeReport(options.report, outcomes, options, checks);
  if (interruption.signal) {
    console.error(
      `\ndisposable-migrate: interrupted (${interruption.signal}) after ${String(outcomes.length)} of ${String(files.length)} files; the other files were not touched`,
    );
    return 128 + os.constants.signals[interruption.signal];
  }
  return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
}

/** Notes SIGINT/SIGTERM/SIGHUP instead of dying mid-run, until `release`. */
function stopOnSignals(): { readonly signal: NodeJS.Signals | undefined; release(): void } {
  let received: NodeJS.Signals | undefined;
  const note = (signal: NodeJS.Signals): void => {
    received ??= signal;
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, note);
  return {
    get signal() {
      return received;
    },
    release() {
      for (const signal of signals) process.off(signal, note);
    },
  };
}

/** One file: read it safely, transform it, write it atomically. Never throws. */
function processFile(file: string, configuration: Configuration, options: RunOptions, diffs: string[]): FileOutcome {
  const relative = path.relative(process.cwd(), file);
  const skipped = (message: string): FileOutcome => ({ file: relative, status: 'skipped', message, sites: [] });
  const failed = (message: string): FileOutcome => ({ file: relative, status: 'failed', message, sites: [] });
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return skipped('symbolic link: not followed');
    if (!stat.isFile()) return skipped('not a regular file');
    if (stat.size === 0) return skipped('empty file; nothing to migrate');
    if (stat.size > options.maxSize) {
      return failed(`too large (${String(stat.size)} bytes > --max-size ${String(options.maxSize)}); not processed`);
    }
    const bytes = fs.readFileSync(file);
    if (bytes.subarray(0, 8000).includes(0)) return failed('binary file (contains NUL bytes); not processed');
    let source: string;
    try {
      // The transform keeps a byte-order mark it is given; a decoder that drops it would lose it.
      source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return failed('not valid UTF-8; not processed');
    }
    const result = TRANSFORMS[options.transform](file, source, {
      tsconfig: options.tsconfig,
      stack: options.stack,
      allowBehaviorChange: options.allowBehaviorChange,
      fixLeaks: options.fixLeaks,
      configuration,
    });
    // A would-be-reported site (add-dispose-method) is in another file, named by the transform.
    const sites = result.sites.map((site) => ({ ...site, file: site.status === 'would-be-reported' ? site.file : relative }));
    if (result.output === undefined || result.output === source) return { file: relative, status: 'unchanged', sites };
    if (options.dry) {
      diffs.push(colorDiff(createTwoFilesPatch(relative, relative, source, result.output, '', '', { context: 3 })));
      return { file: relative, status: 'changed', sites };
    }
    writeAtomically(file, result.output);
    return { file: relative, status: 'changed', sites };
  } catch (error) {
    if (error instanceof InputError || error instanceof WriteRefused) return failed(error.message);
    const message = error instanceof Error ? error.message : String(error);
    return failed(`internal error: ${message.split('\n')[0] ?? message}`);
  }
}

// ── add-dispose-method: warn before anything is written ─────────────────────────────────────
/**
 * A class that gets a dispose member turns its existing `new` sites without `using` into
 * disposable/no-leaked-resource reports. Every file is transformed once without writing (the
 * transform keeps its results for the writing pass), and those sites are counted and listed.
 */
function warnWouldBeReported(files: readonly string[], configurations: ReadonlyMap<string, Configuration>, options: RunOptions): void {
  const progress = createProgress(files.length);
  const sites: SiteRecord[] = [];
  files.forEach((file, index) => {
    const configuration = configurations.get(file) ?? EMPTY_CONFIGURATION;
    sites.push(...processFile(file, configuration, { ...options, dry: true }, []).sites.filter((site) => site.status === 'would-be-reported'));
    progress.update(index + 1, file);
  });
  progress.finish();
  if (sites.length === 0) return;
  console.log(
    pc.yellow(
      `\n! ${String(sites.length)} existing \`new\` site(s) will become disposable/no-leaked-resource reports once their classes are disposable; run the try-finally-to-using migration with this one:`,
    ),
  );
  for (const site of sites) console.log(`  ${site.file}:${String(site.line)}  ${site.names}`);
}

function colorDiff(patch: string): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return pc.bold(line);
      if (line.startsWith('+')) return pc.green(line);
      if (line.startsWith('-')) return pc.red(line);
      if (line.startsWith('@@')) return pc.cyan(line);
      return line;
    })
    .join('\n');
}

function printSummary(outcomes: readonly FileOutcome[], options: RunOptions): void {
  const count = (status: FileOutcome['status']): number => outcomes.filter((outcome) => outcome.status === status).length;
  const sites = outcomes.flatMap((outcome) => outcome.sites);
  const converted = sites.filter((site) => site.status === 'converted');
  const exact = converted.filter((site) => site.classification === 'exact').length;
  const leakFixes = converted.filter((site) => site.classification === 'fixes-leak').length;
  const notApplied = sites.filter((site) => site.status === 'not-applied');
  const skippedSites = sites.filter((site) => site.status === 'skipped');

  const rows: [string, string][] = [
    ['files scanned', String(outcomes.length)],
    [options.dry ? 'files that would change' : 'files changed', String(count('changed'))],
    ['files unchanged', String(count('unchanged'))],
    ['files skipped', String(count('skipped'))],
    ['files failed', String(count('failed'))],
    ['sites converted, exact', String(exact)],
    ['sites converted, fixing a leak', String(leakFixes)],
    ['sites converted, behavior-changing', String(converted.length - exact - leakFixes)],
    ['sites not applied (change behavior)', String(notApplied.length)],
    ['sites skipped', String(skippedSites.length)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\nSummary`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value.padStart(6)}`);

  // A migration of a large repository groups hundreds of sites under one reason: the first ones
  // show where, `--report` lists them all.
  const where = (list: readonly SiteRecord[]): string => {
    const shown = list.slice(0, SITES_SHOWN).map((site) => `${site.file}:${String(site.line)}`).join(', ');
    return list.length > SITES_SHOWN ? `${shown}, and ${String(list.length - SITES_SHOWN)} more (--report lists every site)` : shown;
  };
  const byKey = (list: readonly SiteRecord[], key: (site: SiteRecord) => string): Map<string, SiteRecord[]> => {
    const groups = new Map<string, SiteRecord[]>();
    for (const site of list) {
      const group = groups.get(key(site));
      if (group) group.push(site);
      else groups.set(key(site), [site]);
    }
    return groups;
  };
  const changeKey = (site: SiteRecord): string =>
    `${site.classification === 'fixes-leak' ? 'fixes-leak: ' : ''}${(site.changes ?? []).join(' + ')}`;
  if (converted.length > exact) {
    console.log('\nRewrites applied that fix a leak or change behavior (--fix-leaks, --allow-behavior-change)');
    for (const [changes, list] of byKey(
      converted.filter((site) => site.classification !== 'exact'),
      changeKey,
    )) {
      console.log(`  ${pc.yellow(changes)} (${String(list.length)}): ${where(list)}`);
    }
  }
  if (notApplied.length > 0) {
    console.log('\nNot applied: the rewrite would change behavior (review, then pass --fix-leaks for fixes-leak, --allow-behavior-change for the rest)');
    for (const [changes, list] of byKey(
      notApplied,
      changeKey,
    )) {
      console.log(`  ${pc.yellow(changes)} (${String(list.length)}): ${where(list)}`);
    }
  }
  if (skippedSites.length > 0) {
    console.log('\nSkipped sites, by reason');
    for (const [reason, list] of [...byKey(skippedSites, (site) => site.reason ?? 'unknown')].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${reason} (${String(list.length)}): ${where(list)}`);
    }
  }
  const problems = outcomes.filter((outcome) => outcome.status === 'failed' || outcome.status === 'skipped');
  if (problems.length > 0) {
    console.log('\nFiles not processed');
    for (const outcome of problems) {
      const label = outcome.status === 'failed' ? pc.red('failed') : pc.dim('skipped');
      console.log(`  ${label} ${outcome.file}: ${outcome.message ?? ''}`);
    }
  }
}

function writeReport(
  reportPath: string,
  outcomes: readonly FileOutcome[],
  options: RunOptions,
  checks: readonly { ok: boolean; message: string }[],
): void {
  const report = {
    transform: options.transform,
    options: { dry: options.dry, allowBehaviorChange: options.allowBehaviorChange, fixLeaks: options.fixLeaks, stack: options.stack },
    preflight: checks,
    files: outcomes.map(({ file, status, message }) => ({ file, status, ...(message ? { message } : {}) })),
    sites: outcomes.flatMap((outcome) => outcome.sites),
  };
  const temporary = `${reportPath}.${String(process.pid)}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
  fs.renameSync(temporary, reportPath);
  console.log(`\nReport written to ${reportPath}`);
}
