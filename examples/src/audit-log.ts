// A small class that owns resources: Python's custom `__aenter__`/`__aexit__` is a class with
// `[Symbol.asyncDispose]`, so callers can write `await using log = await AuditLog.open(path)`.
import { open, type FileHandle } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';

// ❌ `close()` is the cleanup, but without `[Symbol.asyncDispose]` nobody can hold it with `await using`.
export class AuditLog { // expect: missingDispose
  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<AuditLog> {
    return new AuditLog(await open(path, 'a'));
  }

  async write(event: string): Promise<void> {
    await this.handle.appendFile(`${new Date().toISOString()} ${event}\n`);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

// ❌ The class creates a socket and keeps it in a field, but its dispose member never closes it.
export class AuditForwarder {
  private readonly upstream: Socket = connect(5140, 'localhost'); // expect: unreleasedField
  private sent = 0;

  forward(line: string): void {
    this.upstream.write(`${line}\n`);
    this.sent += 1;
  }

  [Symbol.dispose](): void {
    console.log(`forwarded ${String(this.sent)} lines`);
  }
}

// ✅ Disposable, and its dispose member releases what it created.
export class AuditSink {
  private readonly upstream: Socket = connect(5140, 'localhost');

  send(line: string): void {
    this.upstream.write(`${line}\n`);
  }

  [Symbol.dispose](): void {
    this.upstream.destroy();
  }
}
