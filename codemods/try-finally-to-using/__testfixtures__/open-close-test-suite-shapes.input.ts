// @options: --fix-leaks
// @expect: fixes-leak
// @expect: fixes-leak
import { open } from 'node:fs/promises';

declare function it(name: string, body: () => Promise<void>): void;

it('reads the header of the archive', async () => {
  const archive = await open('archive.bin');
  const { bytesRead } = await archive.read(Buffer.alloc(8), 0, 8, 0);
  console.assert(bytesRead === 8);
  await archive.close();
});

export async function sizes(paths: string[]): Promise<number[]> {
  return await Promise.all(
    paths.map(async (path) => {
      const handle = await open(path);
      const stats = await handle.stat();
      await handle.close();
      return stats.size;
    }),
  );
}
