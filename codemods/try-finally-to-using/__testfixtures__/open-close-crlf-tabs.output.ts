// @options: --fix-leaks
// @expect: fixes-leak
import { open } from "node:fs/promises";

export async function appendLine(path: string, line: string): Promise<void> {
	{
		await using handle = await open(path, "a");
		await handle.appendFile(line);
	}
	console.log("appended to", path);
}
