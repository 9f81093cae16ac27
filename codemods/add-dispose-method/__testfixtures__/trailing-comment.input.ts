// @expect: Cache [Symbol.dispose] terminate
export class Cache {
  readonly #entries = new Map<string, string>();
  get(key: string): string | undefined {
    return this.#entries.get(key);
  }
  terminate(): void { this.#entries.clear(); } // nothing else to free
}
