// A generator of small programs over the differential harness's fake modules (`./resource`,
// `./work`), for property-based testing of the codemod and of no-leaked-resource.
//
// A program is built from a "choice tape" (an array of numbers fast-check generates and shrinks):
// every decision reads the next number, and an exhausted tape always picks the first, simplest
// option, so a shorter tape is a smaller program. Next to each program the generator computes,
// on its own syntax tree and without the engine, which resources some path leaves unreleased,
// under the model docs/rules/no-leaked-resource.md documents: every call and `await` may throw,
// ordinary calls (`r.use()`, `step()`) borrow, and the release of another resource does not throw.

import fc from 'fast-check';

export type ResourceKind = 'async' | 'sync' | 'legacy';

export interface Resource {
  readonly name: string;
  readonly kind: ResourceKind;
}

/** How a release is written. */
export type ReleaseForm = 'close' | 'dispose' | 'optional';

export type Stmt =
  | { readonly t: 'acquire'; readonly res: Resource; readonly decl: 'const' | 'let' | 'assign' }
  | { readonly t: 'letDecl'; readonly res: Resource }
  | { readonly t: 'discard'; readonly res: Resource }
  | { readonly t: 'step'; readonly label: string }
  | { readonly t: 'use'; readonly res: Resource }
  | { readonly t: 'release'; readonly res: Resource; readonly form: ReleaseForm }
  | {
      readonly t: 'try';
      readonly body: readonly Stmt[];
      readonly handler?: { readonly body: readonly Stmt[]; readonly rethrow: boolean };
      readonly finalizer?: readonly Stmt[];
    }
  | { readonly t: 'if'; readonly cond: 'a' | 'b'; readonly then: readonly Stmt[]; readonly otherwise?: readonly Stmt[] }
  | { readonly t: 'return'; readonly value?: Resource }
  | { readonly t: 'throw' }
  | { readonly t: 'loop'; readonly body: readonly Stmt[] }
  | { readonly t: 'break' }
  | { readonly t: 'continue' };

export interface GeneratedProgram {
  readonly isAsync: boolean;
  readonly body: readonly Stmt[];
  /** The TypeScript module text. */
  readonly source: string;
  /** Argument sets covering the conditions the program tests. */
  readonly argSets: readonly (readonly boolean[])[];
  /** Names of the bindings (or `acquire…` for a discarded acquisition) some path leaves unreleased. */
  readonly leaks: readonly string[];
}

/** Reads decisions off the tape; 0 (the simplest option) once it is exhausted. */
class Chooser {
  #index = 0;
  constructor(private readonly tape: readonly number[]) {}

  pick(options: number): number {
    const value = this.tape[this.#index++];
    return value === undefined ? 0 : value % options;
  }

  /** True with probability about `percent`%. */
  chance(percent: number): boolean {
    return this.pick(100) >= 100 - percent;
  }
}

interface Scope {
  /** Resources acquired and in scope (may already be released). */
  readonly live: readonly Resource[];
  readonly inLoop: boolean;
  readonly depth: number;
}

class Builder {
  #resources = 0;
  #steps = 0;
  #budget = 28;

  constructor(
    private readonly choose: Chooser,
    readonly isAsync: boolean,
  ) {}

  resource(): Resource {
    const kinds: ResourceKind[] = this.isAsync ? ['async', 'sync', 'async', 'legacy'] : ['sync'];
    const kind = kinds[this.choose.pick(kinds.length)] ?? 'sync';
    return { name: `r${String(++this.#resources)}`, kind };
  }

  step(): Stmt {
    return { t: 'step', label: `s${String(++this.#steps)}` };
  }

  /** A block of 1–3 statements. */
  block(scope: Scope, min = 1): Stmt[] {
    const count = min + this.choose.pick(3);
    const out: Stmt[] = [];
    for (let i = 0; i < count && this.#budget > 0; i++) out.push(...this.unit(scope));
    return out;
  }

  unit(scope: Scope): Stmt[] {
    this.#budget--;
    const deep = scope.depth >= 3 || this.#budget <= 0;
    const choice = deep ? this.choose.pick(3) : this.choose.pick(12);
    switch (choice) {
      case 0:
        return [this.step()];
      case 1: {
        const used = scope.live[this.choose.pick(Math.max(scope.live.length, 1))];
        return used ? [{ t: 'use', res: used }] : [this.step()];
      }
      case 2:
        return [this.exit(scope)];
      case 3:
      case 4:
      case 5:
        return this.resourceUnit(scope, 1);
      case 6:
        return this.resourceUnit(scope, 2);
      case 7:
        return [{ t: 'loop', body: this.block({ ...scope, inLoop: true, depth: scope.depth + 1 }) }];
      case 8:
        return [this.conditional(scope)];
      case 9: {
        // try/catch (and maybe finally) around ordinary code.
        const inner = { ...scope, depth: scope.depth + 1 };
        const body = this.block(inner);
        const rethrow = this.choose.chance(50);
        return [{ t: 'try', body, handler: { body: this.choose.chance(50) ? [this.step()] : [], rethrow } }];
      }
      case 10:
        return this.choose.chance(30) ? [{ t: 'discard', res: this.resource() }] : [this.step()];
      default:
        return this.resourceUnit(scope, 1 + this.choose.pick(3));
    }
  }

  /** `if (a) return;`, `if (b) throw …`, `if (a) break;`, `if (b) continue;`. */
  exit(scope: Scope): Stmt {
    const cond = this.choose.chance(50) ? 'a' : 'b';
    const options = scope.inLoop ? 4 : 2;
    switch (this.choose.pick(options)) {
      case 0: {
        const value = this.choose.chance(30) ? scope.live[this.choose.pick(Math.max(scope.live.length, 1))] : undefined;
        return { t: 'if', cond, then: [value ? { t: 'return', value } : { t: 'return' }] };
      }
      case 1:
        return { t: 'if', cond, then: [{ t: 'throw' }] };
      case 2:
        return { t: 'if', cond, then: [{ t: 'break' }] };
      default:
        return { t: 'if', cond, then: [{ t: 'continue' }] };
    }
  }

  conditional(scope: Scope): Stmt {
    const inner = { ...scope, depth: scope.depth + 1 };
    const cond = this.choose.chance(50) ? 'a' : 'b';
    const then = this.block(inner);
    return this.choose.chance(40) ? { t: 'if', cond, then, otherwise: this.block(inner) } : { t: 'if', cond, then };
  }

  /**
   * Acquisitions, code between them and the `try`, the `try` (with or without a `catch`) and a
   * `finally` releasing them; usually in the shape the codemod converts, sometimes not.
   */
  resourceUnit(scope: Scope, count: number): Stmt[] {
    if (count === 1 && this.choose.chance(25)) return this.openCloseUnit(scope);
    const resources = Array.from({ length: count }, () => this.resource());
    const out: Stmt[] = [];
    const letInTry = count === 1 && this.choose.chance(12);
    const tryPrefix: Stmt[] = [];
    for (const res of resources) {
      if (letInTry) {
        out.push({ t: 'letDecl', res });
        tryPrefix.push({ t: 'acquire', res, decl: 'assign' });
      } else {
        out.push({ t: 'acquire', res, decl: this.choose.chance(8) ? 'let' : 'const' });
        if (this.choose.chance(12)) out.push(this.choose.chance(50) ? this.step() : { t: 'use', res });
      }
    }
    const inner: Scope = { live: [...scope.live, ...resources], inLoop: scope.inLoop, depth: scope.depth + 1 };
    if (this.choose.chance(12)) out.push(this.exit({ ...inner, live: scope.live }));
    const body: Stmt[] = [...tryPrefix];
    const [first] = resources;
    if (this.choose.chance(60)) {
      const used = resources[this.choose.pick(resources.length)] ?? first;
      if (used) body.push({ t: 'use', res: used });
    }
    body.push(...this.block(inner, 0));
    if (this.choose.chance(6) && first) body.push({ t: 'release', res: first, form: 'close' });

    const finalizer: Stmt[] = [];
    if (this.choose.chance(8)) finalizer.push(this.step());
    // Reverse acquisition order usually, as `using` would; sometimes acquisition order.
    const order = this.choose.chance(80) ? [...resources].reverse() : [...resources];
    for (const res of order) {
      if (this.choose.chance(5)) continue; // forgotten
      const form: ReleaseForm = letInTry ? 'optional' : (['close', 'close', 'dispose', 'optional'] as const)[this.choose.pick(4)] ?? 'close';
      const release: Stmt = { t: 'release', res, form };
      finalizer.push(this.choose.chance(5) ? { t: 'if', cond: 'b', then: [release] } : release);
    }
    if (this.choose.chance(6)) finalizer.push(this.step());

    let handler: { body: Stmt[]; rethrow: boolean } | undefined;
    if (this.choose.chance(15)) handler = { body: this.choose.chance(50) ? [this.step()] : [], rethrow: this.choose.chance(50) };
    out.push(handler ? { t: 'try', body, handler, finalizer } : { t: 'try', body, finalizer });
    // Code after the try: a statement of the enclosing block.
    if (this.choose.chance(25)) out.push(this.step());
    return out;
  }

  /**
   * The open…close shape: an acquisition, code that may throw, and a plain release later in the
   * same block with no `finally` (sometimes followed by more code, sometimes released twice or
   * used after the release), which --fix-leaks rewrites.
   */
  openCloseUnit(scope: Scope): Stmt[] {
    const res = this.resource();
    const inner: Scope = { live: [...scope.live, res], inLoop: scope.inLoop, depth: scope.depth + 1 };
    const out: Stmt[] = [{ t: 'acquire', res, decl: this.choose.chance(10) ? 'let' : 'const' }];
    if (this.choose.chance(60)) out.push({ t: 'use', res });
    out.push(...this.block(inner, 0));
    const form: ReleaseForm = (['close', 'close', 'dispose', 'optional'] as const)[this.choose.pick(4)] ?? 'close';
    out.push({ t: 'release', res, form });
    if (this.choose.chance(8)) out.push(this.choose.chance(50) ? { t: 'use', res } : { t: 'release', res, form: 'close' });
    if (this.choose.chance(30)) out.push(this.step());
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

const ACQUIRE_OF: Record<ResourceKind, string> = { async: 'acquire', sync: 'acquireSync', legacy: 'acquireLegacy' };

function render(program: { isAsync: boolean; body: readonly Stmt[] }): string {
  const { isAsync } = program;
  const aw = (text: string): string => (isAsync ? `await ${text}` : text);
  const acquisition = (res: Resource): string =>
    res.kind === 'sync' ? `acquireSync('${res.name}')` : `await ${ACQUIRE_OF[res.kind]}('${res.name}')`;
  const lines: string[] = [];
  const emit = (depth: number, text: string): void => {
    lines.push(`${'  '.repeat(depth)}${text}`);
  };
  const releaseText = (res: Resource, form: ReleaseForm): string => {
    if (res.kind === 'legacy') return `await ${res.name}${form === 'optional' ? '?.' : '.'}release();`;
    const awaitPrefix = res.kind === 'async' ? 'await ' : '';
    if (form === 'dispose') return `${awaitPrefix}${res.name}[Symbol.${res.kind === 'async' ? 'asyncDispose' : 'dispose'}]();`;
    return `${awaitPrefix}${res.name}${form === 'optional' ? '?.' : '.'}close();`;
  };
  const useText = (res: Resource): string => (res.kind === 'sync' ? `${res.name}.use()` : `await ${res.name}.use()`);
  const bangOf = (res: Resource, declaredAsLet: ReadonlySet<Resource>): string => (declaredAsLet.has(res) ? '!' : '');
  const lets = new Set<Resource>();
  const block = (statements: readonly Stmt[], depth: number): void => {
    for (const statement of statements) emitStatement(statement, depth);
  };
  const emitStatement = (s: Stmt, depth: number): void => {
    switch (s.t) {
      case 'acquire':
        if (s.decl === 'assign') emit(depth, `${s.res.name} = ${acquisition(s.res)};`);
        else emit(depth, `${s.decl} ${s.res.name} = ${acquisition(s.res)};`);
        return;
      case 'letDecl':
        lets.add(s.res);
        emit(depth, `let ${s.res.name}: Awaited<ReturnType<typeof ${ACQUIRE_OF[s.res.kind]}>> | undefined;`);
        return;
      case 'discard':
        emit(depth, `${acquisition(s.res)};`);
        return;
      case 'step':
        emit(depth, `${aw(`${isAsync ? 'step' : 'stepSync'}('${s.label}')`)};`);
        return;
      case 'use':
        emit(depth, `${useText({ ...s.res, name: s.res.name + bangOf(s.res, lets) })};`);
        return;
      case 'release':
        emit(depth, releaseText(s.res, s.form));
        return;
      case 'try':
        emit(depth, 'try {');
        block(s.body, depth + 1);
        if (s.handler) {
          emit(depth, '} catch (error) {');
          block(s.handler.body, depth + 1);
          if (s.handler.rethrow) emit(depth + 1, 'throw error;');
        }
        if (s.finalizer) {
          emit(depth, '} finally {');
          block(s.finalizer, depth + 1);
        }
        emit(depth, '}');
        return;
      case 'if':
        emit(depth, `if (${s.cond}) {`);
        block(s.then, depth + 1);
        if (s.otherwise) {
          emit(depth, '} else {');
          block(s.otherwise, depth + 1);
        }
        emit(depth, '}');
        return;
      case 'return':
        emit(depth, s.value ? `return ${useText({ ...s.value, name: s.value.name + bangOf(s.value, lets) })};` : "return 'early';");
        return;
      case 'throw':
        emit(depth, "throw new Error('boom');");
        return;
      case 'loop':
        emit(depth, 'for (const i of [1, 2]) {');
        emit(depth + 1, 'void i;');
        block(s.body, depth + 1);
        emit(depth, '}');
        return;
      case 'break':
        emit(depth, 'break;');
        return;
      case 'continue':
        emit(depth, 'continue;');
        return;
    }
  };
  block(program.body, 1);

  const kinds = new Set<ResourceKind>();
  const visit = (statements: readonly Stmt[]): void => {
    for (const s of statements) {
      if (s.t === 'acquire' || s.t === 'discard' || s.t === 'letDecl') kinds.add(s.res.kind);
      if (s.t === 'try') {
        visit(s.body);
        visit(s.handler?.body ?? []);
        visit(s.finalizer ?? []);
      }
      if (s.t === 'if') {
        visit(s.then);
        visit(s.otherwise ?? []);
      }
      if (s.t === 'loop') visit(s.body);
    }
  };
  visit(program.body);
  const imports = [...kinds].sort().map((kind) => ACQUIRE_OF[kind]);
  const usesStep = lines.some((line) => /\bstep(Sync)?\(/.test(line));
  const header: string[] = [];
  if (imports.length > 0) header.push(`import { ${imports.join(', ')} } from './resource';`);
  if (usesStep) header.push(`import { ${isAsync ? 'step' : 'stepSync'} } from './work';`);
  const signature = isAsync
    ? 'export async function run(a: boolean, b: boolean): Promise<string> {'
    : 'export function run(a: boolean, b: boolean): string {';
  // The final return gives every path a value.
  return `${header.join('\n')}${header.length > 0 ? '\n\n' : ''}${signature}\n${lines.join('\n')}\n  return 'done';\n}\n`;
}

// ---------------------------------------------------------------------------------------------
// The independent leak oracle: an abstract interpretation over the generated syntax tree.

const NONE = 1; // not acquired (or nullish)
const LIVE = 2;
const DONE = 4;

/** State of every resource: a map name → set of possibilities (bit set). */
type State = ReadonlyMap<string, number>;

interface Flow {
  normal: State | undefined;
  thrown: State | undefined;
  returned: State | undefined;
  broken: State | undefined;
  continued: State | undefined;
}

function join(a: State | undefined, b: State | undefined): State | undefined {
  if (!a) return b;
  if (!b) return a;
  const out = new Map(a);
  for (const [name, bits] of b) out.set(name, (out.get(name) ?? NONE) | bits);
  for (const [name, bits] of a) if (!b.has(name)) out.set(name, bits | NONE);
  return out;
}

function sameState(a: State | undefined, b: State | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.size !== b.size) return false;
  for (const [name, bits] of a) if (b.get(name) !== bits) return false;
  return true;
}

function withRes(state: State, name: string, bits: number): State {
  const out = new Map(state);
  out.set(name, bits);
  return out;
}

/** Computes the leaking bindings of a program body. */
export function oracleLeaks(body: readonly Stmt[]): string[] {
  const leaks = new Set<string>();
  const liveIn = (state: State | undefined): void => {
    for (const [name, bits] of state ?? []) if (bits & LIVE) leaks.add(name);
  };

  const statements = (list: readonly Stmt[], entry: State | undefined): Flow => {
    const flow: Flow = { normal: entry, thrown: undefined, returned: undefined, broken: undefined, continued: undefined };
    for (const s of list) {
      if (!flow.normal) break;
      const next = statement(s, flow.normal);
      flow.normal = next.normal;
      flow.thrown = join(flow.thrown, next.thrown);
      flow.returned = join(flow.returned, next.returned);
      flow.broken = join(flow.broken, next.broken);
      flow.continued = join(flow.continued, next.continued);
    }
    return flow;
  };

  const only = (normal: State | undefined, thrown?: State): Flow => ({
    normal,
    thrown,
    returned: undefined,
    broken: undefined,
    continued: undefined,
  });

  const statement = (s: Stmt, state: State): Flow => {
    switch (s.t) {
      case 'acquire': {
        // The acquisition call (and its await) may throw before the binding holds anything.
        const before = state.get(s.res.name) ?? NONE;
        if (before & LIVE) leaks.add(s.res.name); // overwritten while live
        return only(withRes(state, s.res.name, LIVE), state);
      }
      case 'letDecl':
        return only(withRes(state, s.res.name, NONE));
      case 'discard':
        leaks.add(ACQUIRE_OF[s.res.kind]);
        return only(state, state);
      case 'step':
      case 'use':
      case 'throw':
        return s.t === 'throw' ? only(undefined, state) : only(state, state);
      case 'release': {
        // The release of this resource releases it even when it throws; it is taken not to throw
        // for the others (the documented exception). A nullish binding (`?.`) stays as it is.
        const bits = state.get(s.res.name) ?? NONE;
        const after = bits & LIVE ? (bits & ~LIVE) | DONE : bits;
        return only(withRes(state, s.res.name, after));
      }
      case 'if': {
        const then = statements(s.then, state);
        const otherwise = statements(s.otherwise ?? [], state);
        return {
          normal: join(then.normal, otherwise.normal),
          thrown: join(then.thrown, otherwise.thrown),
          returned: join(then.returned, otherwise.returned),
          broken: join(then.broken, otherwise.broken),
          continued: join(then.continued, otherwise.continued),
        };
      }
      case 'return':
        return { ...only(undefined, s.value ? state : undefined), returned: state };
      case 'break':
        return { ...only(undefined), broken: state };
      case 'continue':
        return { ...only(undefined), continued: state };
      case 'loop': {
        // Zero or more iterations, to a fixpoint.
        let head: State = state;
        const out = only(state);
        for (;;) {
          const pass = statements(s.body, head);
          out.thrown = join(out.thrown, pass.thrown);
          out.returned = join(out.returned, pass.returned);
          out.normal = join(out.normal, pass.broken);
          const next = join(join(head, pass.normal), pass.continued) ?? head;
          if (sameState(next, head)) break;
          head = next;
        }
        out.normal = join(out.normal, head);
        return out;
      }
      case 'try': {
        const body = statements(s.body, state);
        let normal = body.normal;
        let thrown = body.thrown;
        let returned = body.returned;
        let broken = body.broken;
        let continued = body.continued;
        if (s.handler && thrown) {
          const handler = statements(s.handler.body, thrown);
          thrown = undefined;
          if (s.handler.rethrow) thrown = join(handler.thrown, handler.normal);
          else {
            thrown = handler.thrown;
            normal = join(normal, handler.normal);
          }
          returned = join(returned, handler.returned);
          broken = join(broken, handler.broken);
          continued = join(continued, handler.continued);
        }
        if (!s.finalizer) return { normal, thrown, returned, broken, continued };
        const result: Flow = only(undefined);
        const through = (entry: State | undefined, key: keyof Flow): void => {
          if (!entry) return;
          const cleanup = statements(s.finalizer ?? [], entry);
          result.thrown = join(result.thrown, cleanup.thrown);
          result.returned = join(result.returned, cleanup.returned);
          result.broken = join(result.broken, cleanup.broken);
          result.continued = join(result.continued, cleanup.continued);
          result[key] = join(result[key], cleanup.normal);
        };
        through(normal, 'normal');
        through(thrown, 'thrown');
        through(returned, 'returned');
        through(broken, 'broken');
        through(continued, 'continued');
        return result;
      }
    }
  };

  const flow = statements(body, new Map());
  liveIn(flow.normal);
  liveIn(flow.returned);
  liveIn(flow.thrown);
  return [...leaks].sort();
}

// ---------------------------------------------------------------------------------------------

function usesCondition(body: readonly Stmt[], cond: 'a' | 'b'): boolean {
  return body.some((s) => {
    if (s.t === 'if') return s.cond === cond || usesCondition(s.then, cond) || usesCondition(s.otherwise ?? [], cond);
    if (s.t === 'try') return usesCondition(s.body, cond) || usesCondition(s.handler?.body ?? [], cond) || usesCondition(s.finalizer ?? [], cond);
    if (s.t === 'loop') return usesCondition(s.body, cond);
    return false;
  });
}

/** The program a tape describes. */
export function programFromTape(tape: readonly number[]): GeneratedProgram {
  const choose = new Chooser(tape);
  const isAsync = choose.pick(5) !== 4; // mostly async
  const builder = new Builder(choose, isAsync);
  const body = builder.block({ live: [], inLoop: false, depth: 0 }, 1);
  const usesA = usesCondition(body, 'a');
  const usesB = usesCondition(body, 'b');
  const argSets: boolean[][] = [[false, false]];
  if (usesA) argSets.push([true, false]);
  if (usesB) argSets.push([false, true]);
  return { isAsync, body, source: render({ isAsync, body }), argSets, leaks: oracleLeaks(body) };
}

/**
 * fast-check arbitrary of generated programs; shrinking shortens the tape. `maxTape` bounds the
 * number of decisions, hence the size of the programs (and the cost of running them).
 */
export function programArbitrary(maxTape = 60): fc.Arbitrary<GeneratedProgram> {
  return fc.array(fc.nat({ max: 9999 }), { minLength: 1, maxLength: maxTape, size: 'max' }).map((tape) => programFromTape(tape));
}
