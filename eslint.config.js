// Lints this repository itself: typescript-eslint strict everywhere, eslint-plugin-eslint-plugin
// on the rules and their tests.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'reports/',
      'examples/',
      'bench/corpus/',
      'tests/fixtures/',
      '**/__testfixtures__/',
      '**/node_modules/',
    ],
  },
  tseslint.configs.strict,
  {
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs.rules],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow)' }],
      // RuleCreator fills in `docs.url` and merges `defaultOptions`; presets use string levels
      // ('recommended' | 'strict'), as typescript-eslint's own rules do.
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-default-options': 'off',
      'eslint-plugin/require-meta-docs-recommended': 'off',
      // The rules need typescript-eslint's parser services, which only the JS/TS language has.
      'eslint-plugin/require-meta-languages': 'off',
    },
  },
  {
    files: ['tests/rules/**/*.ts'],
    extends: [eslintPlugin.configs.tests],
  },
);
