// The entry jscodeshift `require()`s; see ../shared/jscodeshift-entry.cts for why it is one.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file under verbatimModuleSyntax: require() is its import */
import path = require('node:path');
import jscodeshiftEntry = require('../shared/jscodeshift-entry.cjs');

export = jscodeshiftEntry(path.join(__dirname, 'transform.js'));
