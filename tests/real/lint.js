// Lints one repository of the corpus with the real ESLint API and the built plugin (dist/).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

import { SCORED_RULES } from './repos.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const pluginEntry = path.resolve(here, '../../dist/index.js');

/** The rules turned on: the scored ones plus the rest of `configs.strict` (reported, not scored). */
export async function loadPlugin() {
  const { default: plugin } = await import(pluginEntry);
  return plugin;
}

/** Whitespace-collapsed text: what labels are matched on. */
export function normalize(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** A short, stable identifier of a site's code: 8 hex digits of the normalized text's SHA-1. */
export function snippetHash(text) {
  return createHash('sha1').update(normalize(text)).digest('hex').slice(0, 8);
}

/**
 * Lints `files` (globs relative to `dir`) with the typed parser on the given tsconfigs.
 * Returns one entry per report of a `disposable/*` rule, and the fatal errors separately.
 */
export async function lintRepository({ dir, tsconfigs, files, rules }) {
  const plugin = await loadPlugin();
  const ruleNames = rules ?? Object.keys(SCORED_RULES);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.mts', '**/*.cts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { project: tsconfigs, tsconfigRootDir: dir },
        },
        linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
        plugins: { disposable: plugin },
        rules: Object.fromEntries(ruleNames.map((name) => [name, 'error'])),
      },
    ],
  });
  const results = await eslint.lintFiles(files);
  const reports = [];
  const fatal = [];
  for (const result of results) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    const lines = readFileSync(result.filePath, 'utf8').replace(/^\uFEFF/, '').split('\n');
    for (const message of result.messages) {
      if (message.fatal) {
        fatal.push(`${file}:${message.line}: ${message.message}`);
        continue;
      }
      if (!message.ruleId?.startsWith('disposable/')) continue;
      const text = sliceText(lines, message);
      reports.push({
        file,
        line: message.line,
        column: message.column,
        rule: message.ruleId,
        messageId: message.messageId,
        message: message.message,
        text: normalize(text).slice(0, 80),
        // The whole first line of the site: it survives lines moving, not the line being edited.
        hash: snippetHash(lines[message.line - 1] ?? ''),
      });
    }
  }
  reports.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { reports, fatal, files: results.length };
}

/** The text a report points at (its first line only when the range spans more than three lines). */
function sliceText(lines, message) {
  const startLine = message.line - 1;
  const endLine = (message.endLine ?? message.line) - 1;
  const endColumn = message.endColumn ?? message.column;
  if (endLine - startLine > 3) return (lines[startLine] ?? '').slice(message.column - 1);
  const parts = [];
  for (let index = startLine; index <= endLine; index++) {
    const line = lines[index] ?? '';
    const from = index === startLine ? message.column - 1 : 0;
    const to = index === endLine ? endColumn - 1 : line.length;
    parts.push(line.slice(from, to));
  }
  return parts.join('\n');
}
