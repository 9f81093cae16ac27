// @expect: Cache [Symbol.dispose] terminate
export class Cache {
  readonly #entries = new Map<string, string>();
  readonly #sweep = setInterval(() => this.#entries.clear(), 60_000);
  get(key: string): string | undefined {
    return this.#entries.get(key);
  }
  terminate(): void { clearInterval(this.#sweep); } // the entries go with the object
}
