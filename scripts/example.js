// `npm run example`: the plugin on the bundled example project (examples/), as a newcomer would
// run it. Plain Node ESM, no build step of its own: the package is built into dist/ by `npm ci`
// (through `prepare`) or `npm run build`, and examples/eslint.config.js imports it by its name.
//
// 1. Runs the real ESLint CLI in examples/ with that folder's own eslint.config.js.
// 2. Shows the findings in ESLint's stylish format (colors on a terminal, plain when piped).
// 3. Prints a short summary: N findings in M files, per message.
// 4. The codemod's dry run on the same project (`disposable-migrate --dry src`): the diff it would apply.
//
// ESLint exits 1 when it reports problems, which is the point here, so this script does not chain
// steps with `&&`: it exits 0 whenever the lint ran and found something, and non-zero only when
// ESLint crashed (exit code 2, a broken config or a missing build) or found nothing at all (the
// rule or the type information is not reaching the examples).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(root, 'examples');
const require = createRequire(import.meta.url);
const RULE_PREFIX = 'disposable/';

process.exitCode = await main();

async function main() {
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    console.error('dist/ is missing: build the plugin first with `npm ci` (it runs `prepare`) or `npm run build`.');
    return 1;
  }

  const lint = runEslint();
  if (lint === undefined) return 2;

  await showFindings(lint.results);
  const findings = summarize(lint.results);
  if (findings === 0) {
    console.error(`ESLint found nothing in examples/: the ${RULE_PREFIX}* rules did not report a single leak.`);
    return 1;
  }

  return showCodemodDryRun() ? 0 : 1;
}

/**
 * The real ESLint CLI (`node node_modules/eslint/bin/eslint.js`), run in examples/ so that it picks
 * up examples/eslint.config.js. JSON output, so that the findings can be both shown and counted
 * from one lint run. Returns undefined when ESLint crashed (its exit code 2) or printed no report.
 */
function runEslint() {
  const eslintPackage = require.resolve('eslint/package.json');
  const { bin } = JSON.parse(readFileSync(eslintPackage, 'utf8'));
  const eslintBin = join(dirname(eslintPackage), typeof bin === 'string' ? bin : bin.eslint);

  console.log(`$ eslint .   (in ${relative(process.cwd(), examplesDir) || '.'}/)\n`);
  const child = spawnSync(process.execPath, [eslintBin, '--format', 'json', '.'], {
    cwd: examplesDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.stderr) process.stderr.write(child.stderr);

  // 0: no problems, 1: problems found (expected here), 2: configuration error or crash.
  if (child.error || child.status === null || child.status === 2) {
    const reason = child.error?.message ?? (child.status === null ? `killed by ${child.signal}` : 'exit code 2');
    console.error(`\nESLint crashed (${reason}): no findings to show.`);
    return undefined;
  }
  try {
    return { status: child.status, results: JSON.parse(child.stdout) };
  } catch {
    console.error(`\nESLint exited with ${child.status} but printed no JSON report:\n${child.stdout}`);
    return undefined;
  }
}

/** ESLint's own stylish formatter; it colors only when our stdout is a terminal (and NO_COLOR is unset). */
async function showFindings(results) {
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: examplesDir });
  const stylish = await eslint.loadFormatter('stylish');
  const text = await stylish.format(results);
  process.stdout.write(text ? text : 'No problems reported.\n');
}

/** "12 findings in 3 files", then the count per message. Returns the number of rule findings. */
function summarize(results) {
  const perMessage = new Map();
  const files = new Set();
  let findings = 0;
  let other = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.ruleId?.startsWith(RULE_PREFIX)) {
        findings += 1;
        files.add(result.filePath);
        const key = `${message.ruleId} ${message.messageId ?? '(no messageId)'}`;
        perMessage.set(key, (perMessage.get(key) ?? 0) + 1);
      } else {
        other += 1;
      }
    }
  }

  const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
  console.log(`\nSummary: ${plural(findings, 'finding')} in ${plural(files.size, 'file')} of examples/ (${plural(results.length, 'file')} linted).`);
  const width = Math.max(0, ...[...perMessage.keys()].map((key) => key.length));
  for (const [key, count] of [...perMessage].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${key.padEnd(width)}  ${count}`);
  }
  if (other > 0) {
    console.log(`  (${plural(other, 'other message')} above: parsing errors or other rules, not counted as findings)`);
  }
  if (findings > 0) {
    console.log('\nEach finding is marked in its file with a trailing `// expect: <messageId>` comment; the correct code next to it is not reported.');
  }
  return findings;
}

/**
 * The codemod's dry run on the same example project (`disposable-migrate --dry`): shows what it
 * would rewrite into `using` / `await using`, and writes nothing. Its colors follow our stdout,
 * like ESLint's. Returns false when the migration could not run (exit code 2) or a file failed.
 */
function showCodemodDryRun() {
  const bin = join(root, 'dist', 'bin', 'disposable-migrate.js');
  console.log(`\n$ disposable-migrate --dry src   (in ${relative(process.cwd(), examplesDir) || '.'}/)\n`);
  const child = spawnSync(process.execPath, [bin, '--dry', 'src'], {
    cwd: examplesDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
  });
  if (child.error || child.status !== 0) {
    console.error(`\ndisposable-migrate failed (${child.error?.message ?? `exit code ${String(child.status)}`}).`);
    return false;
  }
  return true;
}
