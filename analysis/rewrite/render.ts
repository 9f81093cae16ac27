import { ts } from '../typescript.js';
import { nextStatement } from './open-close-candidates.js';
import { type PlannedResource, type RewritePlan, type SitePlan, type TryRewritePlan, usesStack } from './plan.js';
import { endsLine, indentationAt, lineEndAfter, lineStart, multilineTemplateRanges, simpleStatements, startsLine, usesSemicolons } from './text.js';
import type { TextEdit } from '../text-edit.js';

export interface RenderMode {
  /** Apply rewrites classified as behavior-changing too (codemod `--allow-behavior-change`, suggestions). */
  readonly allowBehaviorChange: boolean;
  /** Apply rewrites whose only change is that they release a resource the original leaked (codemod `--fix-leaks`). */
  readonly fixLeaks?: boolean;
}

/** What a rewrite does to behavior, as the codemod's report and summary name it. */
export type Classification = 'exact' | 'fixes-leak' | 'changes-behavior';

export function classificationOf(plan: RewritePlan): Classification {
  if (plan.changes.length === 0) return 'exact';
  return plan.fixesLeak ? 'fixes-leak' : 'changes-behavior';
}

/**
 * How the rewrite declares its resources, for messages: `await using`, `using`, the stack it
 * declares, written with `stackName` (the plan's own, or `…` where the name does not matter), or
 * the call on a stack the code already declares.
 */
export function declarationKeyword(plan: RewritePlan, stackName: string): string {
  const forms = new Set(plan.resources.map((resource) => resource.form));
  // Joining a stack the code declares: what the rewrite writes is the call on it.
  if (plan.sharesStack === true && plan.stackName) return `${plan.stackName}.${forms.has('defer') ? 'defer' : 'adopt'}(…)`;
  if ([...forms].some(usesStack)) {
    return plan.stackIsAsync ? `await using ${stackName} = new AsyncDisposableStack()` : `using ${stackName} = new DisposableStack()`;
  }
  return forms.has('await using') ? 'await using' : 'using';
}

export function isApplied(plan: SitePlan, mode: RenderMode): plan is RewritePlan {
  if (plan.kind !== 'rewrite') return false;
  const classification = classificationOf(plan);
  return classification === 'exact' || mode.allowBehaviorChange || (classification === 'fixes-leak' && mode.fixLeaks === true);
}

/**
 * The edits for a whole file: every plan applicable in this mode, nested ones composed into the
 * plan around them. The ESLint rule's fixes for the same plans give the same text (multi-pass).
 */
export function renderFile(sourceFile: ts.SourceFile, plans: readonly SitePlan[], mode: RenderMode): TextEdit[] {
  const applied = plans.filter((plan) => isApplied(plan, mode));
  const renderer = new Renderer(sourceFile, applied);
  const spans = applied
    .filter((plan) => !applied.some((other) => other !== plan && rangeContains(regionOf(other), regionOf(plan))))
    .map((plan) => spanOf(plan, sourceFile))
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged.map(([start, end]) => ({ start, end, text: renderer.render(start, end, 0) }));
}

/** The edit for one site, with the applicable plans nested in it. */
export function renderSite(
  sourceFile: ts.SourceFile,
  plan: RewritePlan,
  plans: readonly SitePlan[],
  mode: RenderMode,
): TextEdit {
  const region = regionOf(plan);
  const nested = plans.filter(
    (other): other is RewritePlan => other !== plan && isApplied(other, mode) && rangeContains(region, regionOf(other)),
  );
  const [start, end] = spanOf(plan, sourceFile);
  return { start, end, text: new Renderer(sourceFile, [plan, ...nested]).render(start, end, 0) };
}

type Range = readonly [number, number];

function regionOf(plan: RewritePlan): Range {
  return [plan.regionStart.getStart(), plan.regionEnd.getEnd()];
}

function rangeContains(outer: Range, inner: Range): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}

/** The region plus the removed `let` statements before it. */
function spanOf(plan: RewritePlan, sourceFile: ts.SourceFile): [number, number] {
  const [start, end] = regionOf(plan);
  const removedStart = Math.min(start, ...plan.removedStatements.map((statement) => deletionRange(statement, sourceFile)[0]));
  return [removedStart, end];
}

/** A statement's whole line(s) when it stands alone there; otherwise just its text. */
function deletionRange(statement: ts.Statement, sourceFile: ts.SourceFile): [number, number] {
  const text = sourceFile.text;
  const start = statement.getStart(sourceFile);
  const end = statement.getEnd();
  if (startsLine(text, start) && endsLine(text, end)) return [lineStart(text, start), lineEndAfter(text, end)];
  return [start, end];
}

type Item =
  | { readonly kind: 'replace'; readonly start: number; readonly end: number; readonly text: string }
  /** A new line before `start`, indented like the line it precedes (after that line's shift). */
  | { readonly kind: 'insert-line'; readonly start: number; readonly end: number; readonly text: string }
  | { readonly kind: 'wrap'; readonly start: number; readonly end: number; readonly before: string; readonly after: string }
  | { readonly kind: 'plan'; readonly start: number; readonly end: number; readonly plan: RewritePlan };

/**
 * Regenerates ranges of the original text with plans applied. Text that a plan does not change is
 * copied as it is; only the indentation of lines that move into or out of a block is shifted, by
 * whole indentation units, and never inside a multi-line template literal.
 */
class Renderer {
  readonly #text: string;
  readonly #sourceFile: ts.SourceFile;
  readonly #items: Item[] = [];
  readonly #unit: string;
  readonly #templates: readonly (readonly [number, number])[];
  /** New lines (a wrapping block, a stack declaration) end like the file's lines, CRLF included. */
  readonly #newline: string;
  /** A new statement ends like the file's statements: with `;` or, in a file written without, none (measured on first need). */
  #semicolonStyle: string | undefined;
  readonly #plans: ReadonlySet<RewritePlan>;

  constructor(sourceFile: ts.SourceFile, plans: readonly RewritePlan[]) {
    this.#sourceFile = sourceFile;
    this.#text = sourceFile.text;
    this.#newline = /\r?\n/.exec(sourceFile.text)?.[0] ?? '\n';
    this.#templates = multilineTemplateRanges(sourceFile);
    this.#unit = indentationUnit(sourceFile, plans);
    this.#plans = new Set(plans);
    for (const plan of plans) this.#addPlanItems(plan);
    this.#items.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** `inside`: the item being rendered, whose own range this may be. */
  render(start: number, end: number, shift: number, inside?: Item): string {
    const inRange = this.#items.filter((item) => item !== inside && item.start >= start && item.end <= end);
    // Plans and wraps render what lies inside them themselves.
    const topLevel = inRange.filter(
      (item) =>
        !inRange.some(
          (other) =>
            other !== item &&
            (other.kind === 'plan' || other.kind === 'wrap') &&
            rangeContains([other.start, other.end], [item.start, item.end]),
        ),
    );
    let out = '';
    let position = start;
    for (const item of topLevel) {
      out += this.#copy(position, item.start, shift);
      out += this.#renderItem(item, shift);
      position = item.end;
    }
    return out + this.#copy(position, end, shift);
  }

  #renderItem(item: Item, shift: number): string {
    switch (item.kind) {
      case 'replace':
        return item.text;
      case 'insert-line':
        return `${item.text}${this.#newline}${shiftIndentation(indentationAt(this.#text, item.start), shift, this.#unit)}`;
      case 'wrap':
        return item.before + this.render(item.start, item.end, shift, item) + item.after;
      case 'plan':
        return this.#renderPlan(item, shift);
    }
  }

  #renderPlan(item: Item & { kind: 'plan' }, shift: number): string {
    const plan = item.plan;
    const regionStart = plan.regionStart.getStart();
    const inner = plan.wrap ? shift + 1 : shift;
    // The open…close shape keeps every statement where it is: only the release goes.
    const content = plan.shape === 'open-close' ? this.render(regionStart, item.end, inner, item) : this.#renderTryContent(item, plan, inner);
    if (!plan.wrap) return content;
    const indentation = shiftIndentation(indentationAt(this.#text, regionStart), shift, this.#unit);
    const newline = this.#newline;
    return `{${newline}${indentation}${this.#unit}${content}${newline}${indentation}}`;
  }

  #renderTryContent(item: Item, plan: TryRewritePlan, inner: number): string {
    const tryStatement = plan.tryStatement;
    const tryStart = tryStatement.getStart();
    const prefix = this.render(plan.regionStart.getStart(), tryStart, inner, item);
    let rest: string;
    if (plan.keep === 'nothing') {
      // From the first to the last token or comment inside the braces: comments after the last
      // statement stay with the body.
      const body = tryStatement.tryBlock;
      const contentStart = this.#skipDeletedLines(skipWhitespace(this.#text, body.getStart() + 1));
      const contentEnd = trimWhitespaceBefore(this.#text, body.getEnd() - 1);
      rest = contentStart < contentEnd ? this.render(contentStart, contentEnd, inner - 1, item) : '';
    } else if (plan.keep === 'catch') {
      rest = this.render(tryStart, tryStatement.catchClause?.getEnd() ?? tryStatement.getEnd(), inner, item);
    } else {
      rest = this.render(tryStart, tryStatement.getEnd(), inner, item);
    }
    return rest === '' ? prefix.trimEnd() : prefix + rest;
  }

  /**
   * Past whole lines that a nested plan deletes (its `let x;`) at `position`: the body's first line
   * takes the place of the `try` line, whose indentation is already written.
   */
  #skipDeletedLines(position: number): number {
    let current = position;
    for (;;) {
      const start = lineStart(this.#text, current);
      const deletion = this.#items.find((item) => item.kind === 'replace' && item.text === '' && item.start === start && item.end > current);
      if (!deletion) return current;
      current = skipWhitespace(this.#text, deletion.end);
    }
  }

  /** Copies `[from, to)`, shifting the indentation of each line that starts inside it. */
  #copy(from: number, to: number, shift: number): string {
    if (shift === 0) return this.#text.slice(from, to);
    let out = '';
    let position = from;
    while (position < to) {
      const newline = this.#text.indexOf('\n', position);
      if (newline === -1 || newline >= to) {
        out += this.#text.slice(position, to);
        break;
      }
      out += this.#text.slice(position, newline + 1);
      const next = newline + 1;
      const indentationEnd = Math.min(skipIndentation(this.#text, next), to);
      const isProtected = this.#templates.some(([start, end]) => next > start && next < end);
      const isBlank = indentationEnd >= to ? false : this.#text[indentationEnd] === '\n' || this.#text[indentationEnd] === '\r';
      const indentation = this.#text.slice(next, indentationEnd);
      out += isProtected || isBlank ? indentation : shiftIndentation(indentation, shift, this.#unit);
      position = indentationEnd;
    }
    return out;
  }

  #addPlanItems(plan: RewritePlan): void {
    const sourceFile = this.#sourceFile;
    this.#items.push({ kind: 'plan', start: plan.regionStart.getStart(), end: plan.regionEnd.getEnd(), plan });
    if (plan.shape === 'open-close') {
      for (const [start, end] of plan.removedRanges) this.#items.push({ kind: 'replace', start, end, text: '' });
    }
    for (const statement of plan.removedStatements) {
      const [start, end] = deletionRange(statement, sourceFile);
      this.#items.push({ kind: 'replace', start, end, text: '' });
    }
    if (plan.shape === 'try-finally' && plan.keep === 'finally') {
      for (const resource of plan.resources) {
        const [start, end] = deletionRange(resource.release.statement, sourceFile);
        this.#items.push({ kind: 'replace', start, end, text: '' });
      }
    }
    const firstStacked = plan.resources.find((resource) => usesStack(resource.form));
    for (const resource of plan.resources) {
      const statement = resource.assignment ?? (resource.declaration.parent.parent as ts.VariableStatement);
      const statementStart = statement.getStart(sourceFile);
      const stack = this.#stackOf(plan);
      if (resource === firstStacked && stack.declared) {
        const declaration = plan.stackIsAsync
          ? `await using ${stack.name} = new AsyncDisposableStack()${this.#semicolon()}`
          : `using ${stack.name} = new DisposableStack()${this.#semicolon()}`;
        this.#items.push({ kind: 'insert-line', start: statementStart, end: statementStart, text: declaration });
      }
      this.#addResourceItems(plan, resource, statementStart);
    }
  }

  /** The stack a plan's resources go on, and whether the plan declares it. */
  #stackOf(plan: RewritePlan): { name: string; declared: boolean } {
    if (plan.joinsStackOf && this.#plans.has(plan.joinsStackOf)) return { name: this.#stackOf(plan.joinsStackOf).name, declared: false };
    return { name: plan.stackName ?? 'stack', declared: plan.stackName !== undefined && plan.sharesStack !== true };
  }

  #semicolon(): string {
    this.#semicolonStyle ??= usesSemicolons(simpleStatements(this.#sourceFile), this.#text) ? ';' : '';
    return this.#semicolonStyle;
  }

  #addResourceItems(plan: RewritePlan, resource: PlannedResource, statementStart: number): void {
    const acquisition =
      resource.adopted ??
      (resource.assignment ? (resource.assignment.expression as ts.BinaryExpression).right : resource.declaration.initializer);
    if (!acquisition) return;
    if (resource.form === 'defer') {
      // The same call the `finally` made, registered right after the part is destructured.
      const statement = resource.declaration.parent.parent as ts.VariableStatement;
      const next = nextStatement(statement);
      const call = `${this.#stackOf(plan).name}.defer(() => ${resource.release.call.getText(this.#sourceFile)})${this.#semicolon()}`;
      if (next) this.#items.push({ kind: 'insert-line', start: next.getStart(), end: next.getStart(), text: call });
      return;
    }
    if (resource.form === 'stack') {
      const release = resource.release.call;
      const callee = release.expression as ts.PropertyAccessExpression;
      const args = release.arguments.map((argument) => argument.getText(this.#sourceFile)).join(', ');
      const name = resource.name;
      // `given ?? (await acquire())`: the adopting call needs no parentheses of its own.
      let outer: ts.Node = acquisition;
      while (ts.isParenthesizedExpression(outer.parent) && resource.adopted) outer = outer.parent;
      if (outer !== acquisition) {
        this.#items.push({ kind: 'replace', start: outer.getStart(), end: acquisition.getStart(), text: '' });
        this.#items.push({ kind: 'replace', start: acquisition.getEnd(), end: outer.getEnd(), text: '' });
      }
      this.#items.push({
        kind: 'wrap',
        start: acquisition.getStart(),
        end: acquisition.getEnd(),
        before: `${this.#stackOf(plan).name}.adopt(`,
        after: `, (${name}) => ${name}.${callee.name.text}(${args}))`,
      });
      if (resource.assignment) this.#items.push({ kind: 'replace', start: statementStart, end: statementStart, text: 'const ' });
      return;
    }
    if (resource.assignment) {
      this.#items.push({ kind: 'replace', start: statementStart, end: statementStart, text: `${resource.form} ` });
    } else {
      this.#replaceKeyword(resource, resource.form);
    }
  }

  #replaceKeyword(resource: PlannedResource, keyword: string): void {
    const list = resource.declaration.parent as ts.VariableDeclarationList;
    const start = list.getStart(this.#sourceFile);
    const current = /^(const|let|var)\b/.exec(this.#text.slice(start))?.[1] ?? 'const';
    if (current !== keyword) this.#items.push({ kind: 'replace', start, end: start + current.length, text: keyword });
  }
}

function skipWhitespace(text: string, position: number): number {
  let current = position;
  while (current < text.length && /\s/.test(text.charAt(current))) current++;
  return current;
}

/** The position just after the last non-whitespace character before `position`. */
function trimWhitespaceBefore(text: string, position: number): number {
  let current = position;
  while (current > 0 && /\s/.test(text.charAt(current - 1))) current--;
  return current;
}

function skipIndentation(text: string, position: number): number {
  let current = position;
  while (current < text.length && (text[current] === ' ' || text[current] === '\t')) current++;
  return current;
}

function shiftIndentation(indentation: string, shift: number, unit: string): string {
  if (shift >= 0) return unit.repeat(shift) + indentation;
  let result = indentation;
  for (let step = 0; step < -shift; step++) {
    result = result.startsWith(unit) ? result.slice(unit.length) : result.replace(/^[ \t]{1,}/, (ws) => ws.slice(Math.min(ws.length, unit.length)));
  }
  return result;
}

/**
 * The file's indentation step, read off a plan's try body or the block around its region, else off
 * the first block of the file; two spaces when unclear.
 */
function indentationUnit(sourceFile: ts.SourceFile, plans: readonly RewritePlan[]): string {
  const text = sourceFile.text;
  const step = (outerNode: ts.Node, innerNode: ts.Node | undefined): string | undefined => {
    if (!innerNode) return undefined;
    const outer = indentationAt(text, outerNode.getStart());
    const inner = indentationAt(text, innerNode.getStart());
    return inner.length > outer.length && inner.startsWith(outer) ? inner.slice(outer.length) : undefined;
  };
  for (const plan of plans) {
    const unit =
      plan.shape === 'try-finally'
        ? step(plan.tryStatement, plan.tryStatement.tryBlock.statements[0])
        : ts.isBlock(plan.regionStart.parent)
          ? step(plan.regionStart.parent, plan.regionStart)
          : undefined;
    if (unit) return unit;
  }
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBlock(node)) found = step(node, node.statements[0]);
    node.forEachChild(visit);
  };
  sourceFile.forEachChild(visit);
  return found ?? '  ';
}
