import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

import plugin from '../../index.js';

/** A fixture pair `<name>.input.ts` / `<name>.output.ts`, with the directives in its header. */
export interface Fixture {
  readonly name: string;
  readonly inputPath: string;
  readonly outputPath: string;
  readonly input: string;
  readonly output: string;
  /** `// @options: --stack --allow-behavior-change` */
  readonly options: Readonly<Record<string, true>>;
  /** `// @expect: exact | changes <change>… | skip <reason>`, one per site in source order. */
  readonly expectations: readonly string[];
  /** `// @run: [[true], [false]]`: argument sets for the differential execution of `run`. */
  readonly runArgs?: readonly unknown[][];
}

/** Every fixture pair of a transform, found by the harness: no list to keep. */
export function findFixtures(transformDir: string): Fixture[] {
  const dir = path.join(transformDir, '__testfixtures__');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.input.ts'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.input.ts'.length);
      const inputPath = path.join(dir, file);
      const outputPath = path.join(dir, `${name}.output.ts`);
      const input = readFileSync(inputPath, 'utf8');
      // A byte-order mark would hide the first directive from `^`.
      const directives = [...input.replace(/^\uFEFF/, '').matchAll(/^\/\/ @(\w+): (.*)$/gm)];
      const options: Record<string, true> = {};
      const expectations: string[] = [];
      let runArgs: unknown[][] | undefined;
      for (const [, key, value = ''] of directives) {
        if (key === 'options') for (const option of value.trim().split(/\s+/)) options[option.replace(/^--/, '')] = true;
        else if (key === 'expect') expectations.push(value.trim());
        else if (key === 'run') runArgs = JSON.parse(value) as unknown[][];
      }
      return { name, inputPath, outputPath, input, output: readFileSync(outputPath, 'utf8'), options, expectations, ...(runArgs ? { runArgs } : {}) };
    });
}

/** A flat config that lints a fixture folder's files with the plugin and the given rules. */
export function fixtureLintConfig(fixturesDir: string, rules: Linter.RulesRecord): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
      },
      plugins: { disposable: plugin },
      rules,
    },
  ] as unknown as Linter.Config[];
}

/**
 * What an ESLint user gets: `--fix` (when `fix`), then the first suggestion applied and the file
 * linted again (when `suggestions`), until nothing is left to apply.
 */
export function lintAndApply(
  linter: Linter,
  fixture: Fixture,
  config: Linter.Config[],
  apply: {
    readonly fix: boolean;
    readonly suggestions: boolean;
    /** Only the suggestions this accepts (a rule's other suggestions are not the codemod's). */
    readonly accept?: (report: Linter.LintMessage, suggestion: Linter.LintSuggestion) => boolean;
  },
): string {
  let text = fixture.input;
  for (let pass = 0; pass < 10; pass++) {
    const messages = apply.fix
      ? (() => {
          const fixed = linter.verifyAndFix(text, config, { filename: fixture.inputPath });
          text = fixed.output;
          return fixed.messages;
        })()
      : linter.verify(text, config, { filename: fixture.inputPath });
    const fatal = messages.filter((message) => message.fatal);
    if (fatal.length > 0) throw new Error(`${fixture.name}: ${fatal.map((message) => message.message).join('; ')}`);
    const suggestion = apply.suggestions
      ? messages
          .flatMap((message) => (message.suggestions ?? []).filter((candidate) => !apply.accept || apply.accept(message, candidate)))
          .at(0)
      : undefined;
    if (!suggestion) return text;
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    const body = text.slice(bom.length);
    text = bom + body.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + body.slice(suggestion.fix.range[1]);
  }
  throw new Error(`${fixture.name}: suggestions did not converge`);
}

/** Type errors of a fixture folder's project, whose tsconfig must include every fixture file. */
export function fixtureProjectErrors(fixturesDir: string, fixtures: readonly Fixture[]): string[] {
  const configPath = path.join(fixturesDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const files = new Set(parsed.fileNames.map((file) => path.resolve(file)));
  const missing = fixtures.flatMap((fixture) => [fixture.inputPath, fixture.outputPath]).filter((file) => !files.has(file));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${path.basename(diagnostic.file.fileName)}:${String(diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1)}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
  return [...missing.map((file) => `${file}: not in the fixture project`), ...errors];
}
