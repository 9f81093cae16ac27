/**
 * Compiler options of the temporary projects the end-to-end tests create: what the README asks a
 * user for (`esnext.disposable` in `lib`, `types: ["node"]` under TypeScript 6).
 */
export const TEMP_PROJECT_COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023', 'esnext.disposable'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  types: ['node'],
  strict: true,
  skipLibCheck: true,
} as const;
