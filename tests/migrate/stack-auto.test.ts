import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { chooseStack, decideStack, minimumNodeVersion, nodeVersion } from '../../analysis/rewrite/stack-runtime.js';

// What `stack: 'auto'` decides, and why, from the package.json and the program's lib.
const here = path.dirname(fileURLToPath(import.meta.url));

/** A program of one file; without node's types, which declare the stack classes themselves. */
function program(lib: string[]): ts.Program {
  return ts.createProgram({ rootNames: [path.join(here, 'stack-auto.test.ts')], options: { lib, types: [], noEmit: true, skipLibCheck: true } });
}

describe("stack: 'auto'", () => {
  it('reads the lowest Node.js version a range admits', () => {
    expect(minimumNodeVersion('>=24')).toBe(nodeVersion(24));
    expect(minimumNodeVersion('^22.13.0 || >=24')).toBe(nodeVersion(22, 13));
    expect(minimumNodeVersion(undefined)).toBeUndefined();
  });

  it('is on for engines.node ≥ 24 or a polyfill among the dependencies, and off otherwise', () => {
    expect(decideStack({ engines: { node: '>=24.1' } }, true).stack).toBe(true);
    expect(decideStack({ engines: { node: '>=20.19' }, dependencies: { disposablestack: '^1.1.8' } }, true)).toEqual({
      stack: true,
      why: 'on (auto): disposablestack, a dependency, provides the stack classes at runtime',
    });
    expect(decideStack({ engines: { node: '>=20.19' }, devDependencies: { disposablestack: '^1.1.8' } }, true).stack).toBe(false);
    expect(decideStack({}, true).why).toBe('off (auto): no engines.node in package.json says the code runs on Node.js ≥ 24, which has the stack classes');
    expect(decideStack({ engines: { node: '>=24' } }, false).why).toBe("off (auto): the program's lib does not declare DisposableStack and AsyncDisposableStack");
  });

  it("asks the program's lib for both stack classes, and keeps what the user says", () => {
    const file = path.join(here, 'tree.ts');
    expect(chooseStack('auto', program(['lib.es2023.d.ts']), file).why).toBe("off (auto): the program's lib does not declare DisposableStack and AsyncDisposableStack");
    // This repository's engines.node admits Node.js 20: off even with the classes declared.
    expect(chooseStack('auto', program(['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts']), file).stack).toBe(false);
    expect(chooseStack(true, undefined, file)).toEqual({ stack: true, why: 'on, as configured' });
  });
});
