// @expect: Scope [Symbol.dispose] dispose
export function makeScope(onExit: () => void) {
  class Scope {
    dispose(): void {
      onExit();
    }
  }
  return new Scope();
}
