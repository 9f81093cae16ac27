// `npm run bench`: what the rules cost next to the typed linting a project already runs, and what
// the codemod costs next to a do-nothing jscodeshift transform and `tsc --noEmit`. Every figure is
// a whole run in a fresh `node` process (the type checker is lazy and caches, so timing a rule
// inside a run charges shared type work to whichever rule asks first); the median of several.
//
// The editor's case (bench/editor-case.js): an editor's language server re-lints one open file after
// each edit, and typescript-eslint hands the rules a new ts.Program each time, so every per-program
// cache of ours starts cold; one process per configuration (parse + program, + no-floating-promises,
// + both) keeps one `ESLint` instance with `projectService`, lints one file with resources once, then
// re-lints it after each of --editor-edits edits (a comment appended) and times each re-lint.
//
//   node bench/run.js [--sizes=250,500,1000,2000] [--lint-size=500] [--runs=3] [--lint-runs=5]
//                     [--scale-runs=1] [--editor-edits=20] [--editor-runs=3] [--no-editor]
//                     [--no-rxjs] [--quick]
//   node bench/run.js --editor-only [--lint-size=500] [--no-rxjs] [--editor-edits=20] [--editor-runs=3]
//                     [--editor-dir=<folder with a tsconfig.json> --editor-file=<file, relative to it>
//                      [--editor-tsconfig=<tsconfig, relative to it: `project` instead of projectService>]]
//   node bench/run.js --report     (the tables of the last run again, from bench/results.json)
//
// --quick is --sizes=100,200 --lint-size=100 --runs=1 --lint-runs=1 --editor-edits=8 --editor-runs=1
// --no-rxjs. --editor-only measures only the editor's case (on the synthetic corpus of --lint-size
// and rxjs, or with --editor-dir only on that folder, e.g. a large real clone, for quoting numbers)
// and merges it into bench/results.json. Prints Markdown tables and writes bench/results.json.
// Times are CPU seconds (user + system, every process of the run) unless said otherwise: on a
// shared machine they move far less than wall time; wall time is recorded too. The editor's case
// is in CPU milliseconds of the one process per re-lint (process.cpuUsage()).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generate, initGit, TSCONFIG, VARIANTS, writeConfigs } from './generate-corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const bin = {
  eslint: path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  tsc: path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  jscodeshift: path.join(root, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js'),
  migrate: path.join(root, 'dist', 'bin', 'disposable-migrate.js'),
  transform: path.join(root, 'dist', 'codemods', 'try-finally-to-using', 'index.cjs'),
  noop: path.join(here, 'noop-transform.cjs'),
};
const RXJS_CACHE = path.join(root, 'node_modules', '.cache', 'bench');

const TARGETS = {
  oursVsNfp: 1.0, // our marginal cost ÷ no-floating-promises' marginal cost, at most
  oursShare: 0.05, // our cost on top of no-floating-promises ÷ the whole typed run, at most
  defaultVsNoop: 0.7, // codemod throughput ÷ no-op transform throughput, at least
  typedVsTsc: 1.5, // disposable-migrate --dry time ÷ tsc --noEmit time, at most
  exponent: 1.1, // fitted exponent of time against file count, at most
  editorVsNfp: 1.0, // editor re-lint: our marginal cost ÷ a no-floating-promises re-lint, at most
};

function parseArgs(argv) {
  const flag = (name) => argv.includes(`--${name}`);
  const value = (name, fallback) => {
    const found = argv.find((arg) => arg.startsWith(`--${name}=`));
    return found ? found.slice(name.length + 3) : fallback;
  };
  const quick = flag('quick');
  const sizes = value('sizes', quick ? '100,200' : '250,500,1000,2000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  return {
    sizes,
    lintSize: Number(value('lint-size', quick ? String(sizes[0]) : '500')),
    runs: Number(value('runs', quick ? '1' : '3')),
    // The lint targets are differences of whole runs a few percent apart: more samples than the rest.
    lintRuns: Number(value('lint-runs', quick ? '1' : '5')),
    scaleRuns: Number(value('scale-runs', '1')),
    rxjs: !flag('no-rxjs') && !quick,
    seed: Number(value('seed', '1')),
    editor: !flag('no-editor'),
    editorOnly: flag('editor-only'),
    editorEdits: Number(value('editor-edits', quick ? '8' : '20')),
    editorRuns: Number(value('editor-runs', quick ? '1' : '3')),
    editorDir: value('editor-dir', undefined),
    editorFile: value('editor-file', undefined),
    editorTsconfig: value('editor-tsconfig', undefined),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring one process

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds of this process's waited-for children (and theirs), or undefined off Linux. */
function childrenCpu() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime); the slice starts at field 3.
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Runs `node <args>` in `cwd` in a fresh process; wall and CPU seconds. */
function measure(args, { cwd, okCodes = [0] }) {
  const cpuBefore = childrenCpu();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: '1', FORCE_COLOR: '0', NODE_OPTIONS: '' },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuAfter = childrenCpu();
  if (result.error || !okCodes.includes(result.status ?? -1)) {
    const stderr = result.stderr ? result.stderr.toString().slice(-2000) : '';
    throw new Error(`node ${args.join(' ')} (in ${cwd}) exited with ${String(result.status)}: ${result.error?.message ?? stderr}`);
  }
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? wall : cpuAfter - cpuBefore };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs every command `runs` times, interleaved (so a noisy minute hits all of them), then medians. */
function measureAll(commands, runs, log) {
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, command] of Object.entries(commands)) {
      const sample = measure(command.args, command);
      samples[name].push(sample);
      log(`  ${name} run ${String(run + 1)}/${String(runs)}: ${sample.cpu.toFixed(2)} s CPU, ${sample.wall.toFixed(2)} s wall`);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      { cpu: median(list.map((s) => s.cpu)), wall: median(list.map((s) => s.wall)), samples: list },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Projects

function ensureBuilt(log) {
  if (fs.existsSync(bin.migrate) && fs.existsSync(bin.transform) && fs.existsSync(path.join(root, 'dist', 'index.js'))) return;
  log('dist/ is missing: npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

/** rxjs's TypeScript sources, copied out of node_modules (ESLint ignores node_modules). */
function rxjsProject(log) {
  const installed = path.join(RXJS_CACHE, 'node_modules', 'rxjs');
  if (!fs.existsSync(path.join(installed, 'src', 'index.ts'))) {
    log(`installing rxjs@7 into ${path.relative(root, RXJS_CACHE)}`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', RXJS_CACHE, 'rxjs@7'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const version = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version;
  const folder = path.join(here, 'corpus', 'rxjs');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.cpSync(path.join(installed, 'src'), path.join(folder, 'src'), {
    recursive: true,
    filter: (source) => !/tsconfig[^/]*\.json$/.test(source),
  });
  // rxjs imports without extensions and uses DOM types (ajax, WebSocket); no Node types.
  const tsconfig = {
    compilerOptions: {
      ...TSCONFIG.compilerOptions,
      lib: ['ES2022', 'DOM', 'esnext.disposable'],
      module: 'ESNext',
      moduleResolution: 'bundler',
      types: [],
    },
    include: ['src'],
  };
  fs.writeFileSync(path.join(folder, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeConfigs(folder);
  initGit(folder);
  return { name: `rxjs ${version} src`, folder, files: countTs(path.join(folder, 'src')) };
}

function countTs(folder) {
  return fs.readdirSync(folder, { recursive: true }).filter((name) => String(name).endsWith('.ts')).length;
}

// ---------------------------------------------------------------------------------------------
// The measurements

const lintCommand = (project, variant, extra = []) => ({
  args: [bin.eslint, '-c', `eslint.${variant}.config.js`, '--no-warn-ignored', '-f', 'json', '-o', path.join(os.tmpdir(), `bench-lint-${process.pid}.json`), ...extra, 'src'],
  cwd: project.folder,
  okCodes: [0, 1],
});

const codemodCommands = (project) => ({
  noop: {
    args: [bin.jscodeshift, '-t', bin.noop, '--parser=ts', '--extensions=ts', '--dry', '--silent', 'src'],
    cwd: project.folder,
  },
  jscodeshift: {
    args: [bin.jscodeshift, '-t', bin.transform, '--parser=ts', '--extensions=ts', '--dry', '--silent', 'src'],
    cwd: project.folder,
  },
  migrate: { args: [bin.migrate, '--dry', 'src'], cwd: project.folder, okCodes: [0, 1] },
  // rxjs has a type error under TypeScript 6's DOM lib: tsc exits 2, after checking everything.
  tsc: { args: [bin.tsc, '--noEmit', '-p', 'tsconfig.json'], cwd: project.folder, okCodes: [0, 1, 2] },
});

/** Per-rule times from ESLint's --stats (summed over files), for orientation only. */
function ruleStats(project, log) {
  const output = path.join(os.tmpdir(), `bench-stats-${process.pid}.json`);
  const command = lintCommand(project, 'both', ['--stats']);
  command.args[command.args.indexOf('-o') + 1] = output;
  measure(command.args, command);
  const results = JSON.parse(fs.readFileSync(output, 'utf8'));
  fs.rmSync(output, { force: true });
  const totals = {};
  let parse = 0;
  let findings = {};
  for (const result of results) {
    for (const message of result.messages) findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
    for (const pass of result.stats?.times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) totals[rule] = (totals[rule] ?? 0) + time.total;
    }
  }
  findings = Object.fromEntries(Object.entries(findings).sort());
  log(`  --stats: parse ${(parse / 1000).toFixed(2)} s; ${Object.keys(totals).length} rules`);
  return { parseSeconds: parse / 1000, ruleSeconds: Object.fromEntries(Object.entries(totals).map(([rule, ms]) => [rule, ms / 1000])), findings };
}

function lintCosts(project, runs, log) {
  log(`lint: ${project.name} (${String(project.files)} files), ${String(runs)} run(s) per variant`);
  const times = measureAll(Object.fromEntries(VARIANTS.map((variant) => [variant, lintCommand(project, variant)])), runs, log);
  // Each round runs the four variants back to back, so a slow minute of a shared machine shifts
  // all four: differences are taken within a round and their median across rounds is reported.
  // (A difference of two medians mixes rounds and reads that drift as cost.)
  const derived = (key) => {
    const t = Object.fromEntries(VARIANTS.map((variant) => [variant, times[variant][key]]));
    const paired = (minuend, subtrahend) =>
      median(times[minuend].samples.map((sample, round) => sample[key] - times[subtrahend].samples[round][key]));
    const nfpMarginal = paired('nfp', 'base');
    const oursMarginal = paired('ours', 'base');
    const oursOnTop = paired('both', 'nfp');
    return {
      ...t,
      nfpMarginal,
      oursMarginal,
      oursOnTop,
      oursVsNfp: oursMarginal / nfpMarginal,
      oursOnTopVsNfp: oursOnTop / nfpMarginal,
      oursShare: oursOnTop / t.both,
    };
  };
  return { times, cpu: derived('cpu'), wall: derived('wall'), stats: ruleStats(project, log) };
}

function codemodCosts(project, runs, log) {
  log(`codemod: ${project.name} (${String(project.files)} files), ${String(runs)} run(s) each`);
  const times = measureAll(codemodCommands(project), runs, log);
  const derived = (key) => ({
    noop: times.noop[key],
    jscodeshift: times.jscodeshift[key],
    migrate: times.migrate[key],
    tsc: times.tsc[key],
    filesPerSecond: Object.fromEntries(Object.keys(times).map((name) => [name, project.files / times[name][key]])),
    defaultVsNoop: times.noop[key] / times.jscodeshift[key],
    typedVsTsc: times.migrate[key] / times.tsc[key],
  });
  return { times, cpu: derived('cpu'), wall: derived('wall') };
}

/** Least-squares slope of log(time) on log(files). */
function exponent(points) {
  const xs = points.map((p) => Math.log(p.files));
  const ys = points.map((p) => Math.log(p.seconds));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? Number.NaN : num / den;
}

/** Least-squares line time = fixed + perFile × files: the fixed cost and the cost of one more file. */
function linear(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.files, 0) / n;
  const my = points.reduce((a, p) => a + p.seconds, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.files - mx) * (p.seconds - my);
    den += (p.files - mx) ** 2;
  }
  const perFile = den === 0 ? Number.NaN : num / den;
  return { fixed: my - perFile * mx, perFile };
}

function scaling(corpora, reuse, runs, log) {
  log(`scaling: ${corpora.map((c) => c.files).join(', ')} files, ${String(runs)} run(s) each`);
  const rows = [];
  for (const project of corpora) {
    const reused = reuse.get(project.files);
    const times = reused ?? measureAll({ lint: lintCommand(project, 'ours'), migrate: codemodCommands(project).migrate, tsc: codemodCommands(project).tsc }, runs, log);
    rows.push({ files: project.files, lint: times.lint.cpu, migrate: times.migrate.cpu, tsc: times.tsc.cpu, lintWall: times.lint.wall, migrateWall: times.migrate.wall });
  }
  return { rows, ...fits(rows) };
}

function fits(rows) {
  const points = (key) => rows.map((row) => ({ files: row.files, seconds: row[key] }));
  const keys = ['lint', 'migrate', 'tsc'];
  return {
    exponent: Object.fromEntries(keys.map((key) => [key, exponent(points(key))])),
    linear: Object.fromEntries(keys.map((key) => [key, linear(points(key))])),
  };
}

// ---------------------------------------------------------------------------------------------
// The editor's case

const EDITOR_VARIANTS = ['base', 'nfp', 'both'];

/** The synthetic file the editor re-lints: one that calls an in-program factory and opens the most resources. */
function syntheticEditorFile(folder) {
  const resource = /await open\(|createReadStream\(|createWriteStream\(|createConnection\(|opendir\(|setInterval\(|setTimeout\(|= await openData/g;
  let best;
  for (const name of fs.readdirSync(path.join(folder, 'src')).sort()) {
    const text = fs.readFileSync(path.join(folder, 'src', name), 'utf8');
    const score = (text.includes('import { openData') ? 1000 : 0) + (text.match(resource)?.length ?? 0);
    if (!best || score >= best.score) best = { score, file: `src/${name}` };
  }
  return best.file;
}

// rxjs: a mid-size operator (267 lines) that holds subscriptions and reset timers.
const RXJS_EDITOR_FILE = 'src/internal/operators/share.ts';

/** Runs bench/editor-case.js for one configuration in a fresh process; its JSON line. */
function editorRun(target, variant, edits) {
  const args = [path.join(here, 'editor-case.js'), `--dir=${target.folder}`, `--file=${target.file}`, `--variant=${variant}`, `--edits=${String(edits)}`];
  if (target.tsconfig) args.push(`--tsconfig=${target.tsconfig}`);
  const result = spawnSync(process.execPath, args, {
    cwd: target.folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: '1', FORCE_COLOR: '0', NODE_OPTIONS: '' },
  });
  if (result.error || result.status !== 0) {
    const stderr = result.stderr ? result.stderr.toString().slice(-2000) : '';
    throw new Error(`node ${args.join(' ')} exited with ${String(result.status)}: ${result.error?.message ?? stderr}`);
  }
  return JSON.parse(result.stdout.toString().trim().split('\n').pop());
}

const ms = (milliseconds) => `${milliseconds.toFixed(0)} ms`;

function editorCosts(target, { edits, runs }, log) {
  log(`editor: ${target.name}: ${target.file}, ${String(edits)} re-lints per process, ${String(runs)} round(s) of ${EDITOR_VARIANTS.join(', ')}`);
  const rounds = [];
  for (let run = 0; run < runs; run++) {
    const round = {};
    for (const variant of EDITOR_VARIANTS) {
      round[variant] = editorRun(target, variant, edits);
      const sample = round[variant];
      log(`  ${variant} run ${String(run + 1)}/${String(runs)}: first lint ${ms(sample.warmup.cpu)}, re-lint median ${ms(median(sample.samples.map((one) => one.cpu)))} CPU`);
    }
    rounds.push(round);
  }
  const roundMedian = (round, variant, key) => median(round[variant].samples.map((sample) => sample[key]));
  // As for the lint runs: the three processes of a round run back to back, so differences are
  // taken within a round (of the medians over its re-lints) and their median across rounds reported.
  const derived = (key) => {
    const pooled = (variant) => median(rounds.flatMap((round) => round[variant].samples.map((sample) => sample[key])));
    const paired = (minuend, subtrahend) => median(rounds.map((round) => roundMedian(round, minuend, key) - roundMedian(round, subtrahend, key)));
    const nfp = pooled('nfp');
    const nfpMarginal = paired('nfp', 'base');
    const oursMarginal = paired('both', 'nfp');
    return {
      firstLint: median(rounds.map((round) => round.both.warmup[key])),
      base: pooled('base'),
      nfp,
      both: pooled('both'),
      nfpMarginal,
      oursMarginal,
      oursVsNfpRelint: oursMarginal / nfp,
      oursVsNfpMarginal: oursMarginal / nfpMarginal,
    };
  };
  const statMedian = (pick) => median(rounds.flatMap((round) => round.both.samples.map(pick)));
  return {
    folder: target.folder,
    file: target.file,
    external: Boolean(target.external),
    parser: rounds[0].both.parser,
    edits,
    runs,
    measured: { date: new Date().toISOString(), loadAverage: os.loadavg() },
    reports: rounds[0].both.reports,
    cpu: derived('cpu'),
    wall: derived('wall'),
    // ESLint's own timing in the "both" runs, per re-lint (ms).
    stats: {
      parse: statMedian((sample) => sample.parse),
      nfp: statMedian((sample) => sample.rules['@typescript-eslint/no-floating-promises'] ?? 0),
      ours: statMedian((sample) => sample.rules['disposable/*'] ?? 0),
    },
    rounds: rounds.map((round) => Object.fromEntries(EDITOR_VARIANTS.map((variant) => [variant, { warmup: round[variant].warmup, samples: round[variant].samples }]))),
  };
}

/** The external folder of --editor-dir / --editor-file, or undefined. */
function externalEditorTarget(options) {
  if (!options.editorDir) return undefined;
  if (!options.editorFile) throw new Error('--editor-dir needs --editor-file=<file, relative to the folder>');
  const folder = path.resolve(options.editorDir);
  if (!fs.existsSync(path.join(folder, options.editorFile))) throw new Error(`no such file: ${path.join(folder, options.editorFile)}`);
  return { name: path.basename(folder), folder, file: options.editorFile, tsconfig: options.editorTsconfig, external: true };
}

function editorReport(editor) {
  const rows = Object.entries(editor).map(([name, e]) => {
    const c = e.cpu;
    return [
      name,
      `\`${e.file}\` (${String(e.edits)} × ${String(e.runs)}${e.parser === 'projectService' ? '' : `; ${e.parser}`})`,
      ms(c.firstLint),
      ms(c.base),
      ms(c.nfp),
      ms(c.both),
      ms(c.nfpMarginal),
      ms(c.oursMarginal),
      x(c.oursVsNfpRelint),
      x(c.oursVsNfpMarginal),
      `parse ${ms(e.stats.parse)}; nfp ${ms(e.stats.nfp)}; disposable/* ${ms(e.stats.ours)}`,
    ];
  });
  return [
    "**Editor's case** (one `ESLint` instance per process, `projectService`, one file linted once and then re-linted after each of N edits, a comment appended: every re-lint gets a new `ts.Program`, so every per-program cache is cold; CPU ms of the process per re-lint (`process.cpuUsage()`), median over the N re-lints of each of R rounds of the three processes; marginal columns are medians of differences taken within each round)",
    '',
    table(
      ['project', 'file (N re-lints × R rounds)', 'first lint (program load)', 're-lint: parse + program', '+ no-floating-promises', '+ both', 'no-floating-promises marginal', 'disposable/* marginal', 'ours ÷ nfp re-lint (≤ 1.0×)', 'ours ÷ nfp marginal', '`--stats` per re-lint, "both" (wall)'],
      rows,
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Report

const s = (seconds) => `${seconds.toFixed(2)} s`;
const x = (ratio) => `${ratio.toFixed(2)}×`;
const pct = (ratio) => `${(ratio * 100).toFixed(1)} %`;
const check = (ok) => (ok ? 'met' : '**missed**');

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? ':--' : '--:')).join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function report(results) {
  const out = [];
  const { machine } = results;
  out.push(
    `Machine: ${String(machine.cpus)} × ${machine.cpuModel}, ${machine.memory}, Node ${machine.node}, ${machine.platform}; load average ${machine.loadBefore.map((l) => l.toFixed(1)).join('/')} at the start. Times are CPU seconds (user + system of every process of the run), median of ${String(results.options.lintRuns ?? results.options.runs)} (lint) or ${String(results.options.runs)} (codemod); wall time in results.json.`,
  );
  if (Object.keys(results.lint ?? {}).length > 0) out.push('', ...lintReport(results));
  if (Object.keys(results.editor ?? {}).length > 0) out.push('', editorReport(results.editor));
  out.push('', '**Targets**', '');
  out.push(table(['target', 'result', ''], results.targets.map((t) => [t.name, t.value, check(t.ok)])));
  if (results.wallSeconds !== undefined) {
    out.push(
      '',
      `Benchmark wall time: ${(results.wallSeconds / 60).toFixed(1)} min; CPU time of the measured processes: ${(results.cpuSeconds / 60).toFixed(1)} min (about the wall time on an idle machine, as each measured process keeps one core busy); load average ${machine.loadAfter.map((l) => l.toFixed(1)).join('/')} at the end.`,
    );
  }
  return out.join('\n');
}

/** The lint, codemod and scaling tables of a whole run. */
function lintReport(results) {
  const out = [];
  out.push('**Lint cost** (whole `eslint` runs, typed linting with `projectService`; the marginal and on-top columns are medians of differences taken within each round of the four runs)', '');
  const lintRows = [];
  for (const [name, lint] of Object.entries(results.lint)) {
    const c = lint.cpu;
    lintRows.push([name, s(c.base), s(c.nfp), s(c.ours), s(c.both), s(c.nfpMarginal), s(c.oursMarginal), s(c.oursOnTop), x(c.oursVsNfp), pct(c.oursShare)]);
  }
  out.push(
    table(
      ['project', 'parse + program', '+ no-floating-promises', '+ disposable/*', '+ both', 'no-floating-promises marginal', 'disposable/* marginal', 'disposable/* on top of no-floating-promises', 'ours ÷ nfp (≤ 1.0×)', 'ours on top ÷ total (≤ 5 %)'],
      lintRows,
    ),
  );
  out.push('', 'Per-rule time from `eslint --stats` in the "both" run (for orientation: the first rule to ask the type checker pays for work the others then reuse):', '');
  const statRows = [];
  for (const [name, lint] of Object.entries(results.lint)) {
    const entries = Object.entries(lint.stats.ruleSeconds).filter(([rule]) => rule !== 'bench/noop');
    statRows.push([name, s(lint.stats.parseSeconds), ...entries.map(([rule, seconds]) => `${rule} ${s(seconds)}`)].slice(0, 8));
  }
  out.push(table(['project', 'parse', 'rules'], statRows.map((row) => [row[0], row[1], row.slice(2).join('; ')])));
  out.push('', '**Codemod cost** (`--dry`, nothing written)', '');
  const codemodRows = [];
  for (const [name, codemod] of Object.entries(results.codemod)) {
    const c = codemod.cpu;
    const f = c.filesPerSecond;
    codemodRows.push([
      name,
      `${s(c.noop)} (${f.noop.toFixed(0)} files/s)`,
      `${s(c.jscodeshift)} (${f.jscodeshift.toFixed(0)} files/s)`,
      x(c.defaultVsNoop),
      `${s(c.tsc)} (${f.tsc.toFixed(0)} files/s)`,
      `${s(c.migrate)} (${f.migrate.toFixed(0)} files/s)`,
      x(c.typedVsTsc),
    ]);
  }
  out.push(
    table(
      ['project', 'jscodeshift no-op transform', 'jscodeshift try-finally-to-using', 'throughput ÷ no-op (≥ 0.7×)', 'tsc --noEmit', 'disposable-migrate --dry', 'time ÷ tsc (≤ 1.5×)'],
      codemodRows,
    ),
  );
  const sc = results.scaling;
  out.push('', '**Scaling** (synthetic project; CPU ms per file)', '');
  out.push(
    table(
      ['files', 'eslint + disposable/*', 'disposable-migrate --dry', 'tsc --noEmit'],
      [
        ...sc.rows.map((row) => [String(row.files), `${((row.lint / row.files) * 1000).toFixed(1)} ms`, `${((row.migrate / row.files) * 1000).toFixed(1)} ms`, `${((row.tsc / row.files) * 1000).toFixed(1)} ms`]),
        ['fitted exponent (≤ 1.1)', sc.exponent.lint.toFixed(2), sc.exponent.migrate.toFixed(2), sc.exponent.tsc.toFixed(2)],
        ...(sc.linear
          ? [
              ['fixed cost (line fit)', s(sc.linear.lint.fixed), s(sc.linear.migrate.fixed), s(sc.linear.tsc.fixed)],
              ['cost per extra file (line fit)', `${(sc.linear.lint.perFile * 1000).toFixed(1)} ms`, `${(sc.linear.migrate.perFile * 1000).toFixed(1)} ms`, `${(sc.linear.tsc.perFile * 1000).toFixed(1)} ms`],
            ]
          : []),
      ],
    ),
  );
  return out;
}

function targets(results) {
  const list = [];
  for (const [name, lint] of Object.entries(results.lint ?? {})) {
    list.push({ name: `${name}: disposable/* marginal ÷ no-floating-promises marginal ≤ 1.0×`, value: x(lint.cpu.oursVsNfp), ok: lint.cpu.oursVsNfp <= TARGETS.oursVsNfp });
    list.push({ name: `${name}: disposable/* on top of no-floating-promises ÷ total ≤ 5 %`, value: pct(lint.cpu.oursShare), ok: lint.cpu.oursShare <= TARGETS.oursShare });
  }
  for (const [name, codemod] of Object.entries(results.codemod ?? {})) {
    list.push({ name: `${name}: codemod throughput ÷ no-op transform ≥ 0.7×`, value: x(codemod.cpu.defaultVsNoop), ok: codemod.cpu.defaultVsNoop >= TARGETS.defaultVsNoop });
    list.push({ name: `${name}: disposable-migrate --dry ÷ tsc --noEmit ≤ 1.5×`, value: x(codemod.cpu.typedVsTsc), ok: codemod.cpu.typedVsTsc <= TARGETS.typedVsTsc });
  }
  for (const [key, value] of Object.entries(results.scaling?.exponent ?? {})) {
    if (key === 'tsc') continue;
    list.push({ name: `scaling exponent, ${key === 'lint' ? 'eslint + disposable/*' : 'disposable-migrate --dry'} ≤ 1.1`, value: value.toFixed(2), ok: value <= TARGETS.exponent });
  }
  // An external folder (--editor-dir) is for quoting numbers, not a target.
  for (const [name, editor] of Object.entries(results.editor ?? {})) {
    if (editor.external) continue;
    const ratio = editor.cpu.oursVsNfpRelint;
    list.push({ name: `${name}: editor re-lint, disposable/* marginal ÷ no-floating-promises re-lint ≤ 1.0×`, value: x(ratio), ok: ratio <= TARGETS.editorVsNfp });
  }
  return list;
}

// ---------------------------------------------------------------------------------------------

/** Sum of the CPU seconds of every timed process in the results (the --stats runs excepted). */
function totalCpu(value) {
  if (Array.isArray(value)) return value.reduce((sum, item) => sum + totalCpu(item), 0);
  if (value && typeof value === 'object') {
    if (typeof value.cpu === 'number' && typeof value.wall === 'number' && !('samples' in value)) return value.cpu;
    return Object.entries(value).reduce((sum, [key, item]) => sum + (key === 'scaling' ? 0 : totalCpu(item)), 0);
  }
  return 0;
}

/** `--report`: prints the tables of the last run (bench/results.json) again, without measuring. */
function reportOnly() {
  const results = JSON.parse(fs.readFileSync(path.join(here, 'results.json'), 'utf8'));
  if (results.scaling) Object.assign(results.scaling, fits(results.scaling.rows));
  // Results of a run before cpuSeconds was recorded: the timed runs (scaling runs once each).
  if (results.scaling) results.cpuSeconds ??=
    totalCpu({ lint: results.lint, codemod: results.codemod }) +
    results.scaling.rows
      .filter((row) => row.files !== results.options.lintSize)
      .reduce((sum, row) => sum + (row.lint + row.migrate + row.tsc) * results.options.scaleRuns, 0);
  results.targets = targets(results);
  console.log(report(results));
}

const editorSettings = (options) => ({ edits: options.editorEdits, runs: options.editorRuns });

/** A bench project (synthetic or rxjs) as the editor's case sees it: the folder and the file to re-lint. */
const editorTarget = (project) => ({
  name: project.name,
  folder: project.folder,
  file: project.name.startsWith('rxjs') ? RXJS_EDITOR_FILE : syntheticEditorFile(project.folder),
});

/**
 * `--editor-only`: the editor's case alone (on the synthetic corpus of --lint-size and rxjs, or on
 * --editor-dir alone), merged into bench/results.json: a whole run's other tables stay.
 */
function editorOnly(options, machine, log) {
  const targetsToMeasure = [];
  const external = externalEditorTarget(options);
  if (external) targetsToMeasure.push(external);
  else {
    const generated = generate(options.lintSize, { seed: options.seed });
    log(`corpus: ${path.relative(root, generated.folder)}: ${String(options.lintSize)} files, ${String(generated.lines)} lines`);
    targetsToMeasure.push(editorTarget({ name: `synthetic ${String(options.lintSize)} files`, folder: generated.folder }));
    if (options.rxjs) targetsToMeasure.push(editorTarget(rxjsProject(log)));
  }
  const editor = {};
  for (const target of targetsToMeasure) editor[target.name] = editorCosts(target, editorSettings(options), log);

  const file = path.join(here, 'results.json');
  const results = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { options, machine, targetsDefinition: TARGETS };
  // A run on the bench's corpora replaces their rows; an --editor-dir run adds or replaces its own.
  const kept = Object.entries(results.editor ?? {}).filter(([name, entry]) => (external ? name !== external.name : entry.external));
  results.editor = { ...Object.fromEntries(kept), ...editor };
  results.targetsDefinition = { ...results.targetsDefinition, editorVsNfp: TARGETS.editorVsNfp };
  if (results.scaling) Object.assign(results.scaling, fits(results.scaling.rows));
  results.targets = targets(results);
  results.markdown = report(results);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const own = targets({ editor });
  console.log(
    [
      `Machine: ${String(machine.cpus)} × ${machine.cpuModel}, ${machine.memory}, Node ${machine.node}, ${machine.platform}; load average ${machine.loadBefore.map((l) => l.toFixed(1)).join('/')} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join('/')} at the end.`,
      '',
      editorReport(editor),
      ...(own.length > 0 ? ['', table(['target', 'result', ''], own.map((t) => [t.name, t.value, check(t.ok)]))] : []),
    ].join('\n'),
  );
  console.log(`\nMerged into ${path.relative(process.cwd(), file)} (\`node bench/run.js --report\` prints every table).`);
}

function main() {
  if (process.argv.includes('--report')) {
    reportOnly();
    return;
  }
  const options = parseArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  const cpuAtStart = childrenCpu() ?? 0;
  const log = (line) => console.error(line);
  ensureBuilt(log);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadBefore: os.loadavg(),
  };
  if (options.editorOnly) {
    editorOnly(options, machine, log);
    return;
  }

  const sizes = [...new Set([...options.sizes, options.lintSize])].sort((a, b) => a - b);
  const corpora = new Map();
  for (const size of sizes) {
    const generated = generate(size, { seed: options.seed });
    corpora.set(size, { name: `synthetic ${String(size)} files`, folder: generated.folder, files: size, lines: generated.lines });
    log(`corpus: ${path.relative(root, generated.folder)}: ${String(size)} files, ${String(generated.lines)} lines`);
  }
  const projects = [corpora.get(options.lintSize)];
  if (options.rxjs) projects.push(rxjsProject(log));

  const results = { options, machine, targetsDefinition: TARGETS, corpora: [...corpora.values()], lint: {}, codemod: {}, editor: {} };
  const reuse = new Map();
  for (const project of projects) {
    results.lint[project.name] = lintCosts(project, options.lintRuns ?? options.runs, log);
    results.codemod[project.name] = codemodCosts(project, options.runs, log);
    if (options.editor) results.editor[project.name] = editorCosts(editorTarget(project), editorSettings(options), log);
    if (project === projects[0]) {
      reuse.set(project.files, {
        lint: results.lint[project.name].times.ours,
        migrate: results.codemod[project.name].times.migrate,
        tsc: results.codemod[project.name].times.tsc,
      });
    }
  }
  results.scaling = scaling(
    options.sizes.map((size) => corpora.get(size)),
    reuse,
    options.scaleRuns,
    log,
  );
  const external = externalEditorTarget(options);
  if (external) results.editor[external.name] = editorCosts(external, editorSettings(options), log);
  results.targets = targets(results);
  results.cpuSeconds = childrenCpu() - cpuAtStart;
  machine.loadAfter = os.loadavg();
  results.wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  results.markdown = report(results);
  fs.writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(results.markdown);
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(here, 'results.json'))}.`);
}

main();
