// A CommonJS module imported from ESM is lexed for its named exports on every load, as
// ../analysis/typescript.ts explains; createRequire reuses the instance typescript-eslint loaded.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- compiles to createRequire, see above
import utils = require('@typescript-eslint/utils');

export interface DisposableRuleDocs {
  /** Which preset enables the rule: `recommended` rules are also in `strict`. */
  recommended?: 'recommended' | 'strict';
  requiresTypeChecking: true;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-disposable/eslint-plugin-disposable';

export const createRule = utils.ESLintUtils.RuleCreator<DisposableRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

export const { getParserServices } = utils.ESLintUtils;
