// @expect: skip hook-lifetime
import { open, type FileHandle } from 'node:fs/promises';

declare function describe(name: string, body: () => void): void;
declare function beforeAll(hook: () => Promise<void>): void;
declare function afterAll(hook: () => Promise<void>): void;
declare function it(name: string, body: () => Promise<void>): void;

describe('the journal', () => {
  let journal: FileHandle;
  beforeAll(async () => {
    journal = await open('journal.log', 'a');
  });
  afterAll(async () => {
    await journal.close();
  });
  it('takes an entry', async () => {
    await journal.appendFile('entry\n');
  });
});
