import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
  // Random as well as the pid: a run killed in a container leaves its temporary file behind, and
  // the next run there often gets the same pid.
  const suffix = `${String(process.pid)}-${randomBytes(4).toString('hex')}`;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.disposable-migrate-${suffix}.tmp`);
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
  }
}
