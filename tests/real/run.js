// `npm run real`: lints the real corpus and prints precision and recall per repository, production
// and test code apart, then the reports nobody has labeled yet.
//
//   node tests/real/run.js [repo ...] [--details] [--json <file>]
//
//   repo          puppeteer-core, kysely, node-mongodb-native (default: all that are available)
//   --details     also list every false positive and false negative with its label's note
//   --json file   write every report, match and row to a JSON file
//
// puppeteer-core is installed from the npm registry into a cache folder ($DISPOSABLE_REAL_CACHE,
// default: a folder in the temp dir). The others are read from clones under $DISPOSABLE_REAL_ROOT
// (see README.md and prepare-clone.sh beside this file).
import { writeFileSync } from 'node:fs';

import { REPOSITORY_NAMES, formatTable, runRepository, totalRows } from './score.js';

const args = process.argv.slice(2);
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const details = args.includes('--details');
const names = args.filter((arg, index) => !arg.startsWith('--') && (jsonIndex < 0 || index !== jsonIndex + 1));
const selected = names.length > 0 ? names : REPOSITORY_NAMES;

const rows = [];
const results = [];
const missing = [];
for (const name of selected) {
  console.error(`linting ${name} …`);
  const result = await runRepository(name, { log: (line) => console.error(`  ${line}`) });
  if (result.missing) {
    missing.push(result.missing);
    console.error(`  ${result.missing}`);
    continue;
  }
  console.error(`  ${result.files} files, ${result.reports.length} reports, ${result.labels.length} labels, ${(result.millis / 1000).toFixed(1)} s`);
  for (const line of result.fatal) console.error(`  parse error: ${line}`);
  rows.push(...result.rows);
  results.push(result);
}

console.log(formatTable(results.length > 1 ? [...rows, ...totalRows(rows)] : rows));
for (const line of missing) console.log(`\n${line}`);

for (const result of results) {
  if (result.unlabeled.length > 0) {
    console.log(`\n${result.name}: ${result.unlabeled.length} unlabeled reports (add them to tests/real/labels/${result.name}.json):`);
    for (const report of result.unlabeled) {
      console.log(`  ${JSON.stringify({ file: report.file, line: report.line, rule: report.rule, text: report.text, hash: report.hash, verdict: '?', note: report.messageId })}`);
    }
  }
  if (details) {
    console.log(`\n${result.name}: false positives`);
    for (const { report, label } of result.falsePositives) console.log(`  ${report.file}:${report.line} ${report.rule} [${label.verdict}] ${label.pattern ?? ''}: ${label.note}`);
    console.log(`\n${result.name}: false negatives`);
    for (const label of result.falseNegatives) console.log(`  ${label.file}:${label.line} ${label.rule} ${label.pattern ?? ''}: ${label.note}`);
  }
  const stale = result.unmatchedLabels.filter((label) => !['leak', 'valid'].includes(label.verdict) && label.reported);
  if (stale.length > 0) {
    console.log(`\n${result.name}: ${stale.length} labels of reported sites no longer reported (fixed, or moved beyond matching):`);
    for (const label of stale) console.log(`  ${label.file}:${label.line} ${label.rule} ${label.text} [${label.verdict}]`);
  }
}

if (jsonFile) {
  writeFileSync(
    jsonFile,
    JSON.stringify(
      { rows, missing, repositories: results.map(({ name, files, fatal, reports, unlabeled, falsePositives, falseNegatives }) => ({ name, files, fatal, reports, unlabeled, falsePositives, falseNegatives })) },
      null,
      1,
    ),
  );
}
