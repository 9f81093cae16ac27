// The README's configuration (tseslint.configs.base + projectService + disposable.configs.recommended),
// scoped to TypeScript files with `files` + `extends`.
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
    disposable.configs.recommended,
  ],
});
