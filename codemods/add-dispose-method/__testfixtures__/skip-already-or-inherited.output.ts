import { Readable } from 'node:stream';

export class Store {
  async close(): Promise<void> {}
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

// Readable has [Symbol.asyncDispose]: the subclass inherits it.
export class Numbers extends Readable {
  override _read(): void {
    this.push(null);
  }
  close(): void {
    this.destroy();
  }
}

export class CachedStore extends Store {
  override async close(): Promise<void> {
    await super.close();
  }
}

export abstract class Transport {
  abstract close(): Promise<void>;
}

export class Peer {
  close(reason: string): void {
    console.log(reason);
  }
}
