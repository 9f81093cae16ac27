import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * One typed RuleTester for every rule: the fixture project resolves @types/node, pg, mongodb…; a
 * project of types installed on their own (tests/npm-types.ts) is given as `projectDir`.
 */
export function createRuleTester(projectDir = fixturesDir): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: projectDir,
      },
    },
  });
}
