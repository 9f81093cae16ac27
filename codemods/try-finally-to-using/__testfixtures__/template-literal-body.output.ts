// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function report(path: string, name: string): Promise<void> {
  {
    await using handle = await open(path, 'w');
    await handle.writeFile(`Report for ${name}
  indented line
    deeper line
end`);
    const footer = `
    footer ${name}
`;
    await handle.appendFile(footer);
  }
  await using again = await open(path);
  console.log(`read back:
    ${await again.readFile('utf8')}`);
}
