// Types of setup.js for the vitest tests (the repository's tsconfig has no allowJs).
/** Where installed packages are cached: $DISPOSABLE_REAL_CACHE, or a folder in the temp dir. */
export function cacheRoot(): string;
/** Empties `dir` and installs `dependencies` there without install scripts; throws with npm's words. */
export function installWithoutScripts(dir: string, name: string, dependencies: Readonly<Record<string, string>>): void;
