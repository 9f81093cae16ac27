// @expect: (anonymous class) [Symbol.asyncDispose] disconnect
import type { MongoClient } from 'mongodb';

export const Catalog = class {
  constructor(private readonly client: MongoClient) {}

  async disconnect(force?: boolean) {
    await this.client.close(force);
  }
};
