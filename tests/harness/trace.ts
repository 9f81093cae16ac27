// The trace is the harness's only notion of behavior: two programs behave the same on a scenario
// exactly when their traces are equal. Every field is therefore deterministic text (no stacks,
// no object identities), and `formatEvent` is the canonical form that equality is defined on.

/** How an operation on the fake world went. */
export type Status =
  /** It ran normally. */
  | 'ok'
  /** The scenario injected a throw here. */
  | 'fault'
  /** The resource was already released: a use after release, or a second release. */
  | 'released';

/** A thrown value, reduced to what a caller can observe. */
export interface ErrorInfo {
  /** Constructor name (`Error`, `TypeError`, `SuppressedError`…), or `typeof` for non-objects. */
  readonly class: string;
  readonly message: string;
  /** Only on a SuppressedError: the error thrown by the disposal. */
  readonly error?: ErrorInfo;
  /** Only on a SuppressedError: the error that was already pending. */
  readonly suppressed?: ErrorInfo;
}

/** How `run(...args)` finished: `return`/`throw` when it is synchronous, `resolve`/`reject` when it returned a promise. */
export type Outcome =
  | { readonly how: 'return' | 'resolve'; readonly value: string }
  | { readonly how: 'throw' | 'reject'; readonly error: ErrorInfo }
  /** The returned promise never settled although no fake operation was left pending. */
  | { readonly how: 'pending' };

export type TraceEvent =
  | {
      readonly kind: 'acquire';
      readonly resource: string;
      /** The acquiring call, e.g. `fs.open` or `pool.connect`. */
      readonly via: string;
      readonly args: readonly string[];
      readonly status: Status;
    }
  | {
      readonly kind: 'call' | 'release';
      readonly resource: string;
      readonly method: string;
      readonly args: readonly string[];
      readonly status: Status;
    }
  | { readonly kind: 'step'; readonly label: string; readonly status: Status }
  /** An async operation still in flight when its resource was released; it rejects. */
  | { readonly kind: 'abort'; readonly resource: string; readonly method: string }
  | { readonly kind: 'log'; readonly text: string }
  | { readonly kind: 'outcome'; readonly outcome: Outcome };

export type Trace = readonly TraceEvent[];

/** The events that can throw: the fault points of a scenario. */
export type OperationEvent = Extract<TraceEvent, { readonly status: Status }>;

/** The message of an injected throw; unique per operation, so an error can be traced back to the event that threw it. */
export function injectedMessage(event: OperationEvent): string {
  return `injected fault: ${formatOperation(event)}`;
}

/** The error a faulted event threw, as it appears in an outcome. */
export function injectedError(event: OperationEvent): ErrorInfo {
  return { class: 'Error', message: injectedMessage(event) };
}

export function formatTrace(trace: Trace): string {
  return trace.map((event) => formatEvent(event)).join('\n');
}

export function formatEvent(event: TraceEvent): string {
  switch (event.kind) {
    case 'acquire':
    case 'call':
    case 'release':
      return `${event.kind} ${formatOperation(event)}${formatStatus(event.status)}`;
    case 'step':
      return `${formatOperation(event)}${formatStatus(event.status)}`;
    case 'abort':
      return `abort ${event.resource}.${event.method}(): released before it completed`;
    case 'log':
      return `log ${event.text}`;
    case 'outcome':
      return formatOutcome(event.outcome);
  }
}

export function formatOutcome(outcome: Outcome): string {
  switch (outcome.how) {
    case 'return':
    case 'resolve':
      return `${outcome.how} ${outcome.value}`;
    case 'throw':
    case 'reject':
      return `${outcome.how} ${formatError(outcome.error)}`;
    case 'pending':
      return 'pending';
  }
}

export function formatError(error: ErrorInfo): string {
  const parts = [JSON.stringify(error.message)];
  if (error.error !== undefined) parts.push(`error: ${formatError(error.error)}`);
  if (error.suppressed !== undefined) parts.push(`suppressed: ${formatError(error.suppressed)}`);
  return `${error.class}(${parts.join(', ')})`;
}

export function sameError(a: ErrorInfo, b: ErrorInfo): boolean {
  return formatError(a) === formatError(b);
}

/** The errors a SuppressedError chain combines, in no particular order. */
export function errorLeaves(error: ErrorInfo): ErrorInfo[] {
  if (error.error === undefined || error.suppressed === undefined) return [error];
  return [...errorLeaves(error.error), ...errorLeaves(error.suppressed)];
}

function formatOperation(event: OperationEvent): string {
  switch (event.kind) {
    case 'acquire':
      return `${event.resource} = ${event.via}(${event.args.join(', ')})`;
    case 'call':
    case 'release':
      return `${event.resource}.${event.method}(${event.args.join(', ')})`;
    case 'step':
      return `step(${JSON.stringify(event.label)})`;
  }
}

function formatStatus(status: Status): string {
  switch (status) {
    case 'ok':
      return '';
    case 'fault':
      return '  [throws: injected]';
    case 'released':
      return '  [on a released resource]';
  }
}

/**
 * Describes any value, including values from the sandbox's realm (so nothing here may use
 * `instanceof` against this realm's constructors).
 */
export function describeValue(value: unknown, resourceId: (value: object) => string | undefined, depth = 0): string {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'function';
  const id = resourceId(value);
  if (id !== undefined) return `<${id}>`;
  if (depth > 3) return '…';
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => describeValue(item, resourceId, depth + 1)).join(', ')}]`;
  }
  if (isErrorLike(value)) return formatError(describeThrown(value, resourceId));
  if (typeof (value as { then?: unknown }).then === 'function') return 'Promise';
  const entries = Object.entries(value).map(([key, item]) => `${key}: ${describeValue(item, resourceId, depth + 1)}`);
  return `{${entries.join(', ')}}`;
}

export function describeThrown(thrown: unknown, resourceId: (value: object) => string | undefined): ErrorInfo {
  if (!isErrorLike(thrown)) return { class: typeof thrown, message: describeValue(thrown, resourceId) };
  const className = thrown.constructor?.name ?? thrown.name;
  if (className !== 'SuppressedError') return { class: className, message: thrown.message };
  const suppressed = thrown as { error?: unknown; suppressed?: unknown };
  return {
    class: className,
    message: thrown.message,
    error: describeThrown(suppressed.error, resourceId),
    suppressed: describeThrown(suppressed.suppressed, resourceId),
  };
}

function isErrorLike(value: unknown): value is { name: string; message: string; constructor?: { name: string } } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}
