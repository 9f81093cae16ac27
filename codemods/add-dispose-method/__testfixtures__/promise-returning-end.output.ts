// @expect: Session [Symbol.asyncDispose] end
import type pg from 'pg';

export class Session {
  constructor(private readonly client: pg.Client) {}
  end(): Promise<void> {
    return this.client.end();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.end();
  }
  query(text: string) {
    return this.client.query(text);
  }
}
