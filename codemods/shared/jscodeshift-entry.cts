// What jscodeshift loads with `require()`. Under its default `--babel`, @babel/register compiles
// every file required after it, node_modules included: TypeScript's compiler alone takes Babel
// about ten seconds per worker. The transforms are already compiled, so the hook is turned off
// before their implementation (an ES module) is imported.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file under verbatimModuleSyntax: require() is its import */
import path = require('node:path');
import url = require('node:url');

type Transform = (file: unknown, api: unknown, options: unknown) => Promise<string | undefined>;

function revertBabelRegister(): void {
  const runner = require.main?.filename;
  if (!runner) return;
  try {
    const register = require(require.resolve('@babel/register', { paths: [path.dirname(runner)] })) as { revert?: () => void };
    register.revert?.();
  } catch {
    // jscodeshift ran with --no-babel, or without @babel/register: nothing to turn off.
  }
}

// Kept out of Babel's sight: it would turn `import()` into `require()`.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: Transform }>;

/** A jscodeshift transform that runs the default export of the ES module at `implementationPath`. */
function jscodeshiftEntry(implementationPath: string): (file: unknown, api: unknown, options: unknown) => Promise<string | undefined> {
  let implementation: Promise<Transform> | undefined;
  return async (file, api, options) => {
    if (!implementation) {
      revertBabelRegister();
      implementation = importModule(url.pathToFileURL(implementationPath).href).then((module) => module.default);
    }
    return (await implementation)(file, api, options);
  };
}

export = jscodeshiftEntry;
