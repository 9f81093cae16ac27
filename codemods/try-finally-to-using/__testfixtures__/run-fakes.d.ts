// The differential execution harness (tests/harness/) runs the run-* fixtures against fake
// modules imported as `./resource` and `./work`. Under NodeNext an extensionless relative import
// of a real file is an error (TS2835), so the two are declared here as ambient modules instead;
// the resource classes live in run-fake-resources.ts, where the planner can read their bodies.

declare module '*/resource' {
  export function acquire(name: string): Promise<RunFakeResources['AsyncResource']>;
  export function acquireSync(name: string): RunFakeResources['SyncResource'];
  export function acquireLegacy(name: string): Promise<RunFakeResources['LegacyResource']>;
}

declare module '*/work' {
  export function step(label: string): Promise<void>;
  export function stepSync(label: string): void;
}
