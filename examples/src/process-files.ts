// A log-processing script: reads log files, counts lines, copies and summarizes them. A
// `FileHandle` from `open()` holds an OS file descriptor until `close()`; forgetting it on one path
// is how a long-running process ends with EMFILE ("too many open files").
//
// `await using` closes the handle when the block ends, however it ends, like Python's
// `async with open(path) as f:`.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, opendir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as readlinePromises from 'node:readline/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

// ✅ `await using`: closed when the function returns or throws.
export async function readHeader(path: string, size = 16): Promise<Buffer> {
  await using handle = await open(path, 'r');
  const buffer = Buffer.alloc(size);
  const { bytesRead } = await handle.read(buffer, 0, size, 0);
  return buffer.subarray(0, bytesRead);
}

// ✅ The handle is returned: the caller owns it now.
export async function openLog(path: string): Promise<FileHandle> {
  const handle = await open(path, 'a');
  return handle;
}

// ✅ The classic `try/finally`, with the handle declared outside so `finally` can see it. Not a
// leak; `disposable/prefer-using` rewrites it to `await using` (an exact rewrite, so `--fix` does it).
export async function lastModified(path: string): Promise<Date> {
  let handle: FileHandle | undefined;
  try { // expect: convert
    handle = await open(path, 'r');
    const stats = await handle.stat();
    return stats.mtime;
  } finally {
    await handle?.close();
  }
}

// ✅ Streams handed to `pipeline()`: it ends and destroys them on success and on error.
export async function compressLog(source: string, destination: string): Promise<void> {
  const input = createReadStream(source);
  const output = createWriteStream(destination);
  await pipeline(input, createGzip(), output);
}

// ✅ readline over a file stream, iterated to the end with `for await`.
export async function countErrors(path: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let errors = 0;
  for await (const line of lines) {
    if (line.includes(' ERROR ')) errors += 1;
  }
  return errors;
}

// ✅ A `Dir` iterated with `for await` closes itself.
export async function listLogs(directory: string): Promise<string[]> {
  const logs: string[] = [];
  const dir = await opendir(directory);
  for await (const entry of dir) {
    if (entry.isFile() && entry.name.endsWith('.log')) logs.push(join(directory, entry.name));
  }
  return logs;
}

// ❌ Never closed: every call leaks a file descriptor.
export async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r'); // expect: neverReleased
  const text = await handle.readFile('utf8');
  return text.split('\n')[0] ?? '';
}

// ❌ Closed, unless `write()` throws (disk full, EBADF…) first.
export async function appendLine(path: string, line: string): Promise<void> {
  const handle = await open(path, 'a'); // expect: notReleasedOnThrow
  await handle.write(`${line}\n`);
  await handle.close();
}

// ❌ The early `return` for the first non-empty file skips `close()`.
export async function firstNonEmpty(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    const handle = await open(path, 'r'); // expect: notReleasedOnEveryPath
    const { size } = await handle.stat();
    if (size > 0) return path;
    await handle.close();
  }
  return undefined;
}

// ❌ A handle per file in a loop, none of them closed.
export async function totalSize(paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const path of paths) {
    const handle = await open(path, 'r'); // expect: neverReleased
    total += (await handle.stat()).size;
  }
  return total;
}

// ❌ Opening two files at once: if the second `open()` rejects, the first handle is lost.
export async function sameContent(left: string, right: string): Promise<boolean> {
  const [a, b] = await Promise.all([open(left, 'r'), open(right, 'r')]); // expect: promiseAll
  try {
    const [x, y] = await Promise.all([a.readFile(), b.readFile()]);
    return x.equals(y);
  } finally {
    await a.close();
    await b.close();
  }
}

// ❌ A write stream that is only ended on the happy path: if formatting a row throws, the file
// descriptor stays open.
export function writeReport(path: string, rows: readonly Record<string, unknown>[]): void {
  const out = createWriteStream(path, 'utf8'); // expect: notReleasedOnThrow
  for (const row of rows) {
    out.write(`${JSON.stringify(row)}\n`);
  }
  out.end();
}

// ❌ A prompt that closes its readline interface only when `question()` resolves: Ctrl+C (an
// AbortError) or a closed stdin leaves the interface holding stdin open.
export async function confirm(question: string): Promise<boolean> {
  const prompt = readlinePromises.createInterface({ input: process.stdin, output: process.stdout }); // expect: notReleasedOnThrow
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  return answer.trim().toLowerCase() === 'y';
}
