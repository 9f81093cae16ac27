// @expect: exact
import { open } from 'node:fs/promises'

export async function append(path: string, line: string): Promise<void> {
  const handle = await open(path, 'a')
  try {
    await handle.appendFile(`${line}\n`)
  } finally {
    await handle.close()
  }
  console.log('appended')
}
