import { describe } from 'vitest';

import rule from '../../rules/no-leaked-resource.js';
import { registryReachable, TYPES_ONLY, typesOnlyProject } from '../npm-types.js';
import { createRuleTester } from '../rule-tester.js';

// sqlite3's catalogue entry on its own types, installed types-only from the npm registry (its
// install builds a native addon; tests/npm-types.ts says why): a correct use, a hand-off, a leak.
const dependencies = TYPES_ONLY.sqlite3 ?? {};
const reachable = registryReachable(`sqlite3@${dependencies.sqlite3 ?? ''}`);

describe.skipIf(!reachable)('sqlite3, installed types-only', () => {
  const ruleTester = createRuleTester(typesOnlyProject('sqlite3', dependencies));
  ruleTester.run('no-leaked-resource: sqlite3', rule, {
    valid: [
      {
        name: 'a database closed in finally',
        code: `
import sqlite3 from 'sqlite3';
export function listNotes(path: string, done: (error: Error | null, rows: unknown[]) => void): void {
  const db = new sqlite3.Database(path);
  try {
    db.all('select * from notes', done);
  } finally {
    db.close();
  }
}
`,
      },
      {
        name: 'a database opened at module level lives for the process',
        code: `
import sqlite3 from 'sqlite3';
const db = new sqlite3.verbose().Database('notes.db');
export function listNotes(done: (error: Error | null, rows: unknown[]) => void): void {
  db.all('select * from notes', done);
}
`,
      },
      {
        name: 'a database handed to the caller',
        code: `
import sqlite3 from 'sqlite3';
export function openNotes(path: string): sqlite3.Database {
  const db = new sqlite3.Database(path);
  return db;
}
`,
      },
    ],
    invalid: [
      {
        name: 'a database opened for one query and never closed',
        code: `
import sqlite3 from 'sqlite3';
export function listNotes(path: string, done: (error: Error | null, rows: unknown[]) => void): void {
  const db = new sqlite3.Database(path);
  db.all('select * from notes', done);
}
`,
        errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
      },
      {
        name: 'a database closed after a statement that can throw',
        code: `
import sqlite3 from 'sqlite3';
export function rename(path: string, id: number, title: string): void {
  const db = new sqlite3.Database(path);
  db.run('update notes set title = ? where id = ?', title, id);
  db.close();
}
`,
        errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
      },
    ],
  });
});
