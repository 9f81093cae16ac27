import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// The catalogue (analysis/presets.ts) on each library's own installed types: for every library,
// a correct use, a hand-off and a leak.
ruleTester.run('no-leaked-resource: the resource catalogue', rule, {
  valid: [
    {
      name: 'MessageChannel: one port closed in finally closes the channel',
      code: `
import { MessageChannel } from 'node:worker_threads';
export async function roundTrip(message: string): Promise<unknown> {
  const channel = new MessageChannel();
  try {
    const reply = new Promise((resolve) => channel.port1.once('message', resolve));
    channel.port2.postMessage(message);
    return await reply;
  } finally {
    channel.port1.close();
  }
}
`,
    },
    {
      name: 'MessageChannel: a port handed to a worker hands the channel on',
      code: `
import { MessageChannel, type Worker } from 'node:worker_threads';
export function connect(worker: Worker): void {
  const channel = new MessageChannel();
  worker.postMessage({ port: channel.port2 }, [channel.port2]);
}
`,
    },
    {
      name: 'MessageChannel: destructured ports keep the means to close it',
      code: `
import { MessageChannel } from 'node:worker_threads';
export function answerOnce(): void {
  const { port1, port2 } = new MessageChannel();
  port1.once('message', () => port1.close());
  port2.postMessage('question');
}
`,
    },
    {
      name: 'temporary directory: removed recursively in finally',
      code: `
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export async function withScratch(report: string) {
  const scratch = await mkdtemp(join(tmpdir(), 'report-'));
  try {
    await writeFile(join(scratch, 'report.txt'), report);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
`,
    },
    {
      name: 'temporary directory: the path handed back to the caller, who removes it',
      code: `
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export function scratchDirectory(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'build-'));
  return scratch;
}
`,
    },
    {
      name: 'chokidar: a watcher closed in finally',
      code: `
import { watch } from 'chokidar';
export async function watchedPaths(dir: string) {
  const watcher = watch(dir);
  try {
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    return watcher.getWatched();
  } finally {
    await watcher.close();
  }
}
`,
    },
    {
      name: 'chokidar: a watcher handed to the caller',
      code: `
import { watch } from 'chokidar';
export function watchConfig(dir: string, reload: () => void) {
  const watcher = watch(dir);
  watcher.on('change', reload);
  return watcher;
}
`,
    },
    {
      name: 'amqplib: a channel closes with its connection, closed in finally',
      code: `
import amqp from 'amqplib';
export async function publishOnce(url: string, queue: string, body: Buffer) {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    await channel.assertQueue(queue);
    channel.sendToQueue(queue, body);
  } finally {
    await connection.close();
  }
}
`,
    },
    {
      name: 'amqplib: a connection handed to the caller',
      code: `
import amqp from 'amqplib';
export async function openBroker(url: string, log: (error: Error) => void) {
  const connection = await amqp.connect(url);
  connection.on('error', log);
  return connection;
}
`,
    },
    {
      name: 'kafkajs: an admin client disconnected in finally',
      code: `
import type { Kafka } from 'kafkajs';
export async function topicsOf(kafka: Kafka) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}
`,
    },
    {
      name: 'kafkajs: a producer handed to the caller before it connects',
      code: `
import type { Kafka } from 'kafkajs';
export function makeProducer(kafka: Kafka, log: () => void) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  producer.on(producer.events.CONNECT, log);
  return producer;
}
`,
    },
    {
      name: 'nats: a connection drained in finally',
      code: `
import { connect } from 'nats';
export async function announce(servers: string, subject: string, text: string) {
  const nc = await connect({ servers });
  try {
    nc.publish(subject, text);
    await nc.flush();
  } finally {
    await nc.drain();
  }
}
`,
    },
    {
      name: 'nats: a connection handed to the caller',
      code: `
import { connect } from 'nats';
export async function openBus(servers: string) {
  const nc = await connect({ servers, name: 'worker' });
  return nc;
}
`,
    },
    {
      name: 'selenium-webdriver: a driver quit in finally',
      code: `
import { Builder } from 'selenium-webdriver';
export async function titleOf(url: string) {
  const driver = await new Builder().forBrowser('chrome').build();
  try {
    await driver.get(url);
    return await driver.getTitle();
  } finally {
    await driver.quit();
  }
}
`,
    },
    {
      name: 'selenium-webdriver: a driver handed to the caller',
      code: `
import { Builder, type WebDriver } from 'selenium-webdriver';
export async function startDriver(browser: string): Promise<WebDriver> {
  const driver = await new Builder().forBrowser(browser).build();
  return driver;
}
`,
    },
    {
      name: 'knex: an instance destroyed in finally',
      code: `
import knex from 'knex';
export async function countUsers(url: string) {
  const db = knex({ client: 'pg', connection: url });
  try {
    return await db('users').count();
  } finally {
    await db.destroy();
  }
}
`,
    },
    {
      name: 'knex: an instance handed to the caller',
      code: `
import knex from 'knex';
export function database(url: string) {
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 4 } });
  return db;
}
`,
    },
    {
      name: 'bullmq: a queue closed in finally',
      code: `
import { Queue } from 'bullmq';
export async function enqueue(host: string, to: string) {
  const queue = new Queue('mail', { connection: { host } });
  try {
    await queue.add('send', { to });
  } finally {
    await queue.close();
  }
}
`,
    },
    {
      name: 'bullmq: a worker handed to the caller',
      code: `
import { Worker } from 'bullmq';
export function startMailer(host: string, log: (error: Error) => void) {
  const worker = new Worker('mail', async () => undefined, { connection: { host } });
  worker.on('error', log);
  return worker;
}
`,
    },
    {
      name: 'playwright: a page closes with its context, closed in finally',
      code: `
import type { Browser } from 'playwright-core';
export async function titleOf(browser: Browser, url: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.title();
  } finally {
    await context.close();
  }
}
`,
    },
    {
      name: 'playwright: a page handed to the caller',
      code: `
import type { BrowserContext } from 'playwright-core';
export async function openPage(context: BrowserContext, log: (text: string) => void) {
  const page = await context.newPage();
  page.on('console', (message) => log(message.text()));
  return page;
}
`,
    },
  ],
  invalid: [
    {
      name: 'MessageChannel: a port listens and neither port is ever closed',
      code: `
import { MessageChannel } from 'node:worker_threads';
export function ping(): Promise<unknown> {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.once('message', resolve);
    channel.port2.postMessage('ping');
  });
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'temporary directory: made and never removed',
      code: `
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export async function render(page: string) {
  const scratch = await mkdtemp(join(tmpdir(), 'render-'));
  await writeFile(join(scratch, 'page.html'), page);
  return page.length;
}
`,
      errors: [{ messageId: 'neverReleased', line: 6, suggestions: [] }],
    },
    {
      name: 'temporary directory: removed after a write that can fail, with no finally',
      code: `
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export function stage(config: string) {
  const scratch = mkdtempSync(join(tmpdir(), 'stage-'));
  writeFileSync(join(scratch, 'config.json'), config);
  rmSync(scratch, { recursive: true });
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 6, suggestions: [] }],
    },
    {
      name: 'temporary directory: rmSync without recursive cannot remove a directory',
      code: `
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export function probe(): boolean {
  const scratch = mkdtempSync(join(tmpdir(), 'probe-'));
  try {
    return scratch.length > 0;
  } finally {
    rmSync(scratch);
  }
}
`,
      errors: [{ messageId: 'neverReleased', line: 6, suggestions: [] }],
    },
    {
      name: 'chokidar: a watcher never closed',
      code: `
import { watch } from 'chokidar';
export async function countWatched(dir: string) {
  const watcher = watch(dir);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return Object.keys(watcher.getWatched()).length;
}
`,
      errors: [{ messageId: 'neverReleased', line: 4, suggestions: [] }],
    },
    {
      name: 'amqplib: a connection closed after calls that can fail, and one handed on after a channel is created',
      code: `
import amqp from 'amqplib';
export async function publishOnce(url: string, queue: string, body: Buffer) {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  channel.sendToQueue(queue, body);
  await connection.close();
}
export async function openChannel(url: string) {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  return { connection, channel };
}
`,
      errors: [
        { messageId: 'notReleasedOnThrow', line: 4, suggestions: [] },
        { messageId: 'notHandedOffOnThrow', line: 10, suggestions: [] },
      ],
    },
    {
      name: 'kafkajs: an admin client disconnected after a call that can fail',
      code: `
import type { Kafka } from 'kafkajs';
export async function topicsOf(kafka: Kafka) {
  const admin = kafka.admin();
  await admin.connect();
  const topics = await admin.listTopics();
  await admin.disconnect();
  return topics;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'nats: a connection closed after a flush that can fail',
      code: `
import { connect } from 'nats';
export async function announce(servers: string, subject: string, text: string) {
  const nc = await connect({ servers });
  nc.publish(subject, text);
  await nc.flush();
  await nc.close();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'selenium-webdriver: a driver quit only when the page loads',
      code: `
import { Builder } from 'selenium-webdriver';
export async function titleOf(url: string) {
  const driver = await new Builder().forBrowser('chrome').build();
  await driver.get(url);
  const title = await driver.getTitle();
  await driver.quit();
  return title;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'knex: an instance destroyed after a query that can fail',
      code: `
import knex from 'knex';
export async function listUsers(url: string) {
  const db = knex({ client: 'pg', connection: url });
  const rows = await db.select('id').from('users');
  await db.destroy();
  return rows;
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'bullmq: a queue closed after a call that can fail',
      code: `
import { Queue } from 'bullmq';
export async function enqueue(host: string, to: string) {
  const queue = new Queue('mail', { connection: { host } });
  await queue.add('send', { to });
  await queue.close();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 4, suggestions: [] }],
    },
    {
      name: 'playwright: a context closed only when the page loads (its page goes with it)',
      code: `
import type { Browser } from 'playwright-core';
export async function titleOf(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const title = await page.title();
  await context.close();
  return title;
}
`,
      errors: [
        {
          messageId: 'notReleasedOnThrow',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestFixLeak',
              output: `
import type { Browser } from 'playwright-core';
export async function titleOf(browser: Browser, url: string) {
  await using context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const title = await page.title();
  return title;
}
`,
            },
          ],
        },
      ],
    },
  ],
});
