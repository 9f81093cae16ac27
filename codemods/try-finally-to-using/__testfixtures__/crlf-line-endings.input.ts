// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function append(path: string, line: string): Promise<number> {
  const handle = await open(path, 'a');
  try {
    await handle.appendFile(`${line}\n`);
  } finally {
    await handle.close();
  }
  const check = await open(path);
  try {
    return (await check.stat()).size;
  } finally {
    await check.close();
  }
}
