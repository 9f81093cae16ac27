// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function append(path: string, line: string): Promise<number> {
  {
    await using handle = await open(path, 'a');
    await handle.appendFile(`${line}\n`);
  }
  await using check = await open(path);
  return (await check.stat()).size;
}
