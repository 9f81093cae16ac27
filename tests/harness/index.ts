// The differential execution harness: see README.md.
export { compile, CompileError } from './compile.js';
export { compareRewrite, formatVerdict, type AllowedDifference, type CompareOptions, type Expected, type Verdict } from './compare.js';
export { HarnessError } from './sandbox.js';
export { traceAll, type ExploreOptions, type Scenario, type ScenarioTrace, type TraceOptions } from './scenarios.js';
export { formatEvent, formatTrace, type ErrorInfo, type Outcome, type Status, type Trace, type TraceEvent } from './trace.js';
