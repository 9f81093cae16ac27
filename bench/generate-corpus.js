// Writes a synthetic TypeScript project of N files to bench/corpus/<N>/ (seeded: the same N and
// seed always give the same bytes), with a tsconfig and one ESLint config per benchmark variant.
//
//   node bench/generate-corpus.js <N> [--seed=<n>] [--out=<folder>]
//
// The mix is meant to look like application code that uses resources: most functions are plain
// code, and the rest open files, sockets, streams and timers, release them correctly (try/finally,
// `await using`, DisposableStack), hand them on (returned, stored in fields, pushed to stacks),
// leak them on some path, or iterate them. Files import helpers from earlier files, so the program
// has a real module graph and some resources come from in-program factories.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

/** mulberry32: small, fast, and good enough to pick templates. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each template is (name, context) => source text of one or more top-level declarations.
// `context.helper` is an exported factory of an earlier file (or undefined).
const RESOURCE_TEMPLATES = [
  // try/finally that the codemod converts
  (n) => `export async function readHeader${n}(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}`,
  (n) => `export async function stat${n}(path: string): Promise<Date> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    return stats.mtime;
  } finally {
    await handle?.close();
  }
}`,
  // already `await using`
  (n) => `export async function size${n}(path: string): Promise<number> {
  await using handle = await open(path, 'r');
  const { size } = await handle.stat();
  return size;
}`,
  // never released
  (n) => `export async function firstLine${n}(path: string): Promise<string> {
  const handle = await open(path, 'r');
  const text = await handle.readFile('utf8');
  return text.split('\\n')[0] ?? '';
}`,
  // released, but not on throw
  (n) => `export async function append${n}(path: string, line: string): Promise<void> {
  const handle = await open(path, 'a');
  await handle.write(\`\${line}\\n\`);
  await handle.close();
}`,
  // early return skips the release
  (n) => `export async function firstNonEmpty${n}(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    const handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > 0) return path;
    await handle.close();
  }
  return undefined;
}`,
  // returned: the caller owns it
  (n) => `export async function openLog${n}(path: string): Promise<FileHandle> {
  const handle = await open(path, 'a');
  return handle;
}`,
  // stored in a field
  (n) => `export class Journal${n} implements AsyncDisposable {
  #handle: FileHandle | undefined;
  readonly entries: string[] = [];
  async open(path: string): Promise<void> {
    this.#handle = await open(path, 'a');
  }
  async write(entry: string): Promise<void> {
    this.entries.push(entry);
    await this.#handle?.write(\`\${entry}\\n\`);
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#handle?.close();
  }
}`,
  // a stack owns them
  (n) => `export async function merge${n}(paths: readonly string[]): Promise<string> {
  await using stack = new AsyncDisposableStack();
  const handles: FileHandle[] = [];
  for (const path of paths) handles.push(stack.use(await open(path, 'r')));
  const parts = await Promise.all(handles.map((handle) => handle.readFile('utf8')));
  return parts.join('');
}`,
  // streams: piped (consumed), and ended only on the happy path
  (n) => `export async function copy${n}(source: string, destination: string): Promise<void> {
  const input = createReadStream(source);
  const output = createWriteStream(destination);
  await pipeline(input, output);
}`,
  (n) => `export function writeRows${n}(path: string, rows: readonly Record<string, unknown>[]): void {
  const out = createWriteStream(path, 'utf8');
  for (const row of rows) out.write(\`\${JSON.stringify(row)}\\n\`);
  out.end();
}`,
  // socket released in finally
  (n) => `export async function ping${n}(host: string, port: number): Promise<boolean> {
  const socket = createConnection({ host, port });
  try {
    await once(socket, 'connect');
    socket.write('PING\\r\\n');
    const [data] = (await once(socket, 'data')) as [Buffer];
    return data.toString().startsWith('+PONG');
  } finally {
    socket.destroy();
  }
}`,
  // iterators
  (n) => `export async function listLogs${n}(directory: string): Promise<string[]> {
  const logs: string[] = [];
  const dir = await opendir(directory);
  for await (const entry of dir) {
    if (entry.isFile() && entry.name.endsWith('.log')) logs.push(join(directory, entry.name));
  }
  return logs;
}`,
  (n) => `export async function countErrors${n}(path: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let errors = 0;
  for await (const line of lines) {
    if (line.includes(' ERROR ')) errors += 1;
  }
  return errors;
}`,
  (n) => `export function* chunks${n}<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let index = 0; index < items.length; index += size) yield items.slice(index, index + size);
}`,
  // timers
  (n) => `export function poll${n}(check: () => boolean, every: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      }
    }, every);
  });
}`,
  (n) => `export async function withTimeout${n}<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}`,
  // a floating promise (for no-floating-promises to find) next to a resource
  (n) => `export function touch${n}(path: string): void {
  open(path, 'a').then((handle) => handle.close());
}`,
];

const HELPER_TEMPLATES = [
  // in-program factories: the engine reads their bodies to decide whether a call is fresh
  (n) => `export async function openData${n}(name: string): Promise<FileHandle> {
  return open(join('/var/data', name), 'r');
}`,
  (n) => `export class Cache${n} {
  #handle: FileHandle | undefined;
  async handle(path: string): Promise<FileHandle> {
    this.#handle ??= await open(path, 'r');
    return this.#handle;
  }
}`,
];

const PLAIN_TEMPLATES = [
  (n) => `export interface Order${n} {
  readonly id: string;
  readonly lines: readonly { sku: string; quantity: number; price: number }[];
  readonly customer?: { name: string; email: string };
}

export function total${n}(order: Order${n}): number {
  return order.lines.reduce((sum, line) => sum + line.quantity * line.price, 0);
}`,
  (n) => `export function groupBy${n}<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) {
    const k = key(item);
    (groups[k] ??= []).push(item);
  }
  return groups;
}`,
  (n) => `export class Counter${n} {
  #counts = new Map<string, number>();
  add(word: string): this {
    this.#counts.set(word, (this.#counts.get(word) ?? 0) + 1);
    return this;
  }
  top(limit: number): [string, number][] {
    return [...this.#counts].sort((a, b) => b[1] - a[1]).slice(0, limit);
  }
}`,
  (n) => `export async function retry${n}<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await work();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}`,
  (n) => `export type Event${n} =
  | { readonly kind: 'created'; readonly at: Date; readonly id: string }
  | { readonly kind: 'updated'; readonly at: Date; readonly id: string; readonly fields: readonly string[] }
  | { readonly kind: 'deleted'; readonly at: Date; readonly id: string };

export function describe${n}(event: Event${n}): string {
  switch (event.kind) {
    case 'created':
      return \`\${event.id} created at \${event.at.toISOString()}\`;
    case 'updated':
      return \`\${event.id} updated (\${event.fields.join(', ')})\`;
    case 'deleted':
      return \`\${event.id} deleted\`;
  }
}`,
  (n) => `export function parseQuery${n}(query: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const part of query.replace(/^\\?/, '').split('&')) {
    if (!part) continue;
    const [rawKey = '', rawValue = ''] = part.split('=');
    const key = decodeURIComponent(rawKey);
    const values = result.get(key) ?? [];
    values.push(decodeURIComponent(rawValue));
    result.set(key, values);
  }
  return result;
}`,
  (n) => `export async function fetchAll${n}(urls: readonly string[]): Promise<string[]> {
  const results: string[] = [];
  for (const url of urls) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(\`\${url}: \${String(response.status)}\`);
    results.push(await response.text());
  }
  void Promise.resolve(results.length);
  return results;
}`,
  (n) => `export const limits${n} = {
  maxFiles: ${String(n % 97)},
  maxBytes: ${String((n % 13) * 1024)},
  retries: ${String(n % 5)},
} as const;

export function clamp${n}(value: number, low = 0, high: number = limits${n}.maxBytes): number {
  return Math.min(high, Math.max(low, value));
}`,
];

const IMPORTS = `import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, opendir, type FileHandle } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';`;

/** One file's text: about a third resource code, the rest plain code, plus uses of earlier helpers. */
function fileText(index, random, helpers) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const parts = [];
  const uses = [];
  const count = 3 + Math.floor(random() * 4);
  for (let k = 0; k < count; k++) {
    const n = index * 10 + k;
    const roll = random();
    if (roll < 0.4) parts.push(pick(RESOURCE_TEMPLATES)(n));
    else if (roll < 0.5) {
      parts.push(pick(HELPER_TEMPLATES)(n));
    } else parts.push(pick(PLAIN_TEMPLATES)(n));
  }
  // Call an earlier file's factory: a resource whose freshness the engine decides from the body.
  if (helpers.length > 0 && random() < 0.5) {
    const helper = helpers[Math.floor(random() * helpers.length)];
    uses.push(`import { openData${helper.n} } from './${helper.file}.js';`);
    const leak = random() < 0.3;
    parts.push(
      leak
        ? `export async function load${index}(name: string): Promise<string> {
  const handle = await openData${helper.n}(name);
  return handle.readFile('utf8');
}`
        : `export async function load${index}(name: string): Promise<string> {
  const handle = await openData${helper.n}(name);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}`,
    );
  }
  // Keep every import used, whatever the templates were.
  const keep = `export const used${index} = [once, createReadStream, createWriteStream, open, opendir, createConnection, join, createInterface, pipeline] as const;
export type Handle${index} = FileHandle;`;
  return `// Generated by bench/generate-corpus.js: file ${index}.\n${IMPORTS}\n${uses.join('\n')}\n\n${parts.join('\n\n')}\n\n${keep}\n`;
}

export const VARIANTS = ['base', 'nfp', 'ours', 'both'];

/** An ESLint config per variant, all with the same parser setup and a do-nothing rule. */
function eslintConfig(variant) {
  const pluginUrl = pathToFileURL(path.join(root, 'dist', 'index.js')).href;
  const rules = ["'bench/noop': 'error'"];
  if (variant === 'nfp' || variant === 'both') rules.push("'@typescript-eslint/no-floating-promises': 'error'");
  return `// Generated by bench/generate-corpus.js: variant "${variant}".
import tseslint from 'typescript-eslint';
${variant === 'ours' || variant === 'both' ? `import disposable from ${JSON.stringify(pluginUrl)};\n` : ''}
const bench = { rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({}) } } };

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { bench, '@typescript-eslint': tseslint.plugin },
    rules: { ${rules.join(', ')} },
  },${
    variant === 'ours' || variant === 'both'
      ? `
  { files: ['**/*.ts'], ...disposable.configs.strict },`
      : ''
  }
];
`;
}

export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'esnext.disposable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

/** Writes the ESLint configs for every variant into `folder` (a corpus root). */
export function writeConfigs(folder) {
  for (const variant of VARIANTS) fs.writeFileSync(path.join(folder, `eslint.${variant}.config.js`), eslintConfig(variant));
}

/**
 * Makes the corpus its own git work tree: this repository ignores bench/corpus/, and
 * disposable-migrate lists a folder's files with git (tracked and untracked-but-not-ignored),
 * as it would in a user's repository.
 */
export function initGit(folder) {
  fs.rmSync(path.join(folder, '.git'), { recursive: true, force: true });
  try {
    execFileSync('git', ['init', '-q', folder], { stdio: 'ignore' });
  } catch {
    // No git: disposable-migrate walks the folder instead.
  }
}

export function generate(count, { seed = 1, out = path.join(here, 'corpus', String(count)) } = {}) {
  const random = prng(seed * 1000003 + count);
  fs.rmSync(out, { recursive: true, force: true });
  const src = path.join(out, 'src');
  fs.mkdirSync(src, { recursive: true });
  const helpers = [];
  let lines = 0;
  for (let index = 0; index < count; index++) {
    const file = `module-${String(index).padStart(4, '0')}`;
    const text = fileText(index, random, helpers);
    for (const match of text.matchAll(/export async function openData(\d+)/g)) helpers.push({ file, n: Number(match[1]) });
    fs.writeFileSync(path.join(src, `${file}.ts`), text);
    lines += text.split('\n').length;
  }
  fs.writeFileSync(path.join(out, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeConfigs(out);
  initGit(out);
  return { folder: out, files: count, lines };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  const count = Number(args.find((arg) => !arg.startsWith('--')) ?? 250);
  const result = generate(count, { seed: Number(option('seed', 1)), out: option('out', undefined) });
  console.log(`${result.folder}: ${String(result.files)} files, ${String(result.lines)} lines`);
}
