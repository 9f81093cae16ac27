// The program this package exists for, in Python:
//
//     async with aiohttp.ClientSession() as session:
//         async with session.get(url) as response:
//             return await response.text()
//
// Its TypeScript twin is undici (Node's own HTTP client, behind `fetch`). A `Pool` is the session:
// it keeps connections open until `close()`. A response body holds its connection until it is read
// to the end (`text()`, `json()`…) or dumped (`dump()`). undici 7 has no dispose member for either,
// so the twin of `async with` is a `try`/`finally` (or an AsyncDisposableStack that adopts the pool).
import { Pool, request } from 'undici';

// ✅ The twin: the session is closed on every path, and the body is read to the end.
export async function fetchText(origin: string, path: string): Promise<string> {
  const pool = new Pool(origin);
  try {
    const { body } = await pool.request({ path, method: 'GET' });
    return await body.text();
  } finally {
    await pool.close();
  }
}

// ✅ A body that is not wanted is dumped before the error is thrown, so its connection goes back.
export async function fetchJson(url: string): Promise<unknown> {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(`GET ${url}: status ${String(statusCode)}`);
  }
  return body.json();
}

// ❌ Closed at the end, but a failed request throws first: the pool's connections stay open.
export async function fetchStatus(origin: string, path: string): Promise<number> {
  const pool = new Pool(origin); // expect: notReleasedOnThrow
  const { statusCode, body } = await pool.request({ path, method: 'GET' });
  await body.dump();
  await pool.close();
  return statusCode;
}

// ❌ On the error branch the body is neither read nor dumped, and holds its connection.
export async function fetchJsonOrThrow(url: string): Promise<unknown> {
  const { statusCode, body } = await request(url); // expect: notReleasedOnThrow
  if (statusCode !== 200) throw new Error(`GET ${url}: status ${String(statusCode)}`);
  return body.json();
}
