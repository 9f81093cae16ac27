// Types for the differential execution harness's fake modules `./resource` and `./work`
// (tests/harness/world.ts), declared in run-fakes.d.ts. Only the type checker and the codemod's
// planner read this file: in the harness's sandbox those imports return the tracing fakes.
// The dispose members call `close()` and nothing else, as the fakes' do, which is what lets the
// planner prove `close()` the same as disposal.

/** `acquire(name)`: async, `close()` and `[Symbol.asyncDispose]`. */
export class AsyncResource {
  async use(...args: unknown[]): Promise<string> {
    return String(args.length);
  }

  async close(): Promise<void> {
    return undefined;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** `acquireSync(name)`: sync, `close()` and `[Symbol.dispose]`. */
export class SyncResource {
  use(...args: unknown[]): string {
    return String(args.length);
  }

  close(): void {
    return undefined;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** `acquireLegacy(name)`: async, released with `release()`, no dispose member. */
export class LegacyResource {
  async use(...args: unknown[]): Promise<string> {
    return String(args.length);
  }

  async release(): Promise<void> {
    return undefined;
  }
}

declare global {
  /** The resource types, for run-fakes.d.ts, whose ambient modules cannot import this file. */
  interface RunFakeResources {
    readonly AsyncResource: AsyncResource;
    readonly SyncResource: SyncResource;
    readonly LegacyResource: LegacyResource;
  }
}
