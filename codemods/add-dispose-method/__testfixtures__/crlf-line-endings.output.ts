// @expect: Tail [Symbol.asyncDispose] close
import { open, type FileHandle } from 'node:fs/promises';

export class Tail {
  #handle: FileHandle | undefined;

  async open(path: string): Promise<void> {
    this.#handle = await open(path);
  }

  async close(): Promise<void> {
    await this.#handle?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
