import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The aiohttp twin of examples/src/http-session.ts, run against a real HTTP server on 127.0.0.1
// with the real undici: the correct functions return what the server sends, and every connection
// they opened is back, so the server closes without waiting for one.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Twin {
  fetchText(origin: string, path: string): Promise<string>;
  fetchJson(url: string): Promise<unknown>;
}

describe('examples/src/http-session.ts against a local server', () => {
  let server: Server;
  let origin: string;
  let folder: string;
  let twin: Twin;
  let open = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/hello') response.end('hello');
      else if (request.url === '/data') response.setHeader('content-type', 'application/json').end('{"ok":true}');
      else response.writeHead(404).end('not here, and this body is long enough to matter'.repeat(100));
    });
    server.on('connection', (socket) => {
      open++;
      socket.once('close', () => open--);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    // Transpiled next to the package's node_modules, so that `undici` resolves as in the example.
    folder = await mkdtemp(path.join(root, 'node_modules', '.http-session-'));
    const source = await readFile(path.join(root, 'examples/src/http-session.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const file = path.join(folder, 'http-session.mjs');
    await writeFile(file, outputText);
    twin = (await import(pathToFileURL(file).href)) as Twin;
  });

  afterAll(async () => {
    const { getGlobalDispatcher } = await import('undici');
    await getGlobalDispatcher().close();
    server.closeAllConnections();
    server.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('reads a body with a pool that it closes', { timeout: 10_000 }, async () => {
    await expect(twin.fetchText(origin, '/hello')).resolves.toBe('hello');
    // The pool's connection ends with close(): none is left open on the server.
    await expect.poll(() => open, { timeout: 5_000 }).toBe(0);
  });

  it('parses JSON, and dumps the body of an error response before throwing', { timeout: 10_000 }, async () => {
    await expect(twin.fetchJson(`${origin}/data`)).resolves.toEqual({ ok: true });
    await expect(twin.fetchJson(`${origin}/missing`)).rejects.toThrow('status 404');
    // The dumped body gave its connection back: the next request gets an answer on it.
    await expect(twin.fetchJson(`${origin}/data`)).resolves.toEqual({ ok: true });
  });
});
