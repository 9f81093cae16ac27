import * as fs from 'node:fs';
import * as path from 'node:path';

let pendingTemporary: string | undefined;

/** Removes a half-written temporary file when the run is interrupted: the target stays as it was. */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      if (pendingTemporary) fs.rmSync(pendingTemporary, { force: true });
      process.exit(130);
    });
  }
}

export class WriteRefused extends Error {}

/**
 * Replaces a file's content atomically: a temporary file in the same folder, renamed over the
 * target, so that a killed run leaves every file either old or new. Never writes through a
 * symbolic link (write-file-atomic would follow it), and never over a read-only file (as root,
 * a rename succeeds regardless, so the mode is checked here).
 */
export function writeAtomically(file: string, text: string): void {
  const stat = fs.lstatSync(file);
  if (stat.isSymbolicLink()) throw new WriteRefused('is a symbolic link; not followed, not rewritten');
  if ((stat.mode & 0o222) === 0) throw new WriteRefused('is read-only; not rewritten');
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.disposable-migrate-${String(process.pid)}.tmp`);
  pendingTemporary = temporary;
  try {
    const descriptor = fs.openSync(temporary, 'wx', stat.mode & 0o7777);
    try {
      fs.writeFileSync(descriptor, text);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  } finally {
    pendingTemporary = undefined;
  }
}
