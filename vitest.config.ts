import { availableParallelism } from 'node:os';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'codemods/**/*.test.ts'],
    // vitest's default (one worker fewer than the cores) runs the files one at a time on CI's two
    // cores, while the longest files mostly wait on the processes they start (the ESLint and
    // migration CLIs, npm installs): two workers there take the suite from about six minutes to
    // three and a half, with the same results.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
