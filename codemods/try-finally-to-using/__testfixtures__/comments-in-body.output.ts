// @expect: exact
import { open } from 'node:fs/promises';

export async function annotated(path: string): Promise<string> {
  // Open read-only: nothing here writes.
  await using handle = await open(path);
  // The whole file: these are small.
  const text = await handle.readFile('utf8'); // utf8 only
  /* Normalize line endings
     before splitting. */
  return text.replace(/\r\n/g, '\n');
  // unreachable, kept as a note
}
