// @expect: exact
import { open } from 'node:fs/promises';

const config = await open(new URL('./tsconfig.json', import.meta.url));
try {
  console.log((await config.stat()).size);
} finally {
  await config.close();
}
