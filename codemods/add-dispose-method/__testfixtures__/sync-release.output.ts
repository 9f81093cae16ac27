// @expect: Lease [Symbol.dispose] release
import type pg from 'pg';

export class Lease {
  constructor(private readonly client: pg.PoolClient) {}

  query(text: string) {
    return this.client.query(text);
  }

  release() {
    this.client.release();
  }

  [Symbol.dispose]() {
    this.release();
  }
}
