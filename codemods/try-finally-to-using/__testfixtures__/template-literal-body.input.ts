// @expect: exact
// @expect: exact
import { open } from 'node:fs/promises';

export async function report(path: string, name: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(`Report for ${name}
  indented line
    deeper line
end`);
    const footer = `
    footer ${name}
`;
    await handle.appendFile(footer);
  } finally {
    await handle.close();
  }
  const again = await open(path);
  try {
    console.log(`read back:
    ${await again.readFile('utf8')}`);
  } finally {
    await again.close();
  }
}
