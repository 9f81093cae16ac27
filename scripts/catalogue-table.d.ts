// Types of catalogue-table.js for the vitest test (the repository's tsconfig has no allowJs).
import type { ResourceDeclaration } from '../analysis/presets.js';
import type { TypeOrValueSpecifier } from '../analysis/specifier.js';

export declare const DOCS_FILE: string;
export declare function catalogueTable(
  presets: readonly ResourceDeclaration[],
  specifierNames: (spec: TypeOrValueSpecifier) => readonly string[],
): string;
export declare function documentedTable(text: string): string | undefined;
