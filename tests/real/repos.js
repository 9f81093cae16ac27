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
    paths: ['src', 'test', 'global.d.ts', 'package.json', 'package-lock.json', 'tsconfig.json'],
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
