// The real corpus: which repositories, at which version or commit, and how each one is type-checked.
// Only names, versions, commits and compiler options live here: never a path on some machine.
// See README.md beside this file.

/** puppeteer-core's `src/` as its npm package ships it; installed by `setup.js` into a cache. */
export const PUPPETEER_CORE = {
  name: 'puppeteer-core',
  source: 'npm',
  /** The linted package and every package its `src/` needs to type-check (exact versions). */
  dependencies: {
    'puppeteer-core': '25.16.0',
    '@types/node': '24.10.1',
    '@types/ws': '8.18.1',
    // `third_party/*.d.ts` (copied from the package's `lib/`) re-export these.
    rxjs: '7.8.2',
    'urlpattern-polyfill': '10.1.0',
    'parsel-js': '1.2.2',
  },
  /**
   * Written as `src/package.json`: in the package (and its repository) the tree belongs to
   * `puppeteer-core`, an ES module package; copied out, it keeps that owner, so the rules see the
   * package's own presets and TypeScript its module format.
   */
  sourceManifest: { name: 'puppeteer-core', type: 'module', private: true },
  /** Written as the `tsconfig.json` of the linted copy. */
  projects: [
    {
      tsconfig: 'tsconfig.json',
      content: {
        compilerOptions: {
          target: 'es2022',
          lib: ['esnext', 'esnext.disposable', 'dom', 'dom.iterable'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: ['node'],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          useDefineForClassFields: false,
        },
        include: ['src/**/*.ts'],
      },
    },
  ],
  files: ['src/**/*.ts'],
};

/**
 * Repositories read from clones under `$DISPOSABLE_REAL_ROOT/<name>` (see `prepare-clone.sh`).
 * `paths` are the folders `prepare-clone.sh` checks out; `install` is how their type dependencies
 * are installed; `projects` are the tsconfigs the runner writes into the clone (next to, never over,
 * the repository's own).
 */
export const MIRRORS = [
  {
    name: 'kysely',
    source: 'github',
    github: 'kysely-org/kysely',
    commit: '478ec67b2de2568f5590a015d3e120644e81bd87',
    paths: ['src', 'test/node', 'package.json', 'tsconfig.json', 'tsconfig-base.json', 'outdated-typescript.d.ts'],
    install: 'npm install --ignore-scripts --no-audit --no-fund --no-package-lock',
    projects: [
      {
        tsconfig: 'tsconfig.disposable-real.json',
        content: {
          compilerOptions: {
            target: 'es2023',
            lib: ['es2023', 'esnext.disposable'],
            module: 'nodenext',
            moduleResolution: 'nodenext',
            types: ['node', 'mocha'],
            strict: true,
            skipLibCheck: true,
            noEmit: true,
            esModuleInterop: true,
            // The tests import the build (`../../../dist/index.js`) and the package by name.
            rootDirs: ['./src', './dist'],
            paths: {
              kysely: ['./src/index.ts'],
              'kysely/helpers/*': ['./src/helpers/*.ts'],
              'kysely/migration': ['./src/migration/index.ts'],
              'kysely/readonly': ['./src/readonly/index.ts'],
            },
          },
          include: ['src/**/*.ts', 'test/node/src/**/*.ts'],
        },
      },
    ],
    files: ['src/**/*.ts', 'test/node/src/**/*.ts'],
  },
  {
    name: 'node-mongodb-native',
    source: 'github',
    github: 'mongodb/node-mongodb-native',
    commit: 'bb35ded18aa1031d8e4be88cad4fc1cc1225b00e',
    // The benchmark data under test/benchmarks is large and never linted: mirrors may lack its blobs.
    paths: ['src', 'test', ':!test/benchmarks', 'global.d.ts', 'package.json', 'package-lock.json', 'tsconfig.json'],
    install: 'npm ci --ignore-scripts --no-audit --no-fund',
    projects: [
      {
        tsconfig: 'tsconfig.disposable-real.json',
        content: {
          extends: './tsconfig.json',
          compilerOptions: { lib: ['es2023', 'esnext.disposable'], noEmit: true, ignoreDeprecations: '6.0', rootDir: '.' },
          include: ['src/**/*.ts'],
        },
      },
      {
        // The whole test tree takes five minutes to type-check: the sample is the folders where the
        // tests open clients, sessions, cursors and change streams themselves.
        tsconfig: 'test/tsconfig.disposable-real.json',
        content: {
          extends: './tsconfig.json',
          compilerOptions: {
            lib: ['es2023', 'esnext.disposable'],
            noEmit: true,
            ignoreDeprecations: '6.0',
            rootDir: '..',
            types: ['node', 'mocha'],
          },
          include: [
            '../global.d.ts',
            './explicit-resource-management/**/*.ts',
            './integration/node-specific/**/*.ts',
            './integration/change-streams/**/*.ts',
            './integration/sessions/**/*.ts',
          ],
        },
      },
    ],
    files: [
      'src/**/*.ts',
      'test/explicit-resource-management/**/*.ts',
      'test/integration/node-specific/**/*.ts',
      'test/integration/change-streams/**/*.ts',
      'test/integration/sessions/**/*.ts',
    ],
  },
  {
    name: 'node-redis',
    source: 'github',
    github: 'redis/node-redis',
    commit: '2a92b2e51aea18b31776ede15e022217e7ea9b37',
    // Every workspace's folder, so that `npm ci` finds the workspaces its lockfile names; only
    // `packages/client` is linted (test-utils and bloom are imported by its tests).
    paths: ['packages', 'package.json', 'package-lock.json', 'tsconfig.base.json'],
    install: 'npm ci --ignore-scripts --no-audit --no-fund',
    projects: [
      {
        tsconfig: 'packages/client/tsconfig.disposable-real.json',
        content: {
          extends: '../../tsconfig.base.json',
          compilerOptions: {
            lib: ['es2023', 'esnext.disposable'],
            types: ['node', 'mocha'],
            noEmit: true,
            composite: false,
            declaration: false,
            declarationMap: false,
            noUnusedLocals: false,
            // The workspaces import each other by name, through their (unbuilt) `dist/`.
            paths: {
              '@redis/client': ['./index.ts'],
              '@redis/client/dist/lib/*': ['./lib/*'],
              '@redis/client/*': ['./*'],
              '@redis/test-utils': ['../test-utils/lib/index.ts'],
              '@redis/test-utils/*': ['../test-utils/*'],
              '@redis/bloom': ['../bloom/lib/index.ts'],
              '@redis/bloom/dist/lib/*': ['../bloom/lib/*'],
            },
          },
          include: ['./index.ts', './lib/**/*.ts'],
        },
      },
    ],
    files: ['packages/client/lib/**/*.ts'],
  },
  {
    name: 'drizzle-orm',
    source: 'github',
    github: 'drizzle-team/drizzle-orm',
    commit: 'b7862528fd8fc39bc2653a6c18dad7c1f4e68d10',
    paths: ['drizzle-orm/src', 'integration-tests/tests', 'drizzle-orm/tsconfig.json', 'integration-tests/tsconfig.json', 'tsconfig.json'],
    // A pnpm workspace whose tests import the built package (`workspace:./drizzle-orm/dist`): the
    // clone gets no package.json of its own, only the type packages the linted code imports, at the
    // lockfile's versions, and the published drizzle-orm of the same version for the tests.
    install:
      'npm install --prefix . --no-save --no-package-lock --ignore-scripts --no-audit --no-fund drizzle-orm@0.45.3 @types/node@20.17.55 pg@8.16.0 @types/pg@8.15.2 mysql2@3.14.1 better-sqlite3@11.9.1 @types/better-sqlite3@7.6.13 @libsql/client@0.10.0 postgres@3.4.7 @electric-sql/pglite@0.2.12 @neondatabase/serverless@0.10.0 @opentelemetry/api@1.9.0 vitest@3.1.4 async-retry@1.3.3 @types/async-retry@1.4.9 dockerode@4.0.6 @types/dockerode@3.3.39 uuid@9.0.1 @types/uuid@9.0.8 get-port@7.1.0 keyv@5.3.3 ws@8.18.2 @types/ws@8.18.1',
    projects: [
      {
        // The node drivers (the dialect cores come in through their imports; `~/*` is `src/*`).
        tsconfig: 'drizzle-orm/tsconfig.disposable-real.json',
        content: {
          extends: './tsconfig.json',
          compilerOptions: { lib: ['es2022', 'esnext.disposable'], types: ['node'], noEmit: true, ignoreDeprecations: '6.0' },
          include: [
            'src/node-postgres/**/*.ts',
            'src/mysql2/**/*.ts',
            'src/better-sqlite3/**/*.ts',
            'src/libsql/**/*.ts',
            'src/postgres-js/**/*.ts',
            'src/pglite/**/*.ts',
            'src/neon-serverless/**/*.ts',
            'src/*.ts',
            'src/cache/**/*.ts',
          ],
        },
      },
      {
        // The tests of the node drivers (`~/*` is `tests/*` here, so drizzle-orm is the published build).
        tsconfig: 'integration-tests/tsconfig.disposable-real.json',
        content: {
          extends: './tsconfig.json',
          compilerOptions: { lib: ['es2022', 'esnext.disposable'], types: ['node'], noEmit: true, ignoreDeprecations: '6.0' },
          include: ['tests/*.ts', 'tests/pg/**/*.ts', 'tests/sqlite/**/*.ts', 'tests/utils/**/*.ts'],
        },
      },
    ],
    files: [
      'drizzle-orm/src/node-postgres/**/*.ts',
      'drizzle-orm/src/mysql2/**/*.ts',
      'drizzle-orm/src/better-sqlite3/**/*.ts',
      'drizzle-orm/src/libsql/**/*.ts',
      'drizzle-orm/src/postgres-js/**/*.ts',
      'drizzle-orm/src/pglite/**/*.ts',
      'drizzle-orm/src/neon-serverless/**/*.ts',
      'drizzle-orm/src/*.ts',
      'drizzle-orm/src/cache/**/*.ts',
      'drizzle-orm/src/pg-core/session.ts',
      'drizzle-orm/src/mysql-core/session.ts',
      'drizzle-orm/src/sqlite-core/session.ts',
      'integration-tests/tests/*.ts',
      'integration-tests/tests/pg/**/*.ts',
      'integration-tests/tests/sqlite/**/*.ts',
      'integration-tests/tests/utils/**/*.ts',
    ],
  },
  {
    name: 'mikro-orm',
    source: 'github',
    github: 'mikro-orm/mikro-orm',
    commit: 'a6b9730585e467720b90390a1de706e0f4b8726c',
    // The core, the SQL layer (on kysely) and the sqlite and postgresql drivers, and the tests that
    // open ORMs on them without the all-drivers `tests/bootstrap.ts`.
    paths: ['packages/core', 'packages/decorators', 'packages/sql', 'packages/sqlite', 'packages/postgresql', 'tests', 'tsconfig.json', 'tsconfig.build.json'],
    // A yarn 4 workspace: the clone gets no package.json of its own, only the packages the linted
    // folders import, at the versions their package.json files pin (the packages import each other
    // through the tsconfig's `paths`).
    install:
      'npm install --prefix . --no-save --no-package-lock --ignore-scripts --no-audit --no-fund @types/node@24.13.3 vitest@4.1.11 kysely@0.29.5 dataloader@2.2.3 reflect-metadata@0.2.2 better-sqlite3@13.0.3 @types/better-sqlite3@9.6.0 pg@8.23.0 @types/pg@8.23.1 pg-cursor@2.22.0 @types/pg-cursor@2.7.2 postgres-array@3.0.4 postgres-date@2.1.0 postgres-interval@4.1.0',
    projects: [
      {
        tsconfig: 'tsconfig.disposable-real.json',
        content: {
          extends: './tsconfig.json',
          // What tests/tsconfig.json adds for the tests, and no incremental build info.
          compilerOptions: {
            lib: ['es2023', 'esnext.temporal', 'esnext.disposable'],
            types: ['node', 'vitest/globals'],
            experimentalDecorators: true,
            emitDecoratorMetadata: true,
            noImplicitOverride: false,
            skipLibCheck: true,
            incremental: false,
            noEmit: true,
          },
          include: [
            'packages/core/src/**/*.ts',
            'packages/sql/src/**/*.ts',
            'packages/sqlite/src/**/*.ts',
            'packages/postgresql/src/**/*.ts',
            'tests/TransactionContext.test.ts',
            'tests/sqlite-constraints.test.ts',
            'tests/features/cancellation/cancellation.sqlite.test.ts',
            'tests/features/cancellation/cancellation.postgre.test.ts',
            'tests/features/dataloader/**/*.ts',
            'tests/features/disable-transactions/**/*.ts',
            'tests/features/logging/**/*.ts',
            'tests/features/transactions/transaction-propagation.sqlite.test.ts',
            'tests/features/streaming/streaming-merged-final-batch.test.ts',
            'tests/features/entity-manager/no-options-mutation.test.ts',
            'tests/features/result-cache/GH3294.test.ts',
            'tests/features/result-cache/GH7112.test.ts',
          ],
        },
      },
    ],
    files: [
      'packages/core/src/**/*.ts',
      'packages/sql/src/**/*.ts',
      'packages/sqlite/src/**/*.ts',
      'packages/postgresql/src/**/*.ts',
      'tests/TransactionContext.test.ts',
      'tests/sqlite-constraints.test.ts',
      'tests/features/cancellation/cancellation.sqlite.test.ts',
      'tests/features/cancellation/cancellation.postgre.test.ts',
      'tests/features/dataloader/**/*.ts',
      'tests/features/disable-transactions/**/*.ts',
      'tests/features/logging/**/*.ts',
      'tests/features/transactions/transaction-propagation.sqlite.test.ts',
      'tests/features/streaming/streaming-merged-final-batch.test.ts',
      'tests/features/entity-manager/no-options-mutation.test.ts',
      'tests/features/result-cache/GH3294.test.ts',
      'tests/features/result-cache/GH7112.test.ts',
    ],
  },
];

/** The rules scored, and the verdicts that count as a true finding for each. */
export const SCORED_RULES = {
  'disposable/no-leaked-resource': { positive: ['leak'], recall: true },
  'disposable/implement-dispose': { positive: ['valid'], recall: false },
};

/** Production or test code, by path. */
export function codeKind(relativePath) {
  return /(^|\/)(test|tests|spec|specs|__tests__|__mocks__|e2e|fixtures?|__fixtures__|testing)(\/|$)|\.(test|spec)\.[cm]?[jt]sx?$/.test(
    relativePath,
  )
    ? 'test'
    : 'production';
}
