/* eslint-disable @typescript-eslint/no-require-imports -- they compile to createRequire, see below */
// Node's ESM loader lexes a CommonJS module's whole source to find its named exports on every
// `import` from ESM, even when `require()` has loaded it already: for typescript.js (9 MB) that
// cost half a second of every lint run and every codemod worker. `import x = require()` compiles
// to createRequire and returns the instance typescript-eslint has loaded, and it keeps
// ts-api-utils on its CommonJS build, whose own ESM build would import typescript again.
import ts = require('typescript');
import tsutils = require('ts-api-utils');

export { ts, tsutils };
