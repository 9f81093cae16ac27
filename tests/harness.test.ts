// Self-tests of the differential harness: it must accept true equivalences and catch real
// differences, each with a hand-written input/output pair.
import { describe, expect, it } from 'vitest';

import {
  compareRewrite,
  compile,
  CompileError,
  formatEvent,
  formatVerdict,
  HarnessError,
  traceAll,
  type Trace,
  type Verdict,
} from './harness/index.js';

function lines(trace: Trace | undefined): string[] {
  return (trace ?? []).map((event) => formatEvent(event));
}

/** Asserts the verdict's kind, printing the traces when it is not the expected one. */
function expectKind(verdict: Verdict, kind: Verdict['kind']): void {
  expect(verdict.kind, formatVerdict(verdict)).toBe(kind);
}

function expectDifferent(verdict: Verdict): Extract<Verdict, { kind: 'different' }> {
  if (verdict.kind !== 'different') throw new Error(`expected a difference, got: ${formatVerdict(verdict)}`);
  return verdict;
}

const readFileInput = `
import { open } from 'node:fs/promises';
export async function run(p: string) {
  const fh = await open(p);
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}
`;

const readFileOutput = `
import { open } from 'node:fs/promises';
export async function run(p: string) {
  await using fh = await open(p);
  return await fh.readFile();
}
`;

describe('compile', () => {
  it('lowers using / await using to helpers that run on Node 20', async () => {
    const source = `
import { acquire, acquireSync } from './resource';
export async function run() {
  await using a = await acquire('a');
  using b = acquireSync('b');
  return b.use();
}
`;
    const js = compile(source);
    expect(js).toContain('__addDisposableResource');
    expect(js).toContain('__disposeResources');
    expect(js).not.toMatch(/\busing\s+[ab]\b/);

    const [normal] = await traceAll(source);
    expect(lines(normal?.trace)).toEqual([
      'acquire a = acquire("a")',
      'acquire b = acquireSync("b")',
      'call b.use()',
      'release b.close()',
      'release a.close()',
      'resolve "b:used"',
    ]);
  });

  it('reports syntax errors with file, line and column', () => {
    const broken = 'export function run() {\n  const x = ;\n}\n';
    expect(() => compile(broken, 'broken.ts')).toThrow(CompileError);
    expect(() => compile(broken, 'broken.ts')).toThrow(/broken\.ts:2:13: TS1109: Expression expected\./);
  });
});

describe('sandbox', () => {
  it('installs the disposablestack polyfill inside the sandbox, not in the host realm', async () => {
    const source = `
export function run() {
  return [typeof AsyncDisposableStack, typeof DisposableStack, typeof SuppressedError, typeof Symbol.asyncDispose];
}
`;
    const hostHadIt = 'AsyncDisposableStack' in globalThis;
    const [normal] = await traceAll(source);
    expect(lines(normal?.trace)).toEqual(['return ["function", "function", "function", "symbol"]']);
    expect('AsyncDisposableStack' in globalThis).toBe(hostHadIt);
  });

  it('starts every run with fresh module state and fresh globals, and is deterministic', async () => {
    const source = `
import { step } from './work';
let calls = 0;
export async function run() {
  calls++;
  const g = globalThis as { seen?: number };
  g.seen = (g.seen ?? 0) + 1;
  await step('s');
  return [calls, g.seen];
}
`;
    const first = await traceAll(source);
    expect(first.map(({ scenario, trace }) => [scenario.name, lines(trace).at(-1)])).toEqual([
      ['run()', 'resolve [1, 1]'],
      ['run(), op 1 throws', 'reject Error("injected fault: step(\\"s\\")")'],
    ]);
    expect(await traceAll(source)).toEqual(first);
  });

  it('rejects a module the fake world does not provide with a HarnessError', async () => {
    const source = `import leftPad from 'left-pad';\nexport function run() { return leftPad('x', 2); }\n`;
    await expect(traceAll(source)).rejects.toThrow(HarnessError);
    await expect(traceAll(source)).rejects.toThrow(/requires "left-pad"/);
  });
});

describe('traceAll', () => {
  const source = `
import { open } from 'node:fs/promises';
import { step } from './work';
export async function run(p: string) {
  await using fh = await open(p);
  await step('parse');
  return (await fh.stat()).size;
}
`;

  it('enumerates the normal path, every fault point and every failing release', async () => {
    const traces = await traceAll(source, { argSets: [['a.txt']] });
    expect(traces.map(({ scenario }) => scenario.name)).toEqual([
      'run("a.txt")',
      'run("a.txt"), release of file#1 throws',
      'run("a.txt"), op 1 throws',
      'run("a.txt"), op 2 throws',
      'run("a.txt"), op 3 throws',
    ]);
    expect(lines(traces[0]?.trace)).toEqual([
      'acquire file#1 = fs.open("a.txt")',
      'step("parse")',
      'call file#1.stat()',
      'release file#1.close()',
      'resolve 42',
    ]);
    expect(lines(traces[3]?.trace)).toEqual([
      'acquire file#1 = fs.open("a.txt")',
      'step("parse")  [throws: injected]',
      'release file#1.close()',
      'reject Error("injected fault: step(\\"parse\\")")',
    ]);
  });

  it('combines a fault point with a failing release only when asked to', async () => {
    const traces = await traceAll(source, { argSets: [['a.txt']], combineFaults: true });
    const combined = traces.find(({ scenario }) => scenario.name === 'run("a.txt"), op 3 throws, release of file#1 throws');
    expect(traces).toHaveLength(7);
    expect(lines(combined?.trace).at(-1)).toBe(
      'reject SuppressedError("An error was suppressed during disposal.", error: Error("injected fault: file#1.close()"), suppressed: Error("injected fault: file#1.stat()"))',
    );
  });
});

describe('compareRewrite: equivalences', () => {
  it('(a) fs try/finally → await using is exact', async () => {
    const verdict = await compareRewrite(readFileInput, readFileOutput, { argSets: [['a.txt']], expected: 'exact' });
    expectKind(verdict, 'equal');
    expect(verdict.scenarios).toBe(4);
  });

  it('(a) with combined faults, the same rewrite is equivalent only up to suppressed-error (semantics item 2)', async () => {
    const options = { argSets: [['a.txt']], combineFaults: true } as const;
    expectKind(await compareRewrite(readFileInput, readFileOutput, { ...options, expected: 'exact' }), 'different');
    const verdict = await compareRewrite(readFileInput, readFileOutput, { ...options, expected: { allowed: ['suppressed-error'] } });
    expect(verdict).toEqual({ kind: 'allowed', scenarios: 5, differences: ['suppressed-error'] });
  });

  it('(e) pg: stack.adopt(await pool.connect(), c => c.release()) is exact', async () => {
    const input = `
import pg from 'pg';
const pool = new pg.Pool();
export async function run(id: number) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [id]);
    return result.rows;
  } finally {
    client.release();
  }
}
`;
    const output = `
import pg from 'pg';
const pool = new pg.Pool();
export async function run(id: number) {
  await using stack = new AsyncDisposableStack();
  const client = stack.adopt(await pool.connect(), (c) => c.release());
  const result = await client.query('select * from users where id = $1', [id]);
  return result.rows;
}
`;
    expectKind(await compareRewrite(input, output, { argSets: [[7]], expected: 'exact' }), 'equal');
  });

  it('pg Client: connect/query/end → AsyncDisposableStack.defer after connect is exact', async () => {
    const input = `
import { Client } from 'pg';
export async function run() {
  const client = new Client({ database: 'app' });
  await client.connect();
  try {
    return (await client.query('select now()')).rows;
  } finally {
    await client.end();
  }
}
`;
    const output = `
import { Client } from 'pg';
export async function run() {
  await using stack = new AsyncDisposableStack();
  const client = new Client({ database: 'app' });
  await client.connect();
  stack.defer(() => client.end());
  return (await client.query('select now()')).rows;
}
`;
    expectKind(await compareRewrite(input, output, { expected: 'exact' }), 'equal');
    const [normal] = await traceAll(output);
    expect(lines(normal?.trace)).toEqual([
      'acquire pgclient#1 = new Client({database: "app"})',
      'call pgclient#1.connect()',
      'call pgclient#1.query("select now()")',
      'release pgclient#1.end()',
      'resolve [{query: "select now()"}]',
    ]);
  });

  it('(g) an early return, reached through an argument set, is exact', async () => {
    const input = `
import { acquire } from './resource';
import { step } from './work';
export async function run(cached: boolean) {
  const r = await acquire('r');
  try {
    if (cached) return 'cached';
    await step('compute');
    return await r.use();
  } finally {
    await r.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
import { step } from './work';
export async function run(cached: boolean) {
  await using r = await acquire('r');
  if (cached) return 'cached';
  await step('compute');
  return await r.use();
}
`;
    expectKind(await compareRewrite(input, output, { argSets: [[true], [false]], expected: 'exact' }), 'equal');
  });

  it('(h) break and continue in a loop are exact, per-iteration disposal included', async () => {
    const input = `
import { acquire } from './resource';
export async function run(names: string[]) {
  const used: string[] = [];
  for (const name of names) {
    const r = await acquire(name);
    try {
      if (name.startsWith('skip')) continue;
      if (name === 'stop') break;
      used.push(await r.use());
      console.log('used', name);
    } finally {
      await r.close();
    }
  }
  return used;
}
`;
    const output = `
import { acquire } from './resource';
export async function run(names: string[]) {
  const used: string[] = [];
  for (const name of names) {
    await using r = await acquire(name);
    if (name.startsWith('skip')) continue;
    if (name === 'stop') break;
    used.push(await r.use());
    console.log('used', name);
  }
  return used;
}
`;
    const argSets = [[['a', 'skip', 'b']], [['a', 'stop', 'b']]];
    expectKind(await compareRewrite(input, output, { argSets, expected: 'exact' }), 'equal');

    const [normal] = await traceAll(output, { argSets });
    expect(lines(normal?.trace)).toEqual([
      'acquire a = acquire("a")',
      'call a.use()',
      'log used a',
      'release a.close()',
      'acquire skip = acquire("skip")',
      'release skip.close()',
      'acquire b = acquire("b")',
      'call b.use()',
      'log used b',
      'release b.close()',
      'resolve ["a:used", "b:used"]',
    ]);
  });

  it('sync: nested try/finally → two using declarations (LIFO) is exact', async () => {
    const input = `
import { acquireSync } from './resource';
import { stepSync } from './work';
export function run() {
  const a = acquireSync('a');
  try {
    const b = acquireSync('b');
    try {
      stepSync('work');
      return a.use() + ' ' + b.use();
    } finally {
      b.close();
    }
  } finally {
    a.close();
  }
}
`;
    const output = `
import { acquireSync } from './resource';
import { stepSync } from './work';
export function run() {
  using a = acquireSync('a');
  using b = acquireSync('b');
  stepSync('work');
  return a.use() + ' ' + b.use();
}
`;
    expectKind(await compareRewrite(input, output, { expected: 'exact' }), 'equal');
  });

  it('AsyncDisposableStack.defer on a resource with only release() is exact', async () => {
    const input = `
import { acquireLegacy } from './resource';
export async function run() {
  const r = await acquireLegacy('legacy');
  try {
    return await r.use();
  } finally {
    await r.release();
  }
}
`;
    const output = `
import { acquireLegacy } from './resource';
export async function run() {
  await using stack = new AsyncDisposableStack();
  const r = await acquireLegacy('legacy');
  stack.defer(() => r.release());
  return await r.use();
}
`;
    expectKind(await compareRewrite(input, output, { expected: 'exact' }), 'equal');
  });

  it('(f) return of an un-awaited promise is exact when both sides keep it un-awaited (semantics item 14)', async () => {
    const input = `
import { acquire } from './resource';
export async function run() {
  const r = await acquire('r');
  try {
    return r.use();
  } finally {
    await r.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
export async function run() {
  await using r = await acquire('r');
  return r.use();
}
`;
    expectKind(await compareRewrite(input, output, { expected: 'exact' }), 'equal');
  });
});

describe('compareRewrite: real differences are caught', () => {
  it('(b) releasing in acquisition order instead of LIFO', async () => {
    const input = `
import { acquire } from './resource';
export async function run() {
  const a = await acquire('a');
  const b = await acquire('b');
  try {
    return [await a.use(), await b.use()];
  } finally {
    await a.close();
    await b.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
export async function run() {
  await using a = await acquire('a');
  await using b = await acquire('b');
  return [await a.use(), await b.use()];
}
`;
    const verdict = expectDifferent(await compareRewrite(input, output, { expected: 'exact' }));
    expect(verdict.scenario.name).toBe('run()');
    expect(verdict.reason).toBe('input event 5 is release a.close(); output event 5 is release b.close()');
  });

  it('(c) a release moved to where it does not run when the body throws', async () => {
    const output = `
import { open } from 'node:fs/promises';
export async function run(p: string) {
  const fh = await open(p);
  const text = await fh.readFile();
  await fh.close();
  return text;
}
`;
    const verdict = expectDifferent(
      await compareRewrite(readFileInput, output, {
        argSets: [['a.txt']],
        expected: { allowed: ['suppressed-error', 'later-release-runs', 'release-on-early-throw'] },
      }),
    );
    expect(verdict.scenario.name).toBe('run("a.txt"), op 2 throws');
    expect(lines(verdict.input)).toContain('release file#1.close()');
    expect(lines(verdict.output)).not.toContain('release file#1.close()');
  });

  it('(e) await using on a pg PoolClient, which has no dispose member, throws at the declaration', async () => {
    const input = `
import pg from 'pg';
const pool = new pg.Pool();
export async function run() {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rowCount;
  } finally {
    client.release();
  }
}
`;
    const output = `
import pg from 'pg';
const pool = new pg.Pool();
export async function run() {
  await using client = await pool.connect();
  return (await client.query('select 1')).rowCount;
}
`;
    const verdict = expectDifferent(await compareRewrite(input, output, { expected: 'exact' }));
    expect(verdict.scenario.name).toBe('run()');
    expect(lines(verdict.output).at(-1)).toBe('reject TypeError("Object not disposable.")');
  });

  it('(f) return of an un-awaited promise vs return await', async () => {
    const input = `
import { acquire } from './resource';
export async function run() {
  const r = await acquire('r');
  try {
    return r.use();
  } finally {
    await r.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
export async function run() {
  await using r = await acquire('r');
  return await r.use();
}
`;
    const verdict = expectDifferent(await compareRewrite(input, output, { expected: 'exact' }));
    expect(verdict.scenario.name).toBe('run()');
    expect(lines(verdict.input)).toEqual([
      'acquire r = acquire("r")',
      'call r.use()',
      'release r.close()',
      'abort r.use(): released before it completed',
      'reject Error("r.use(): released before it completed")',
    ]);
  });

  it('(g) a leak on the early-return path is invisible without its argument set and caught with it', async () => {
    const input = `
import { acquire } from './resource';
import { step } from './work';
export async function run(cached: boolean) {
  const r = await acquire('r');
  try {
    if (cached) return 'cached';
    await step('compute');
    return await r.use();
  } finally {
    await r.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
import { step } from './work';
export async function run(cached: boolean) {
  const r = await acquire('r');
  if (cached) return 'cached';
  try {
    await step('compute');
    return await r.use();
  } finally {
    await r.close();
  }
}
`;
    expectKind(await compareRewrite(input, output, { argSets: [[false]], expected: 'exact' }), 'equal');
    const verdict = expectDifferent(await compareRewrite(input, output, { argSets: [[false], [true]], expected: 'exact' }));
    expect(verdict.scenario.name).toBe('run(true)');
  });

  it('(h) a continue that skips the release', async () => {
    const input = `
import { acquire } from './resource';
export async function run(names: string[]) {
  for (const name of names) {
    const r = await acquire(name);
    try {
      if (name === 'skip') continue;
      await r.use();
    } finally {
      await r.close();
    }
  }
}
`;
    const output = `
import { acquire } from './resource';
export async function run(names: string[]) {
  for (const name of names) {
    const r = await acquire(name);
    if (name === 'skip') continue;
    try {
      await r.use();
    } finally {
      await r.close();
    }
  }
}
`;
    const verdict = expectDifferent(await compareRewrite(input, output, { argSets: [[['a', 'skip', 'b']]], expected: 'exact' }));
    expect(verdict.scenario.name).toBe('run(["a", "skip", "b"])');
    expect(verdict.reason).toBe('input event 5 is release skip.close(); output event 5 is acquire b = acquire("b")');
  });

  it('a rewrite that swallows the release error is rejected even with every difference allowed', async () => {
    const input = `
import { acquire } from './resource';
export async function run() {
  const r = await acquire('r');
  try {
    return await r.use();
  } finally {
    await r.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
export async function run() {
  const r = await acquire('r');
  try {
    return await r.use();
  } finally {
    await r.close().catch(() => undefined);
  }
}
`;
    const verdict = expectDifferent(
      await compareRewrite(input, output, {
        expected: { allowed: ['suppressed-error', 'later-release-runs', 'release-on-early-throw'] },
        combineFaults: true,
      }),
    );
    expect(verdict.scenario.name).toBe('run(), release of r throws');
    expect(verdict.recognized).toEqual([]);
  });
});

describe('compareRewrite: declared differences', () => {
  // The body throws by itself for 'not json', so one injected fault (the release) makes both throw.
  const parseInput = `
import { acquire } from './resource';
export async function run(text: string) {
  const r = await acquire('r');
  try {
    await r.use();
    return JSON.parse(text);
  } finally {
    await r.close();
  }
}
`;
  const parseOutput = `
import { acquire } from './resource';
export async function run(text: string) {
  await using r = await acquire('r');
  await r.use();
  return JSON.parse(text);
}
`;
  const parseArgs = [['{"ok":true}'], ['not json']];

  it('(d) body throws + close throws: suppressed-error is recognized and not accepted under exact', async () => {
    const verdict = expectDifferent(await compareRewrite(parseInput, parseOutput, { argSets: parseArgs, expected: 'exact' }));
    expect(verdict.scenario.name).toBe('run("not json"), release of r throws');
    expect(verdict.recognized).toEqual(['suppressed-error']);
    expect(lines(verdict.input).at(-1)).toBe('reject Error("injected fault: r.close()")');
    expect(lines(verdict.output).at(-1)).toMatch(
      /^reject SuppressedError\(".*", error: Error\("injected fault: r\.close\(\)"\), suppressed: SyntaxError\(".*"\)\)$/,
    );
  });

  it('(d) the same rewrite is accepted when suppressed-error is declared', async () => {
    const verdict = await compareRewrite(parseInput, parseOutput, { argSets: parseArgs, expected: { allowed: ['suppressed-error'] } });
    expect(verdict).toEqual({ kind: 'allowed', scenarios: 8, differences: ['suppressed-error'] });
  });

  it('later-release-runs: one finally releasing two resources', async () => {
    const input = `
import { acquire } from './resource';
export async function run() {
  const a = await acquire('a');
  let b;
  try {
    b = await acquire('b');
    return [await a.use(), await b.use()];
  } finally {
    await b?.close();
    await a.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
export async function run() {
  await using a = await acquire('a');
  await using b = await acquire('b');
  return [await a.use(), await b.use()];
}
`;
    const exact = expectDifferent(await compareRewrite(input, output, { expected: 'exact' }));
    expect(exact.scenario.name).toBe('run(), release of b throws');
    expect(exact.recognized).toEqual(['later-release-runs']);
    expect(lines(exact.output).slice(-3)).toEqual([
      'release b.close()  [throws: injected]',
      'release a.close()',
      'reject Error("injected fault: b.close()")',
    ]);
    const verdict = await compareRewrite(input, output, { expected: { allowed: ['later-release-runs'] } });
    expect(verdict).toEqual({ kind: 'allowed', scenarios: 7, differences: ['later-release-runs'] });
  });

  it('release-on-early-throw: code between the acquisition and the try', async () => {
    const input = `
import { acquire } from './resource';
import { step } from './work';
export async function run() {
  const r = await acquire('r');
  await step('validate');
  try {
    return await r.use();
  } finally {
    await r.close();
  }
}
`;
    const output = `
import { acquire } from './resource';
import { step } from './work';
export async function run() {
  await using r = await acquire('r');
  await step('validate');
  return await r.use();
}
`;
    const exact = expectDifferent(await compareRewrite(input, output, { expected: { allowed: ['suppressed-error'] } }));
    expect(exact.scenario.name).toBe('run(), op 2 throws');
    expect(exact.recognized).toEqual(['release-on-early-throw']);
    const verdict = await compareRewrite(input, output, { expected: { allowed: ['release-on-early-throw'] } });
    expect(verdict).toEqual({ kind: 'allowed', scenarios: 5, differences: ['release-on-early-throw'] });
  });
});
