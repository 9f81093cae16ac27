// @expect: Repository [Symbol.asyncDispose] close
import pg from 'pg';

export class Repository {
  readonly #pool = new pg.Pool();

  async count(table: string): Promise<number> {
    const result = await this.#pool.query(`select count(*) from ${table}`);
    return Number(result.rows[0]);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
