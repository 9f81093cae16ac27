// @expect: Scope [Symbol.dispose] dispose
export function makeScope(onExit: () => void) {
  class Scope {
    dispose(): void {
      onExit();
    }

    [Symbol.dispose](): void {
      this.dispose();
    }
  }
  return new Scope();
}
