// The small project the CLI and package tests lint: what a user's code looks like before and
// after `eslint --fix`, and the findings it must produce. Lines and columns are 1-based, as
// ESLint prints them.
import { readmeConfig, tsconfig } from './support.js';

export const SOURCES = {
  // A leak (suggestion only: never fixed) and an exact try/finally rewrite (autofixed).
  'src/resources.ts': `import { open } from 'node:fs/promises';

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
`,
  // Two try/finally blocks that must NOT be rewritten by --fix: one whose rewrite changes
  // behavior (a suggestion), one that cannot be rewritten at all (a conditional release:
  // no-leaked-resource reports it; prefer-using stays quiet without `reportUnconvertible`).
  'src/behavior.ts': `import { open } from 'node:fs/promises';

export async function header(path: string) {
  const handle = await open(path);
  const stat = await handle.stat();
  try {
    return stat.size > 0 ? await handle.readFile('utf8') : '';
  } finally {
    await handle.close();
  }
}

export async function maybeClose(path: string, keep: boolean) {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    if (!keep) await handle.close();
  }
}
`,
  // Nested exact rewrites: --fix needs two passes (the fixes overlap).
  'src/copy.ts': `import { open } from 'node:fs/promises';

export async function copy(source: string, target: string) {
  const input = await open(source);
  try {
    const output = await open(target, 'w');
    try {
      await output.write(await input.readFile());
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}
`,
  // Correct code: quiet.
  'src/clean.ts': `import { open, type FileHandle } from 'node:fs/promises';

export async function openLog(path: string): Promise<FileHandle> {
  const handle = await open(path, 'a');
  return handle; // the caller owns it
}

export async function lastByte(path: string) {
  await using handle = await open(path);
  const { size } = await handle.stat();
  return (await handle.read({ position: size - 1, length: 1 })).buffer[0];
}
`,
} as const;

/** After `eslint --fix`: only the exact rewrites (prefer-using `convert`) are applied. */
export const FIXED = {
  'src/resources.ts': SOURCES['src/resources.ts'].replace(
    `  const handle = await open(path);
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
`,
    `  await using handle = await open(path);
  return (await handle.stat()).size;
`,
  ),
  'src/behavior.ts': SOURCES['src/behavior.ts'],
  'src/copy.ts': `import { open } from 'node:fs/promises';

export async function copy(source: string, target: string) {
  await using input = await open(source);
  await using output = await open(target, 'w');
  await output.write(await input.readFile());
}
`,
  'src/clean.ts': SOURCES['src/clean.ts'],
} as const;

/** `file:line:column ruleId/messageId`, sorted as `findings()` sorts. */
export const EXPECTED_FINDINGS = [
  'src/behavior.ts:4:9 disposable/no-leaked-resource/notReleasedOnThrow',
  'src/behavior.ts:6:3 disposable/prefer-using/convertFixesLeak',
  'src/behavior.ts:14:9 disposable/no-leaked-resource/notReleasedOnEveryPath',
  'src/copy.ts:5:3 disposable/prefer-using/convert',
  'src/copy.ts:7:5 disposable/prefer-using/convert',
  'src/resources.ts:4:9 disposable/no-leaked-resource/neverReleased',
  'src/resources.ts:11:3 disposable/prefer-using/convert',
];

/** What is left after `eslint --fix`: everything but the exact rewrites. */
export const FINDINGS_AFTER_FIX = EXPECTED_FINDINGS.filter((finding) => !finding.endsWith('/convert'));

/** The project files: the README's eslint.config.js, a tsconfig as the README asks, the sources. */
export function projectFiles(extraCompilerOptions: Record<string, unknown> = {}): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ name: 'disposable-fixture', private: true, type: 'module' }, null, 2)}\n`,
    'tsconfig.json': tsconfig(extraCompilerOptions),
    'eslint.config.js': readmeConfig(),
    ...SOURCES,
  };
}
