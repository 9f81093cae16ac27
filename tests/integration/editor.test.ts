// Editor squiggles: the real ESLint language server (vscode-eslint's, as shipped by
// vscode-langservers-extracted) on a temporary project configured as the README says, spoken to
// over stdio with vscode-jsonrpc the way an editor does. See /work/shared/reference/editor.md for
// the settings that make it validate with ESLint 10 (flat config, ESLint class) and for why
// diagnostics are pulled rather than waited for.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

import { isRunning, killAll, linkDevNodeModules, makeTempDir, readmeConfig, removeTempDirs, ROOT, track, tsconfig, writeFiles } from './support.js';

const SERVER = join(ROOT, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');
const HARD_TIMEOUT_MS = 60_000;

// The LSP shapes this test reads (kept local: the protocol package is not a dependency of ours).
interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  message: string;
  source?: string;
  code?: string | number;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string }; edits: TextEdit[] }[];
}
interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
}

const SOURCE = `import { open } from 'node:fs/promises';

export async function firstLine(path: string) {
  const handle = await open(path);
  const text = await handle.readFile('utf8');
  return text.split('\\n')[0];
}

export async function size(path: string) {
  const handle = await open(path);
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
`;

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});

/** Resolves with `promise`, or rejects after `ms` with `what` in the message. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => {
      clearTimeout(timer);
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`${what}: no answer within ${String(ms)} ms`));
      }, ms);
    }),
  ]);
}

function editsIn(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.documentChanges) return edit.documentChanges.filter((change) => change.textDocument.uri === uri).flatMap((change) => change.edits);
  return edit.changes?.[uri] ?? [];
}

describe('the ESLint language server (vscode-eslint) with the README configuration', () => {
  let projectDir: string;
  let uri: string;
  let server: ChildProcess | undefined;
  let connection: MessageConnection | undefined;
  let stderr = '';
  const unexpectedRequests: string[] = [];
  const serverNotifications: string[] = [];
  let diagnostics: Diagnostic[] = [];
  const appliedEdits: WorkspaceEdit[] = [];

  function lsp(): MessageConnection {
    if (!connection) throw new Error('the language server did not start');
    return connection;
  }

  /**
   * The edits of a code action as an editor gets them: inline (`edit`), or, as vscode-eslint does
   * for fixes and suggestions, by executing the action's command, upon which the server sends
   * `workspace/applyEdit`.
   */
  async function editsOf(action: CodeAction): Promise<TextEdit[]> {
    if (action.edit) return editsIn(action.edit, uri);
    if (!action.command) return [];
    const before = appliedEdits.length;
    await within(
      HARD_TIMEOUT_MS,
      `workspace/executeCommand ${action.command.command}`,
      lsp().sendRequest('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments ?? [] }),
    );
    return appliedEdits.slice(before).flatMap((edit) => editsIn(edit, uri));
  }
  let hardTimer: NodeJS.Timeout | undefined;

  /** Everything the server said, for failure messages. */
  const transcript = (): string =>
    `\n--- server notifications\n${serverNotifications.join('\n')}\n--- unexpected requests\n${unexpectedRequests.join('\n')}\n--- server stderr\n${stderr}`;

  beforeAll(async () => {
    projectDir = makeTempDir('editor');
    writeFiles(projectDir, {
      'package.json': `${JSON.stringify({ name: 'editor-fixture', private: true, type: 'module' }, null, 2)}\n`,
      'tsconfig.json': tsconfig(),
      'eslint.config.js': readmeConfig(),
      'src/resources.ts': SOURCE,
    });
    linkDevNodeModules(projectDir);
    const workspaceUri = pathToFileURL(projectDir).href;
    uri = pathToFileURL(join(projectDir, 'src', 'resources.ts')).href;

    const child = track(spawn(process.execPath, [SERVER, '--stdio'], { cwd: projectDir, stdio: ['pipe', 'pipe', 'pipe'] }));
    server = child;
    // Whatever happens, the server does not outlive this hard limit.
    hardTimer = setTimeout(() => child.kill('SIGKILL'), HARD_TIMEOUT_MS * 2);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (!child.stdout || !child.stdin) throw new Error('the language server has no stdio pipes');
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection = conn;

    const settings = {
      validate: 'on',
      packageManager: 'npm',
      useESLintClass: true,
      useFlatConfig: true,
      experimental: { useFlatConfig: false },
      codeAction: {
        disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
        showDocumentation: { enable: true },
      },
      codeActionOnSave: { enable: false, mode: 'all' },
      format: false,
      quiet: false,
      onIgnoredFiles: 'off',
      options: {},
      rulesCustomizations: [],
      run: 'onType',
      problems: { shortenToSingleLine: false },
      nodePath: null,
      workingDirectory: { mode: 'location' },
      workspaceFolder: { uri: workspaceUri, name: 'fixture' },
    };
    conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    // Executing a fix or suggestion command makes the server ask the editor to apply the edit.
    conn.onRequest('workspace/applyEdit', (params: { label?: string; edit: WorkspaceEdit }) => {
      appliedEdits.push(params.edit);
      return { applied: true };
    });
    conn.onRequest('workspace/workspaceFolders', () => [{ uri: workspaceUri, name: 'fixture' }]);
    // Anything else (eslint/noLibrary, eslint/probeFailed, …) is recorded and shows in failures.
    conn.onRequest((method: string, params: unknown) => {
      unexpectedRequests.push(`${method} ${JSON.stringify(params)}`);
      return null;
    });
    conn.onNotification((method: string, params: unknown) => {
      serverNotifications.push(`${method} ${JSON.stringify(params)}`.slice(0, 2000));
    });
    conn.listen();

    await within(
      HARD_TIMEOUT_MS,
      'initialize',
      conn.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: 'eslint-plugin-disposable integration test' },
        rootUri: workspaceUri,
        workspaceFolders: [{ uri: workspaceUri, name: 'fixture' }],
        capabilities: {
          workspace: {
            applyEdit: true,
            workspaceEdit: { documentChanges: true },
            executeCommand: { dynamicRegistration: true },
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
          },
          textDocument: {
            synchronization: { dynamicRegistration: true, didSave: true },
            diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
            publishDiagnostics: { relatedInformation: true },
            codeAction: {
              dynamicRegistration: true,
              isPreferredSupport: true,
              codeActionLiteralSupport: {
                codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.fixAll.eslint'] },
              },
            },
          },
          window: { workDoneProgress: true },
        },
      }),
    );
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE },
    });

    // Pull diagnostics until the plugin's arrive: the first answers can be empty while the
    // TypeScript program loads.
    const deadline = Date.now() + HARD_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const report = await within(
        HARD_TIMEOUT_MS,
        'textDocument/diagnostic',
        conn.sendRequest<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }),
      );
      diagnostics = report.items ?? [];
      if (diagnostics.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, HARD_TIMEOUT_MS * 2);

  afterAll(async () => {
    if (!server || !connection) {
      // beforeAll failed before the server started (or before it could be spoken to).
      await killAll();
      clearTimeout(hardTimer);
      removeTempDirs();
      return;
    }
    const pid = server.pid;
    try {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>((resolve) => server?.once('exit', () => resolve()));
        await within(10_000, 'shutdown', connection.sendRequest('shutdown')).catch(() => undefined);
        await connection.sendNotification('exit').catch(() => undefined);
        await within(10_000, 'the server exiting after `exit`', exited).catch(() => undefined);
      }
    } finally {
      connection.dispose();
      await killAll();
      clearTimeout(hardTimer);
      removeTempDirs();
    }
    // No process left behind.
    expect(server.exitCode !== null || server.signalCode !== null).toBe(true);
    if (pid !== undefined) expect(isRunning(pid)).toBe(false);
  }, 30_000);

  it('pulls the plugin’s diagnostics, and nothing else', () => {
    expect(diagnostics.map((diagnostic) => `${String(diagnostic.code)} ${JSON.stringify(diagnostic.range)}`), transcript()).toEqual([
      `disposable/no-leaked-resource ${JSON.stringify(range(3, 8, 3, 14))}`,
      `disposable/prefer-using ${JSON.stringify(range(10, 2, 10, 5))}`,
    ]);
    for (const diagnostic of diagnostics) expect(diagnostic.source).toBe('eslint');
  });

  it('reports the leak at `handle` and offers the rule’s `await using` suggestion', async () => {
    const leak = diagnostics.find((diagnostic) => diagnostic.code === 'disposable/no-leaked-resource');
    expect(leak, transcript()).toBeDefined();
    if (!leak) return;
    expect(leak.range).toEqual(range(3, 8, 3, 14));
    expect(leak.message).toContain("'handle' (FileHandle) is acquired here but never released");

    const actions = await within(
      HARD_TIMEOUT_MS,
      'textDocument/codeAction',
      lsp().sendRequest<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range: leak.range,
        context: { diagnostics: [leak], triggerKind: 1 },
      }),
    );
    const suggestion = (actions ?? []).find((action) => action.title.startsWith("Declare 'handle' with `await using`"));
    expect(suggestion, JSON.stringify(actions, null, 2)).toBeDefined();
    if (!suggestion) return;
    expect(suggestion.kind).toBe('quickfix');
    // `const` (line 4, columns 3–7) becomes `await using`.
    expect(await editsOf(suggestion)).toEqual([{ range: range(3, 2, 3, 7), newText: 'await using' }]);
  });

  it('reports the try/finally and offers prefer-using’s exact rewrite as a quick fix', async () => {
    const tryFinally = diagnostics.find((diagnostic) => diagnostic.code === 'disposable/prefer-using');
    expect(tryFinally, transcript()).toBeDefined();
    if (!tryFinally) return;
    expect(tryFinally.range).toEqual(range(10, 2, 10, 5));
    expect(tryFinally.message).toContain("'handle' is released in a `finally` block");

    const actions = await within(
      HARD_TIMEOUT_MS,
      'textDocument/codeAction',
      lsp().sendRequest<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range: tryFinally.range,
        context: { diagnostics: [tryFinally], triggerKind: 1 },
      }),
    );
    const fix = (actions ?? []).find((action) => action.title.startsWith('Fix this disposable/prefer-using problem'));
    expect(fix, JSON.stringify(actions, null, 2)).toBeDefined();
    if (!fix) return;
    expect(fix.kind).toBe('quickfix');
    const edits = await editsOf(fix);
    expect(edits).toEqual([
      {
        range: range(9, 2, 14, 3),
        newText: 'await using handle = await open(path);\n  return (await handle.stat()).size;',
      },
    ]);

    // Applied to the document, the quick fix gives the `await using` version of the function.
    const lines = SOURCE.split('\n');
    const [edit] = edits;
    if (!edit) return;
    const fixed = [
      ...lines.slice(0, edit.range.start.line),
      `${(lines[edit.range.start.line] ?? '').slice(0, edit.range.start.character)}${edit.newText}${(lines[edit.range.end.line] ?? '').slice(edit.range.end.character)}`,
      ...lines.slice(edit.range.end.line + 1),
    ].join('\n');
    expect(fixed.slice(fixed.indexOf('export async function size'))).toBe(
      'export async function size(path: string) {\n  await using handle = await open(path);\n  return (await handle.stat()).size;\n}\n',
    );
    // The file on disk is the editor's business: the server only proposes edits.
    expect(readFileSync(join(projectDir, 'src', 'resources.ts'), 'utf8')).toBe(SOURCE);
  });
});
