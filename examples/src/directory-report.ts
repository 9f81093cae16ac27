// Resources held with `using` / `await using`: the declarations are right, but what is done with
// the value around them can still go wrong.
import { opendir, open } from 'node:fs/promises';
import { join } from 'node:path';

// ❌ A `Dir` has both dispose members; in async code the async one waits for the close to finish.
export async function countEntries(path: string): Promise<number> {
  using dir = await opendir(path); // expect: syncOfAsync
  let count = 0;
  for (let entry = await dir.read(); entry !== null; entry = await dir.read()) count += 1;
  return count;
}

// ✅ The same with `await using`.
export async function listNames(path: string): Promise<string[]> {
  await using dir = await opendir(path);
  const names: string[] = [];
  for (let entry = await dir.read(); entry !== null; entry = await dir.read()) names.push(entry.name);
  return names;
}

// ❌ The handle is closed when the function returns, before the read it started has finished.
export async function readManifest(folder: string): Promise<string> {
  await using handle = await open(join(folder, 'manifest.json'), 'r');
  return handle.readFile('utf8'); // expect: returnedPromise
}

// ✅ Awaiting the read inside the scope keeps the handle open until it is done.
export async function readReadme(folder: string): Promise<string> {
  await using handle = await open(join(folder, 'README.md'), 'r');
  return await handle.readFile('utf8');
}
