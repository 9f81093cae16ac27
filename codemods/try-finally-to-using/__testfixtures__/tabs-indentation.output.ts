// @expect: exact
import { open } from 'node:fs/promises';

export async function log(path: string, entries: string[]): Promise<void> {
	{
		await using handle = await open(path, 'a');
		for (const entry of entries) {
			await handle.appendFile(`${entry}\n`);
		}
	}
	console.log('logged', entries.length);
}
