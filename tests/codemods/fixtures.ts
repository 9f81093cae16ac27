import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

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
