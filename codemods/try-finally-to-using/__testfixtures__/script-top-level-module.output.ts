// @expect: exact
import { open } from 'node:fs/promises';

await using config = await open(new URL('./tsconfig.json', import.meta.url));
console.log((await config.stat()).size);
