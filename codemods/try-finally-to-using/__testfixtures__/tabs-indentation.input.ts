// @expect: exact
import { open } from 'node:fs/promises';

export async function log(path: string, entries: string[]): Promise<void> {
	const handle = await open(path, 'a');
	try {
		for (const entry of entries) {
			await handle.appendFile(`${entry}\n`);
		}
	} finally {
		await handle.close();
	}
	console.log('logged', entries.length);
}
