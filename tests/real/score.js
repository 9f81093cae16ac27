// Matches lint reports to hand labels and computes precision and recall. See README.md beside this file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { lintRepository } from './lint.js';
import { MIRRORS, PUPPETEER_CORE, SCORED_RULES, codeKind } from './repos.js';
import { locateMirror, preparePuppeteerCore, writeProjects } from './setup.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const labelsDir = path.join(here, 'labels');

/** How far (in lines) a label may have moved from the report and still match it by its hash. */
export const LINE_WINDOW = 40;

export const VERDICTS = ['leak', 'released', 'handed-off', 'not-a-resource', 'valid', 'noise'];

export const REPOSITORY_NAMES = [PUPPETEER_CORE.name, ...MIRRORS.map((repo) => repo.name)];

/** The labels of one repository (an empty list when it has no label file yet). */
export function loadLabels(name) {
  const file = path.join(labelsDir, `${name}.json`);
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8'));
  return data.labels;
}

/** Where a repository is and how to lint it, or `{ missing }` with the sentence to print. */
export async function resolveRepository(name, { log } = {}) {
  const globsOf = (files) => files.map((glob) => globToRegExp(glob));
  if (name === PUPPETEER_CORE.name) {
    const dir = preparePuppeteerCore({ log });
    const patterns = globsOf(PUPPETEER_CORE.files);
    return {
      name,
      dir,
      files: PUPPETEER_CORE.files,
      tsconfigs: writeProjects(dir, PUPPETEER_CORE.projects),
      include: (file) => patterns.some((pattern) => pattern.test(file)),
    };
  }
  const repo = MIRRORS.find((candidate) => candidate.name === name);
  if (!repo) throw new Error(`unknown repository '${name}' (known: ${REPOSITORY_NAMES.join(', ')})`);
  const located = locateMirror(repo);
  if (located.missing) return { name, missing: located.missing };
  const patterns = globsOf(repo.files);
  return {
    name,
    dir: located.dir,
    warning: located.warning,
    files: repo.files,
    tsconfigs: writeProjects(located.dir, repo.projects),
    include: (file) => patterns.some((pattern) => pattern.test(file)),
  };
}

/** `src/**\/*.ts` → a RegExp on repo-relative paths (only `**`, `*` and literal text). */
function globToRegExp(glob) {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Pairs each report with at most one label, and each label with at most one report:
 * same file and rule, then (1) the same line hash within LINE_WINDOW lines, nearest first, or
 * (2) the same line and the same reported text (the line was edited but the site did not move).
 */
export function matchReports(reports, labels) {
  const used = new Set();
  const pairs = [];
  const unlabeled = [];
  const pick = (report, accept) => {
    let best;
    let bestDistance = Infinity;
    labels.forEach((label, index) => {
      if (used.has(index) || label.file !== report.file || label.rule !== report.rule || !accept(label)) return;
      const distance = Math.abs(label.line - report.line);
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
      }
    });
    return best;
  };
  // Exact positions first, so that two sites on similar lines do not steal each other's labels.
  const order = [...reports.keys()];
  const matched = new Map();
  for (const pass of [
    (report) => (label) => label.hash === report.hash && label.line === report.line,
    (report) => (label) => label.hash === report.hash && Math.abs(label.line - report.line) <= LINE_WINDOW,
    (report) => (label) => label.line === report.line && label.text === report.text,
  ]) {
    for (const reportIndex of order) {
      if (matched.has(reportIndex)) continue;
      const report = reports[reportIndex];
      const labelIndex = pick(report, pass(report));
      if (labelIndex !== undefined) {
        used.add(labelIndex);
        matched.set(reportIndex, labelIndex);
      }
    }
  }
  for (const reportIndex of order) {
    const labelIndex = matched.get(reportIndex);
    if (labelIndex === undefined) unlabeled.push(reports[reportIndex]);
    else pairs.push({ report: reports[reportIndex], label: labels[labelIndex] });
  }
  const unmatchedLabels = labels.filter((_, index) => !used.has(index));
  return { pairs, unlabeled, unmatchedLabels };
}

/** One row per (code kind, scored rule): reports, TP, FP, FN, unlabeled, precision, recall. */
export function score(repoName, reports, labels) {
  const { pairs, unlabeled, unmatchedLabels } = matchReports(reports, labels);
  const rows = [];
  const falsePositives = [];
  const falseNegatives = [];
  for (const kind of ['production', 'test']) {
    for (const [rule, { positive, recall }] of Object.entries(SCORED_RULES)) {
      const inRow = (site) => site.rule === rule && codeKind(site.file) === kind;
      const rowPairs = pairs.filter((pair) => inRow(pair.report));
      const tp = rowPairs.filter((pair) => positive.includes(pair.label.verdict)).length;
      const fpPairs = rowPairs.filter((pair) => !positive.includes(pair.label.verdict));
      const fnLabels = recall ? unmatchedLabels.filter((label) => inRow(label) && positive.includes(label.verdict)) : [];
      const rowUnlabeled = unlabeled.filter(inRow).length;
      const rowReports = reports.filter(inRow).length;
      const rowLabels = labels.filter(inRow).length;
      if (rowReports === 0 && rowLabels === 0) continue;
      falsePositives.push(...fpPairs);
      falseNegatives.push(...fnLabels);
      rows.push({
        repo: repoName,
        code: kind,
        rule: rule.replace('disposable/', ''),
        reports: rowReports,
        tp,
        fp: fpPairs.length,
        fn: recall ? fnLabels.length : undefined,
        unlabeled: rowUnlabeled,
        precision: tp + fpPairs.length > 0 ? tp / (tp + fpPairs.length) : undefined,
        recall: recall && tp + fnLabels.length > 0 ? tp / (tp + fnLabels.length) : undefined,
      });
    }
  }
  return { rows, unlabeled, falsePositives, falseNegatives, unmatchedLabels };
}

/** Lints one repository and scores it. */
export async function runRepository(name, { log = () => {} } = {}) {
  const repo = await resolveRepository(name, { log });
  if (repo.missing) return { name, missing: repo.missing };
  if (repo.warning) log(repo.warning);
  const started = Date.now();
  const { reports, fatal, files } = await lintRepository({ dir: repo.dir, tsconfigs: repo.tsconfigs, files: repo.files });
  const labels = loadLabels(name);
  return { name, files, fatal, reports, labels, millis: Date.now() - started, ...score(name, reports, labels) };
}

/**
 * The corpus as a whole, one row per (code kind, rule) summing the repositories' rows: what the
 * targets (precision and recall per rule, production and test code apart) are read from.
 */
export function totalRows(rows) {
  const totals = new Map();
  for (const row of rows) {
    const key = `${row.code}\0${row.rule}`;
    const total = totals.get(key) ?? { repo: 'all', code: row.code, rule: row.rule, reports: 0, tp: 0, fp: 0, fn: undefined, unlabeled: 0 };
    total.reports += row.reports;
    total.tp += row.tp;
    total.fp += row.fp;
    total.unlabeled += row.unlabeled;
    if (row.fn !== undefined) total.fn = (total.fn ?? 0) + row.fn;
    totals.set(key, total);
  }
  return [...totals.values()]
    .sort((a, b) => a.code.localeCompare(b.code) || a.rule.localeCompare(b.rule))
    .map((total) => ({
      ...total,
      precision: total.tp + total.fp > 0 ? total.tp / (total.tp + total.fp) : undefined,
      recall: total.fn !== undefined && total.tp + total.fn > 0 ? total.tp / (total.tp + total.fn) : undefined,
    }));
}

const percent = (value) => (value === undefined ? '-' : `${(value * 100).toFixed(1)}%`);

/** The table `npm run real` prints. */
export function formatTable(rows) {
  const header = ['repo', 'code', 'rule', 'reports', 'TP', 'FP', 'FN', 'unlabeled', 'precision', 'recall'];
  const body = rows.map((row) => [
    row.repo,
    row.code,
    row.rule,
    String(row.reports),
    String(row.tp),
    String(row.fp),
    row.fn === undefined ? '-' : String(row.fn),
    String(row.unlabeled),
    percent(row.precision),
    percent(row.recall),
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...body.map((line) => line[column].length)));
  const format = (line) => line.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(format)].join('\n');
}
