import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// The catalogue's network clients without a dispose member (ssh2, mssql, the AWS SDK), on each
// library's installed types: for every library, a correct use, a hand-off and a leak.
ruleTester.run('no-leaked-resource: the catalogue of network clients', rule, {
  valid: [
    {
      name: 'ssh2: a client ended in finally',
      code: `
import { once } from 'node:events';
import { Client } from 'ssh2';
export async function reachable(host: string): Promise<boolean> {
  const connection = new Client();
  try {
    connection.connect({ host, username: 'deploy' });
    await once(connection, 'ready');
    return true;
  } finally {
    connection.end();
  }
}
`,
    },
    {
      name: 'ssh2: connect() returns the client itself, handed to the caller',
      code: `
import { Client } from 'ssh2';
export function connectTo(host: string): Client {
  const connection = new Client();
  connection.on('error', (error) => console.error(error.message));
  return connection.connect({ host, username: 'deploy' });
}
`,
    },
    {
      name: 'mssql: a pool connected and closed in finally',
      code: `
import sql from 'mssql';
export async function countOrders(config: sql.config): Promise<number> {
  const pool = new sql.ConnectionPool(config);
  try {
    await pool.connect();
    const result = await pool.request().query<{ n: number }>('select count(*) as n from orders');
    return result.recordset[0]?.n ?? 0;
  } finally {
    await pool.close();
  }
}
`,
    },
    {
      name: 'mssql: connect() resolves to the pool itself, handed to the caller',
      code: `
import sql from 'mssql';
export async function openPool(config: sql.config): Promise<sql.ConnectionPool> {
  const pool = new sql.ConnectionPool(config);
  return pool.connect();
}
`,
    },
    {
      name: 'mssql: the global pool of sql.connect() is shared by every caller',
      code: `
import sql from 'mssql';
export async function names(config: sql.config): Promise<string[]> {
  const pool = await sql.connect(config);
  const result = await pool.request().query<{ name: string }>('select name from customers');
  return result.recordset.map((row) => row.name);
}
`,
    },
    {
      name: 'mssql: a transaction rolled back when a statement fails',
      code: `
import sql from 'mssql';
export async function archive(pool: sql.ConnectionPool, id: number): Promise<void> {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  try {
    await transaction.request().input('id', sql.Int, id).query('update orders set archived = 1 where id = @id');
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}
`,
    },
    {
      name: 'AWS SDK: a client made at module level is shared for the process lifetime',
      code: `
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
const queue = new SQSClient({ region: 'eu-west-1' });
export async function notify(queueUrl: string, body: string): Promise<void> {
  await queue.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
}
`,
    },
    {
      name: 'AWS SDK: a client destroyed in finally',
      code: `
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
export async function notifyOnce(queueUrl: string, body: string): Promise<void> {
  const queue = new SQSClient({ region: 'eu-west-1' });
  try {
    await queue.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  } finally {
    queue.destroy();
  }
}
`,
    },
    {
      name: 'AWS SDK: a factory hands the new client to its caller',
      code: `
import { SQSClient } from '@aws-sdk/client-sqs';
export function queueIn(region: string): SQSClient {
  const queue = new SQSClient({ region });
  return queue;
}
`,
    },
  ],
  invalid: [
    {
      name: 'ssh2: a client ended after a command that can fail',
      code: `
import { once } from 'node:events';
import { Client } from 'ssh2';
declare function run(connection: Client, command: string): Promise<string>;
export async function uptime(host: string): Promise<string> {
  const connection = new Client();
  connection.connect({ host, username: 'deploy' });
  await once(connection, 'ready');
  const output = await run(connection, 'uptime');
  connection.end();
  return output;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 6, suggestions: [] }],
    },
    {
      name: 'mssql: a pool connected in a function and never closed',
      code: `
import sql from 'mssql';
export async function names(config: sql.config): Promise<string[]> {
  const pool = new sql.ConnectionPool(config);
  await pool.connect();
  const result = await pool.request().query<{ name: string }>('select name from customers');
  return result.recordset.map((row) => row.name);
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'mssql: a transaction committed without a rollback when a statement fails',
      code: `
import sql from 'mssql';
export async function archive(pool: sql.ConnectionPool, id: number): Promise<void> {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  await transaction.request().input('id', sql.Int, id).query('update orders set archived = 1 where id = @id');
  await transaction.commit();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'AWS SDK: a client made for every call and never destroyed',
      code: `
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
export async function notify(queueUrl: string, body: string): Promise<void> {
  const queue = new SQSClient({ region: 'eu-west-1' });
  await queue.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
  ],
});
