// The README's configuration (tseslint.configs.base + projectService), with the `strict` preset so
// that the example shows every rule: `strict` is `recommended` plus `disposable/implement-dispose`.
import disposable from 'eslint-plugin-disposable';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig({
  files: ['**/*.ts'],
  extends: [
    tseslint.configs.base,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      },
    },
    disposable.configs.strict,
  ],
});
