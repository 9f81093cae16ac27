import * as path from 'node:path';

export interface Progress {
  update(done: number, file: string): void;
  finish(): void;
}

/**
 * A progress bar on a terminal; on a pipe or in CI (no cursor to move), a plain line every tenth
 * of the run, so that logs stay readable.
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = stream.isTTY && !process.env['CI'];
  if (!interactive) {
    let lastTenth = -1;
    return {
      update(done) {
        const tenth = Math.floor((done * 10) / Math.max(total, 1));
        if (tenth !== lastTenth || done === total) {
          if (done === total && lastTenth === 10) return;
          lastTenth = tenth;
          stream.write(`disposable-migrate: ${String(done)}/${String(total)} files\n`);
        }
      },
      finish() {
        // The last update already said it.
      },
    };
  }
  const width = 30;
  return {
    update(done, file) {
      const filled = Math.round((done / Math.max(total, 1)) * width);
      const name = path.relative(process.cwd(), file);
      const columns = stream.columns || 80;
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done)}/${String(total)} ${name}`;
      stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
    },
    finish() {
      stream.write(`\r${' '.repeat((stream.columns || 80) - 1)}\r`);
    },
  };
}
