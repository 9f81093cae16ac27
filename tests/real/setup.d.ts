// Types of setup.js for the vitest tests (the repository's tsconfig has no allowJs).
/** Where installed packages are cached: $DISPOSABLE_REAL_CACHE, or a folder in the temp dir. */
export function cacheRoot(): string;
