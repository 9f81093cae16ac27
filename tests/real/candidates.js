// Lists every acquisition site in a repository of the corpus, so that the ones the rules do not
// report can be labeled too (they are where false negatives hide):
//   const x = <call or new>   (also awaited, parenthesized, `as`, `!`)
//   <call or new>;            (a discarded result, also awaited)
// whose (awaited) type the engine classifies as a resource (a dispose member, or a legacy
// resource from the presets; the default ignore list applies).
//
//   node tests/real/candidates.js <repo> [--unlabeled] [--json]
//
// Prints `file:line  type  expression  [reported|labeled]`.
import path from 'node:path';

import ts from 'typescript';

import { getEngine } from '../../dist/analysis/index.js';
import { normalize, snippetHash } from './lint.js';
import { codeKind } from './repos.js';
import { loadLabels, resolveRepository } from './score.js';

/** Candidate acquisition sites in the files the runner lints. */
export function findCandidates({ dir, tsconfigs, include }) {
  const seen = new Set();
  const candidates = [];
  for (const tsconfig of tsconfigs) {
    const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) continue;
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const checker = program.getTypeChecker();
    const engine = getEngine(program);
    for (const sourceFile of program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile) continue;
      const file = path.relative(dir, sourceFile.fileName).split(path.sep).join('/');
      if (file.startsWith('..') || file.includes('node_modules/') || seen.has(file) || !include(file)) continue;
      seen.add(file);
      const lines = sourceFile.text.split('\n');
      const visit = (node) => {
        let expression;
        if (ts.isVariableDeclaration(node) && node.initializer) expression = node.initializer;
        else if (ts.isExpressionStatement(node)) expression = node.expression;
        if (expression) {
          const core = unwrap(expression);
          if (ts.isCallExpression(core) || ts.isNewExpression(core)) {
            const info = safeClassify(engine, checker, expression);
            if (info) {
              const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
              candidates.push({
                file,
                line: line + 1,
                kind: ts.isVariableDeclaration(node) ? declarationKeyword(node) : 'discarded',
                type: info.typeName.slice(0, 60),
                text: normalize(core.getText(sourceFile)).slice(0, 80),
                hash: snippetHash(lines[line] ?? ''),
                code: codeKind(file),
              });
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
  }
  return candidates;
}

/** `using`, `await using`, `const`, `let` or `var`. */
function declarationKeyword(declaration) {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list)) return 'declared';
  if ((list.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing) return 'await using';
  if (list.flags & ts.NodeFlags.Using) return 'using';
  if (list.flags & ts.NodeFlags.Const) return 'const';
  if (list.flags & ts.NodeFlags.Let) return 'let';
  return 'var';
}

function unwrap(expression) {
  let current = expression;
  for (;;) {
    if (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
    else if (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression;
    else if (ts.isVoidExpression(current)) current = current.expression;
    else return current;
  }
}

function safeClassify(engine, checker, expression) {
  try {
    return engine.resources.classify(checker.getTypeAtLocation(expression));
  } catch {
    return undefined;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const name = args.find((arg) => !arg.startsWith('--'));
  if (!name) {
    console.error('usage: node tests/real/candidates.js <repo> [--unlabeled] [--json]');
    process.exit(2);
  }
  const repo = await resolveRepository(name);
  if (repo.missing) {
    console.error(repo.missing);
    process.exit(2);
  }
  const labels = loadLabels(name);
  const candidates = findCandidates(repo);
  const labeled = (candidate) =>
    labels.some((label) => label.file === candidate.file && label.rule === 'disposable/no-leaked-resource' && Math.abs(label.line - candidate.line) <= 2);
  const shown = args.includes('--unlabeled') ? candidates.filter((candidate) => !labeled(candidate)) : candidates;
  if (args.includes('--json')) {
    console.log(JSON.stringify(shown, null, 1));
    return;
  }
  for (const candidate of shown) {
    console.log(`${candidate.file}:${candidate.line}\t${candidate.kind}\t${candidate.type}\t${candidate.text}${labeled(candidate) ? '\t[labeled]' : ''}`);
  }
  console.error(`${shown.length} of ${candidates.length} candidates`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
