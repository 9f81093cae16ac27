// @options: --fix-leaks
// @expect: fixes-leak
import { open } from "node:fs/promises";

export async function appendLine(path: string, line: string): Promise<void> {
	const handle = await open(path, "a");
	await handle.appendFile(line);
	await handle.close();
	console.log("appended to", path);
}
