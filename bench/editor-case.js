// The editor's case, one configuration in one process: what a re-lint after each keystroke costs.
// An editor's ESLint language server keeps one `ESLint` instance and re-lints the open file after
// every edit; typescript-eslint's project service then updates its project with the new text and
// hands the rules a new `ts.Program` (and a new checker), so every per-program cache starts cold.
// This script does the same with the real `ESLint` class: lints `--file` once (the warm-up: the
// project service loads the program), then `--edits` times with `lintText` of the file's text plus
// a comment with a counter (a new text each time, so a new program each time), and times each
// re-lint with `process.cpuUsage()` (CPU of this process, user + system) and `performance.now()`.
//
//   node bench/editor-case.js --dir=<folder with tsconfig.json> --file=<path relative to it>
//                             --variant=base|nfp|both [--edits=20] [--tsconfig=<path relative to dir>]
//
// Variants: base = a do-nothing rule (parse + program update), nfp =
// `@typescript-eslint/no-floating-promises`, both = nfp + the plugin's `strict` preset (from
// dist/index.js). With --tsconfig the parser gets `project: [that file]` instead of
// `projectService: true` (the project service only finds files named tsconfig.json); its watch
// program also builds a new program for each new text. Prints one JSON line on stdout: the
// per-re-lint samples in milliseconds (CPU, wall, and ESLint's --stats parse and rule times), the
// warm-up, and the number of reports per rule.
// For a CPU profile of the cold re-lints: node --cpu-prof --cpu-prof-dir=<dir> bench/editor-case.js …
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const dir = path.resolve(option('dir', ''));
const file = path.resolve(dir, option('file', ''));
const variant = option('variant', 'both');
const edits = Number(option('edits', '20'));
const tsconfig = option('tsconfig', undefined);
if (!['base', 'nfp', 'both'].includes(variant)) throw new Error(`--variant must be base, nfp or both, not ${variant}`);
if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);

// An editor is a long-running session: never let typescript-eslint infer a single CLI run.
process.env.TSESTREE_SINGLE_RUN = 'false';

const bench = { rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({}) } } };
const rules = { 'bench/noop': 'error' };
if (variant !== 'base') rules['@typescript-eslint/no-floating-promises'] = 'error';
const config = [
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: tsconfig ? { project: [path.resolve(dir, tsconfig)], tsconfigRootDir: dir } : { projectService: true, tsconfigRootDir: dir },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { bench, '@typescript-eslint': tseslint.plugin },
    rules,
  },
];
if (variant === 'both') {
  const { default: disposable } = await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href);
  config.push({ files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'], ...disposable.configs.strict });
}

// `stats` adds ESLint's own per-rule timing (for orientation: the first rule to ask the checker
// pays for type work the others then reuse).
const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, ignore: false, stats: true });
const text = fs.readFileSync(file, 'utf8');

/** One lint of `code` as `file`: CPU and wall milliseconds, and the reports by rule. */
async function lint(code) {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const [result] = await eslint.lintText(code, { filePath: file });
  const wall = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${path.relative(dir, file)}: ${fatal.message}`);
  const reports = {};
  for (const message of result.messages) reports[message.ruleId] = (reports[message.ruleId] ?? 0) + 1;
  const rules = {};
  let parse = 0;
  for (const pass of result.stats?.times?.passes ?? []) {
    parse += pass.parse?.total ?? 0;
    for (const [rule, time] of Object.entries(pass.rules ?? {})) {
      const group = rule.startsWith('disposable/') ? 'disposable/*' : rule;
      if (group !== 'bench/noop') rules[group] = (rules[group] ?? 0) + time.total;
    }
  }
  return { cpu: (cpu.user + cpu.system) / 1000, wall, parse, rules, reports };
}

const warmup = await lint(text);
const samples = [];
for (let edit = 1; edit <= edits; edit++) {
  const sample = await lint(`${text}\n// edit ${String(edit)}\n`);
  samples.push({ cpu: sample.cpu, wall: sample.wall, parse: sample.parse, rules: sample.rules });
}
console.log(
  JSON.stringify({
    variant,
    file: path.relative(dir, file),
    parser: tsconfig ? `project: ${tsconfig}` : 'projectService',
    warmup: { cpu: warmup.cpu, wall: warmup.wall },
    reports: warmup.reports,
    samples,
  }),
);
