// The bundled example project (examples/) is part of the documentation: every leak in it carries a
// trailing `// expect: <messageId>` comment on the line the rule reports, and every other line is
// correct code that must stay quiet. These tests lint it the way a user would (its own
// eslint.config.js, which imports the built package by name) and compare the findings with the
// markers, both ways.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../index.js';
import { ENGINE_MESSAGES } from '../rules/engine-utils.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(root, 'examples');
const sourceDir = join(examplesDir, 'src');
const RULE_PREFIX = 'disposable/';
const RULE_ID = 'disposable/no-leaked-resource';
/** The messages every rule has (rules/engine-utils.ts reports them for whichever rule comes first). */
const SHARED_MESSAGES = new Set(Object.keys(ENGINE_MESSAGES));
/** A rule's own messageIds: the ones examples can show, and no two rules share. */
const ownMessages = (rule: { meta: { messages: object } }): string[] => Object.keys(rule.meta.messages).filter((id) => !SHARED_MESSAGES.has(id));
/** Which rule each messageId belongs to: the markers name messageIds, which no two rules share. */
const RULE_OF_MESSAGE = new Map(Object.entries(plugin.rules).flatMap(([name, rule]) => ownMessages(rule).map((id) => [id, name] as const)));
const MARKER = /\/\/\s*expect:\s*([\w\s,]+?)\s*$/;

/** `file:line messageId`, with the file relative to examples/src. */
type Finding = string;

function finding(file: string, line: number, messageId: string): Finding {
  return `${relative(sourceDir, file)}:${String(line)} ${messageId}`;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?tsx?$/.test(entry.name) ? [path] : [];
  });
}

function expectedFindings(): Finding[] {
  return sourceFiles(sourceDir).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .flatMap((text, index) => {
        const ids = MARKER.exec(text)?.[1];
        if (ids === undefined) return [];
        return ids
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== '')
          .map((id) => finding(file, index + 1, id));
      }),
  );
}

async function actualFindings(): Promise<Finding[]> {
  const eslint = new ESLint({ cwd: examplesDir });
  const results = await eslint.lintFiles(['src']);
  return results.flatMap((result) =>
    result.messages.map((message) =>
      // Anything else (a parsing error, a file the config does not cover) fails the comparison
      // with its text, rather than passing silently.
      message.ruleId?.startsWith(RULE_PREFIX) && message.messageId !== undefined
        ? finding(result.filePath, message.line, message.messageId)
        : finding(result.filePath, message.line, `[${message.ruleId ?? 'no rule'}] ${message.message}`),
    ),
  );
}

const sorted = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

describe('the example project (examples/)', () => {
  it('reports exactly the lines marked `// expect: <messageId>`, and nothing in the correct code', async () => {
    const expected = expectedFindings();
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(await actualFindings())).toEqual(sorted(expected));
  });

  it('shows every message of no-leaked-resource at least once', () => {
    // Suggestions and a configuration message are not findings in code.
    const reportable = ownMessages(plugin.rules['no-leaked-resource']).filter(
      (id) => !id.startsWith('suggest') && id !== 'unmatchedSpecifier',
    );
    const shown = new Set(expectedFindings().map((marker) => marker.split(' ')[1]));
    expect([...shown].sort()).toEqual(expect.arrayContaining(reportable.sort()));
    for (const id of shown) expect(RULE_OF_MESSAGE.has(id ?? '')).toBe(true);
  });

  it('shows every rule of the plugin firing at least once', () => {
    const rulesShown = new Set(expectedFindings().map((marker) => RULE_OF_MESSAGE.get(marker.split(' ')[1] ?? '')));
    expect([...rulesShown].sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  it('has messageIds that name one rule each, so a marker is unambiguous', () => {
    const ids = Object.values(plugin.rules).flatMap(ownMessages);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('runs with `npm run example` (node scripts/example.js): shows the findings and exits 0', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [join(root, 'scripts', 'example.js')], {
          cwd: root,
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
        child.on('error', reject);
        child.on('close', (exitCode) => {
          resolve({ code: exitCode, stdout: out, stderr: err });
        });
      },
    );
    // Progress lines of the codemod's dry run go to stderr; nothing else may.
    const unexpectedStderr = stderr.split('\n').filter((line) => line !== '' && !/^disposable-migrate: \d+\/\d+ files$/.test(line));
    expect({ code, stderr: unexpectedStderr }).toEqual({ code: 0, stderr: [] });
    expect(stdout).toContain('disposable-migrate --dry');
    expect(stdout).toContain(RULE_ID);
    // Piped output is plain: no ANSI escapes.
    expect(stdout).not.toMatch(/\u001b\[/);
    const files = new Set(expectedFindings().map((marker) => marker.split(':')[0]));
    expect(stdout).toContain(`${String(expectedFindings().length)} findings in ${String(files.size)} files`);
  });
});
