import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { DEFAULT_IGNORE, FETCH_RESPONSES, RESOURCE_PRESETS, TEST_DOUBLE_FUNCTIONS } from '../../analysis/presets.js';
import { specifierNames, type TypeOrValueSpecifier } from '../../analysis/specifier.js';
import { specifierMatchesProgram } from '../../analysis/specifier-usage.js';
import { registryReachable, TYPES_ONLY, typesOnlyProject } from '../npm-types.js';

// Every name the built-in catalogue uses must still be declared by the installed type definitions
// of its library (dev dependencies): a renamed or removed type would otherwise make its preset
// silently match nothing.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Entry = { readonly where: string; readonly spec: Exclude<TypeOrValueSpecifier, string> };

/** One entry per name, so that each name is checked on its own. */
function entries(): Entry[] {
  const specs: { where: string; spec: TypeOrValueSpecifier }[] = [
    ...RESOURCE_PRESETS.map((preset) => ({ where: 'RESOURCE_PRESETS', spec: preset.type })),
    ...FETCH_RESPONSES.map((preset) => ({ where: 'FETCH_RESPONSES', spec: preset.type })),
    ...RESOURCE_PRESETS.flatMap((preset) => (preset.inertWith ?? []).map((spec) => ({ where: 'inertWith', spec }))),
    ...DEFAULT_IGNORE.map((spec) => ({ where: 'DEFAULT_IGNORE', spec })),
    ...TEST_DOUBLE_FUNCTIONS.map((spec) => ({ where: 'TEST_DOUBLE_FUNCTIONS', spec })),
  ];
  return specs.flatMap(({ where, spec }) =>
    typeof spec === 'string' ? [] : specifierNames(spec).map((name) => ({ where, spec: { ...spec, name } as Entry['spec'] })),
  );
}

/** Packages without a root export: the entry point that holds the named types. */
const ENTRY_POINTS: Readonly<Record<string, string>> = { '@libsql/core': '@libsql/core/api', '@smithy/core': '@smithy/core/client' };

/** A program whose one file (in `folder`) imports every package the catalogue names, with node's types. */
function catalogueProgram(packages: readonly string[], folder = path.join(root, 'tests/project')): ts.Program {
  const file = path.join(folder, '__catalogue__.ts');
  const text = packages
    .map((name, index) => `import type * as package${String(index)} from '${ENTRY_POINTS[name] ?? name}';`)
    .join('\n');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, text, language, true) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? text : readFile.call(host, name));
  return ts.createProgram({ rootNames: [file], options, host });
}

const packageOf = ({ spec }: Entry): string | undefined => (spec.from === 'package' && spec.package !== 'node' ? spec.package : undefined);

describe('the resource catalogue', () => {
  const all = entries().filter((entry) => !Object.hasOwn(TYPES_ONLY, packageOf(entry) ?? ''));
  const packages = [...new Set(all.flatMap((entry) => packageOf(entry) ?? []))].sort();
  const program = catalogueProgram(packages);

  it('imports every library it names from the installed dev dependencies', () => {
    const unresolved = program
      .getSemanticDiagnostics()
      .filter((diagnostic) => diagnostic.code === 2307)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(unresolved).toEqual([]);
  });

  it('names only types and values those libraries declare', () => {
    const missing = all
      .filter(({ spec }) => !specifierMatchesProgram(spec, program))
      .map(({ where, spec }) => `${where}: ${JSON.stringify(spec)}`);
    expect(missing).toEqual([]);
  });
});

// The libraries whose types are installed on their own (tests/npm-types.ts), each in its project.
for (const [name, dependencies] of Object.entries(TYPES_ONLY)) {
  describe.skipIf(!registryReachable(`${name}@${dependencies[name] ?? ''}`))(`the resource catalogue: ${name}, installed types-only`, () => {
    it('names only types and values its installed types declare', { timeout: 300_000 }, () => {
      const program = catalogueProgram([name], typesOnlyProject(name, dependencies));
      // Binding the files (the checker does) gives their nodes the parents the match reads.
      program.getTypeChecker();
      const named = entries().filter((entry) => packageOf(entry) === name);
      expect(named.length).toBeGreaterThan(0);
      const missing = named.filter(({ spec }) => !specifierMatchesProgram(spec, program)).map(({ where, spec }) => `${where}: ${JSON.stringify(spec)}`);
      expect(missing).toEqual([]);
    });
  });
}
