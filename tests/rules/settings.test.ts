// `settings.disposable` is read by every rule, merged with the options of the rules that have
// some (settings first, then options; lists extend the built-in ones and each other). A bad value
// stops ESLint with the rule's name and the key.
import * as path from 'node:path';

import { Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../index.js';
import implementDispose from '../../rules/implement-dispose.js';
import noLeakedResource from '../../rules/no-leaked-resource.js';
import noUseAfterDispose from '../../rules/no-use-after-dispose.js';
import preferUsing from '../../rules/prefer-using.js';
import { createRuleTester, fixturesDir } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-leaked-resource with settings.disposable', noLeakedResource, {
  valid: [
    {
      name: 'without settings, a class with only `release()` is not a resource',
      code: `
export class Lease {
  async release(): Promise<void> {}
  read(): string { return 'row'; }
}
export function peek(): string {
  const lease = new Lease();
  return lease.read();
}
`,
    },
    {
      name: 'settings.disposable.ignore extends the built-in ignore list',
      code: `
import { open } from 'node:fs/promises';
export async function size(path: string): Promise<number> {
  const handle = await open(path);
  return (await handle.stat()).size;
}
`,
      settings: { disposable: { ignore: [{ from: 'package', package: 'node', name: 'FileHandle' }] } },
    },
    {
      name: 'settings.disposable.ownershipTransfer: the callee owns what it is given',
      code: `
import { open } from 'node:fs/promises';
declare function adopt(value: unknown): void;
export async function keep(path: string): Promise<void> {
  const handle = await open(path);
  adopt(handle);
}
`,
      settings: { disposable: { ownershipTransfer: [{ from: 'file', name: 'adopt' }] } },
    },
  ],
  invalid: [
    {
      name: 'a legacy resource declared in settings.disposable.resources is reported',
      code: `
export class Lease {
  async release(): Promise<void> {}
  read(): string { return 'row'; }
}
export function peek(): string {
  const lease = new Lease();
  return lease.read();
}
`,
      settings: { disposable: { resources: [{ type: { from: 'file', name: 'Lease' }, release: ['release'], async: true }] } },
      output: null,
      errors: [{ messageId: 'neverReleased', line: 7 }],
    },
    {
      name: 'settings and rule options both apply: their lists are concatenated',
      code: `
export class Lease {
  async release(): Promise<void> {}
}
export class Ticket {
  punch(): void {}
}
export function both(): void {
  const lease = new Lease();
  const ticket = new Ticket();
  void lease;
  void ticket;
}
`,
      settings: { disposable: { resources: [{ type: 'Lease', release: ['release'], async: true }] } },
      options: [{ resources: [{ type: 'Ticket', release: ['punch'] }] }],
      output: null,
      errors: [
        { messageId: 'neverReleased', line: 9 },
        { messageId: 'neverReleased', line: 10 },
      ],
    },
    {
      name: 'an entry of settings.disposable that matches nothing is reported like a rule option',
      code: `
export const nothing = 1;
`,
      settings: { disposable: { ignore: ['NoSuchType'] } },
      output: null,
      errors: [{ messageId: 'unmatchedSpecifier', line: 1, data: { option: 'ignore', specifier: '"NoSuchType"' } }],
    },
  ],
});

ruleTester.run('prefer-using with settings.disposable', preferUsing, {
  valid: [
    {
      name: 'without settings, the try/finally of a class the engine does not know is left alone',
      code: `
export class Lease {
  async release(): Promise<void> {}
  read(): string { return 'row'; }
}
export async function read(): Promise<string> {
  const lease = new Lease();
  try {
    return lease.read();
  } finally {
    await lease.release();
  }
}
`,
      options: [{ stack: true }],
    },
  ],
  invalid: [
    {
      name: 'a legacy resource of settings.disposable.resources is adopted by a stack, as the codemod does',
      code: `
export class Lease {
  async release(): Promise<void> {}
  read(): string { return 'row'; }
}
export async function read(): Promise<string> {
  const lease = new Lease();
  try {
    return lease.read();
  } finally {
    await lease.release();
  }
}
`,
      settings: { disposable: { resources: [{ type: { from: 'file', name: 'Lease' }, release: ['release'], async: true }] } },
      options: [{ stack: true }],
      output: `
export class Lease {
  async release(): Promise<void> {}
  read(): string { return 'row'; }
}
export async function read(): Promise<string> {
  await using stack = new AsyncDisposableStack();
  const lease = stack.adopt(new Lease(), (lease) => lease.release());
  return lease.read();
}
`,
      errors: [{ messageId: 'convert', line: 8, data: { names: 'lease', keyword: 'await using … = new AsyncDisposableStack()' } }],
    },
  ],
});

ruleTester.run('no-use-after-dispose with settings.disposable', noUseAfterDispose, {
  valid: [
    {
      name: 'without settings, a call after `release()` of an unknown class is not a use after release',
      code: `
export class Lease {
  async release(): Promise<void> {}
  read(): string { return 'row'; }
}
export async function late(): Promise<string> {
  const lease = new Lease();
  await lease.release();
  return lease.read();
}
`,
    },
  ],
  invalid: [
    {
      name: 'the release method of a settings resource releases it',
      code: `
export class Lease {
  async release(): Promise<void> {}
  read(): string { return 'row'; }
}
export async function late(): Promise<string> {
  const lease = new Lease();
  await lease.release();
  return lease.read();
}
`,
      settings: { disposable: { resources: [{ type: 'Lease', release: ['release'], async: true }] } },
      output: null,
      errors: [{ messageId: 'useAfterRelease', line: 9 }],
    },
  ],
});

ruleTester.run('implement-dispose with settings.disposable', implementDispose, {
  valid: [
    {
      name: 'without settings, stop() is no cleanup method',
      code: `
export class Poller {
  stopped = false;
  stop(): void {
    clearInterval(this.timer);
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'settings.disposable.cleanupMethods extend the defaults, and the rule option extends both',
      code: `
export class Poller {
  stopped = false;
  stop(): void {
    clearInterval(this.timer);
  }
}
export class Engine {
  halted = false;
  halt(): void {
    this.worker.terminate();
  }
}
`,
      settings: { disposable: { cleanupMethods: ['stop'] } },
      options: [{ cleanupMethods: ['halt'] }],
      output: null,
      errors: [
        {
          messageId: 'missingDispose',
          line: 2,
          data: { name: 'Poller', cleanup: 'stop', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export class Poller {
  stopped = false;
  stop(): void {
    clearInterval(this.timer);
  }
  [Symbol.dispose](): void {
    this.stop();
  }
}
export class Engine {
  halted = false;
  halt(): void {
    this.worker.terminate();
  }
}
`,
            },
          ],
        },
        {
          messageId: 'missingDispose',
          line: 8,
          data: { name: 'Engine', cleanup: 'halt', member: '[Symbol.dispose]', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestDispose',
              output: `
export class Poller {
  stopped = false;
  stop(): void {
    clearInterval(this.timer);
  }
}
export class Engine {
  halted = false;
  halt(): void {
    this.worker.terminate();
  }
  [Symbol.dispose](): void {
    this.halt();
  }
}
`,
            },
          ],
        },
      ],
    },
  ],
});

describe('a bad settings.disposable', () => {
  const configPath = path.join(fixturesDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const filename = path.join(fixturesDir, 'file.ts');

  function lint(ruleName: string, disposable: unknown): void {
    const config = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { programs: [program] } },
        plugins: { disposable: plugin },
        settings: { disposable },
        rules: { [`disposable/${ruleName}`]: 'error' },
      },
    ] as unknown as Linter.Config[];
    new Linter({ configType: 'flat', cwd: fixturesDir }).verify('export {};\n', config, { filename });
  }

  it('stops every rule with the rule name and the key, as ESLint does for a bad rule option', () => {
    const relase = { resources: [{ type: 'Lease', relase: ['release'] }] };
    const key = 'settings.disposable.resources[0].relase: unknown key; expected one of type, release, sameAsDispose, async, longLived, inertWith, opensOnFirstUse, inertMethods, releasedOnFailure';
    expect(() => lint('no-leaked-resource', relase)).toThrow(`Error while loading rule 'disposable/no-leaked-resource': ${key}`);
    expect(() => lint('prefer-using', relase)).toThrow(`Error while loading rule 'disposable/prefer-using': ${key}`);
    expect(() => lint('prefer-await-using', relase)).toThrow(`Error while loading rule 'disposable/prefer-await-using': ${key}`);
    expect(() => lint('no-use-after-dispose', relase)).toThrow(`Error while loading rule 'disposable/no-use-after-dispose': ${key}`);
    expect(() => lint('implement-dispose', { ignore: 'Timer' })).toThrow(
      "Error while loading rule 'disposable/implement-dispose': settings.disposable.ignore: expected an array",
    );
  });
});
