// A small static-file server with health endpoints. The server itself is created once in `main()`
// and kept for the life of the process: that is not a leak. What its request handlers open per
// request (a FileHandle, a socket to an upstream) must be released per request, or the process
// runs out of file descriptors under load.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const PUBLIC_DIR = join(import.meta.dirname, '..', 'public');
const MAX_INLINE_BYTES = 64 * 1024;
const UPSTREAM = { host: process.env['UPSTREAM_HOST'] ?? '127.0.0.1', port: Number(process.env['UPSTREAM_PORT'] ?? 6379) };
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

function contentType(path: string): string {
  return CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
}

/** The file under PUBLIC_DIR that a URL path names, or undefined when it points outside. */
function publicPath(urlPath: string): string | undefined {
  const path = normalize(join(PUBLIC_DIR, decodeURIComponent(urlPath.split('?')[0] ?? '/')));
  return path.startsWith(PUBLIC_DIR + sep) ? path : undefined;
}

// ✅ The file stream is handed to `pipeline()`, which destroys it on success, error or a client
// that disconnects.
async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = publicPath(req.url ?? '/');
  if (!path) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': contentType(path) });
  await pipeline(createReadStream(path), res);
}

// ✅ `await using`: the handle is closed whether `readFile()` succeeds or throws.
async function serveVersion(res: ServerResponse): Promise<void> {
  await using handle = await open(join(PUBLIC_DIR, 'VERSION'), 'r');
  const version = (await handle.readFile('utf8')).trim();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version }));
}

// ✅ The upstream socket is destroyed in `finally`, reachable or not.
async function upstreamReachable(): Promise<boolean> {
  const socket = connect(UPSTREAM);
  try {
    await once(socket, 'connect', { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

// ❌ Small files are read into memory; the "too large" branch returns without closing the handle.
async function serveInline(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = publicPath(req.url?.replace(/^\/inline/, '') ?? '/');
  if (!path) {
    res.writeHead(404).end();
    return;
  }
  const handle = await open(path, 'r'); // expect: notReleasedOnEveryPath
  const { size } = await handle.stat();
  if (size > MAX_INLINE_BYTES) {
    res.writeHead(413).end();
    return;
  }
  const body = await handle.readFile();
  await handle.close();
  res.writeHead(200, { 'content-type': contentType(path), 'content-length': body.length }).end(body);
}

// ❌ A liveness probe that connects to the upstream and answers, but never ends the socket: every
// probe leaves one connection open on both sides.
function checkUpstream(res: ServerResponse): void {
  const socket = connect(UPSTREAM); // expect: neverReleased
  socket.setTimeout(1000);
  socket.once('connect', () => res.writeHead(200).end('ok'));
  socket.once('timeout', () => res.writeHead(504).end('upstream timeout'));
  socket.once('error', () => res.writeHead(502).end('upstream unreachable'));
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  if (url === '/healthz') return checkUpstream(res);
  if (url === '/readyz') {
    const ready = await upstreamReachable();
    res.writeHead(ready ? 200 : 503).end(ready ? 'ready' : 'not ready');
    return;
  }
  if (url === '/version') return serveVersion(res);
  if (url.startsWith('/inline/')) return serveInline(req, res);
  return serveStatic(req, res);
}

// ✅ The server lives as long as the process; it is closed on SIGTERM.
async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 8080);
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(port);
  await once(server, 'listening');
  console.log(`listening on http://localhost:${port}`);
  process.once('SIGTERM', () => server.close());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
