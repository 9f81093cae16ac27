// @expect: Reader [Symbol.asyncDispose] close
// @expect: Lock [Symbol.dispose] release
import { open, type FileHandle } from 'node:fs/promises';

export class Reader {
  constructor(private readonly handle: FileHandle) {}
  static async open(path: string): Promise<Reader> {
    return new Reader(await open(path));
  }
  async close() {
    await this.handle.close();
  }
}

export class Lock {
  #held = false;
  acquire(): void {
    this.#held = true;
  }
  release(): void {
    this.#held = false;
  }
}

export class AlreadyDisposable {
  close(): void {}
  [Symbol.dispose](): void {
    this.close();
  }
}
