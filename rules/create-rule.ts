import { ESLintUtils } from '@typescript-eslint/utils';

export interface DisposableRuleDocs {
  /** Which preset enables the rule: `recommended` rules are also in `strict`. */
  recommended?: 'recommended' | 'strict';
  requiresTypeChecking: true;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-disposable/eslint-plugin-disposable';

export const createRule = ESLintUtils.RuleCreator<DisposableRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
