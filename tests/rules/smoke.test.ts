import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-leaked-resource smoke', rule, {
  valid: [
    `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  try {
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}
`,
    `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return fh.readFile('utf8');
}
`,
    `
import { open } from 'node:fs/promises';
export async function openIt(p: string) {
  const fh = await open(p);
  return fh;
}
`,
    `
import pg from 'pg';
export async function q(pool: pg.Pool) {
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}
`,
    `
export function values(xs: number[]) {
  const it = xs.values();
  return [...it].length;
}
`,
  ],
  invalid: [
    {
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  return fh.readFile('utf8');
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  await using fh = await open(p);
  return fh.readFile('utf8');
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p);
  const text = await fh.readFile('utf8');
  await fh.close();
  return text;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      code: `
import pg from 'pg';
export async function q(pool: pg.Pool, skip: boolean) {
  const client = await pool.connect();
  if (skip) return;
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}
`,
      errors: [{ messageId: 'notReleasedOnEveryPath', line: 4, suggestions: [] }],
    },
    {
      code: `
import pg from 'pg';
export async function q(pool: pg.Pool) {
  await pool.connect();
}
`,
      errors: [{ messageId: 'discarded', line: 4 }],
    },
    {
      code: `
import { open } from 'node:fs/promises';
export async function both(a: string, b: string) {
  const [x, y] = await Promise.all([open(a), open(b)]);
  try {
    return [await x.readFile(), await y.readFile()];
  } finally {
    await x.close();
    await y.close();
  }
}
`,
      errors: [{ messageId: 'promiseAll', line: 4 }],
    },
  ],
});
