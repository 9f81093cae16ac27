// @expect: exact
import { open } from 'node:fs/promises'

export async function append(path: string, line: string): Promise<void> {
  {
    await using handle = await open(path, 'a')
    await handle.appendFile(`${line}\n`)
  }
  console.log('appended')
}
