// Which of a repository's own classes and interfaces the engine infers to be resources (a cleanup
// method that releases a field, an interface whose implementing class does), and what it costs.
// The lint reports only show inference where a value of such a type is acquired; this lists every
// type declared in the linted files, so that wrong inferences and slow ones can be seen directly.
//
//   node tests/real/inferred.js [repo ...] [--json <file>]
//
//   repo          puppeteer-core and the mirrors (default: all that are available)
//   --json file   write every repository's counts, timings and inferred types to a JSON file
//
// Repositories are found as `npm run real` finds them (see README.md beside this file).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

// The engine's own TypeScript instance, so that its checks run on the types of this program.
import { getEngine } from '../../dist/analysis/engine.js';
import { ts } from '../../dist/analysis/typescript.js';
import { REPOSITORY_NAMES, resolveRepository } from './score.js';

const EXAMPLES = 5;

/** The declared (instance) type of every class and interface in the linted files, per project. */
function declaredTypes(program, dir, include, seen) {
  const checker = program.getTypeChecker();
  const types = new Map(); // type → where it is first declared (merged declarations count once)
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile) continue;
    const file = path.relative(dir, sourceFile.fileName).split(path.sep).join('/');
    // A file two projects share is looked at in the first one only.
    if (file.startsWith('..') || file.includes('node_modules/') || seen.has(file) || !include(file)) continue;
    seen.add(file);
    const visit = (node) => {
      if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) {
        // A class expression has no name to ask for its symbol: its constructor type carries it.
        const symbol = node.name ? checker.getSymbolAtLocation(node.name) : checker.getTypeAtLocation(node).getSymbol();
        const type = symbol && checker.getDeclaredTypeOfSymbol(symbol);
        if (type && !types.has(type)) {
          const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
          types.set(type, { file, line: line + 1, name: nameOf(node), kind: ts.isInterfaceDeclaration(node) ? 'interface' : 'class' });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return types;
}

/** `Pool`, or the variable an anonymous class expression is assigned to. */
function nameOf(node) {
  if (node.name) return node.name.text;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous class)';
}

/** Creates each project's program and engine and classifies its declared types, timing both. */
function inspect(repo) {
  const result = { name: repo.name, projects: 0, programMillis: 0, classifyMillis: 0, declared: 0, resources: 0, inferred: [], errors: [] };
  const seen = new Set();
  for (const tsconfig of repo.tsconfigs) {
    const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) continue;
    let started = performance.now();
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    program.getTypeChecker(); // binds every file: part of the program's cost, not the engine's
    result.programMillis += performance.now() - started;
    result.projects++;
    const types = declaredTypes(program, repo.dir, repo.include, seen);
    // Cold: a fresh engine, so every verdict (and the index of implementing classes) is computed here.
    started = performance.now();
    const engine = getEngine(program);
    const verdicts = [];
    for (const [type, site] of types) {
      try {
        verdicts.push({ site, info: engine.resources.classify(type) });
      } catch (error) {
        result.errors.push(`${site.file}:${site.line} ${site.name}: ${error.message}`);
      }
    }
    result.classifyMillis += performance.now() - started;
    result.declared += types.size;
    for (const { site, info } of verdicts) {
      if (info) result.resources++;
      if (info?.inferred) result.inferred.push({ ...site, typeName: info.typeName, reason: info.inferred, releaseMethods: [...info.releaseMethods] });
    }
  }
  result.inferred.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return result;
}

function formatTable(results) {
  const header = ['repo', 'projects', 'declared', 'resources', 'inferred', 'program ms', 'classify ms'];
  const body = results.map((r) => [r.name, r.projects, r.declared, r.resources, r.inferred.length, Math.round(r.programMillis), Math.round(r.classifyMillis)].map(String));
  const widths = header.map((cell, column) => Math.max(cell.length, ...body.map((line) => line[column].length)));
  const format = (line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(format)].join('\n');
}

const args = process.argv.slice(2);
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const names = args.filter((arg, index) => !arg.startsWith('--') && (jsonIndex < 0 || index !== jsonIndex + 1));

const results = [];
const missing = [];
// One repository at a time: a program of the larger ones holds a few hundred MB.
for (const name of names.length > 0 ? names : REPOSITORY_NAMES) {
  console.error(`inspecting ${name} …`);
  let repo;
  try {
    repo = await resolveRepository(name, { log: (line) => console.error(`  ${line}`) });
  } catch (error) {
    repo = { name, missing: `${name}: ${error.message.split('\n')[0]}` };
  }
  if (repo.missing) {
    missing.push(repo.missing);
    console.error(`  ${repo.missing}`);
    continue;
  }
  if (repo.warning) console.error(`  ${repo.warning}`);
  results.push(inspect(repo));
}

console.log(formatTable(results));
for (const line of missing) console.log(`\n${line}`);
for (const result of results) {
  if (result.inferred.length === 0 && result.errors.length === 0) continue;
  console.log(`\n${result.name}: ${result.inferred.length} inferred${result.inferred.length > EXAMPLES ? `, the first ${EXAMPLES}` : ''}:`);
  for (const { file, line, name, reason } of result.inferred.slice(0, EXAMPLES)) console.log(`  ${file}:${line} ${name} — ${reason}`);
  for (const line of result.errors) console.log(`  classify threw: ${line}`);
}

if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ repositories: results, missing }, null, 1));
