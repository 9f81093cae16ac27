// @expect: exact
import { open, type FileHandle } from 'node:fs/promises';

export async function check(path: string): Promise<boolean> {
    let handle: FileHandle | undefined;
    try {
        handle = await open(path);
        const stats = await handle.stat();
        if (stats.isDirectory()) {
            return false;
        }
        return stats.size > 0;
    } finally {
        await handle?.close();
    }
}
