import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs a project tool from node_modules/.bin; resolves to its output, or fails with it. */
async function tool(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', command, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

describe('the project itself', () => {
  it('type-checks (tsc --noEmit over sources, tests and scripts)', async () => {
    await expect(tool('tsc', ['-p', 'tsconfig.json'])).resolves.toBeDefined();
  });

  it('passes its own lint (typescript-eslint strict, eslint-plugin-eslint-plugin)', async () => {
    await expect(tool('eslint', ['--max-warnings', '0', '.'])).resolves.toBeDefined();
  });

  it('has rule docs headers and the README rules table up to date (eslint-doc-generator --check)', async () => {
    await expect(tool('eslint-doc-generator', ['--check'])).resolves.toBeDefined();
  });

  it('has a fixture project that type-checks with zero errors (the rule tests rely on its types)', async () => {
    await expect(tool('tsc', ['-p', 'tests/fixtures/tsconfig.json'])).resolves.toBeDefined();
  });
});
