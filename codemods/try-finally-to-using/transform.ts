import ts from 'typescript';

import { getEngine } from '../../analysis/engine.js';
import { applyEdits, planFile, renderFile, type SitePlan } from '../../analysis/rewrite/index.js';
import { record, type SiteRecord } from '../shared/report.js';
import { ProjectError, typedFile } from '../shared/program.js';

/** jscodeshift's file argument. */
export interface FileInfo {
  readonly path: string;
  readonly source: string;
}

/** The part of jscodeshift's API this transform uses. */
export interface TransformApi {
  readonly report: (message: string) => void;
}

/** Command-line options (`--tsconfig=…`, `--stack`, `--allow-behavior-change`, `--report=…`). */
export interface TransformOptions {
  readonly tsconfig?: string;
  readonly stack?: boolean | string;
  readonly 'allow-behavior-change'?: boolean | string;
  readonly allowBehaviorChange?: boolean | string;
  readonly report?: string;
  readonly [option: string]: unknown;
}

const BOM = '\uFEFF';

/**
 * Rewrites try/finally blocks that release a resource into `using` / `await using` declarations.
 * Exact rewrites by default; behavior-changing ones with `--allow-behavior-change`. The text comes
 * from the same planner as the `disposable/prefer-using` autofix, so both agree.
 */
export default function transform(file: FileInfo, api: TransformApi, options: TransformOptions): string | undefined {
  const hasBom = file.source.startsWith(BOM);
  const text = hasBom ? file.source.slice(BOM.length) : file.source;
  const allowBehaviorChange = flag(options['allow-behavior-change'] ?? options.allowBehaviorChange);
  let output: string | undefined;
  let plans: readonly SitePlan[] = [];
  try {
    const { program, sourceFile } = typedFile(file.path, text, typeof options.tsconfig === 'string' ? options.tsconfig : undefined);
    const syntaxErrors = program.getSyntacticDiagnostics(sourceFile);
    const firstError = syntaxErrors[0];
    if (firstError) {
      const line = sourceFile.getLineAndCharacterOfPosition(firstError.start ?? 0).line + 1;
      throw expectedFailure(`does not parse (line ${String(line)}): ${ts.flattenDiagnosticMessageText(firstError.messageText, ' ')}`);
    }
    plans = planFile(sourceFile, getEngine(program), { stack: flag(options.stack) });
    const edits = renderFile(sourceFile, plans, { allowBehaviorChange });
    output = edits.length > 0 ? (hasBom ? BOM : '') + applyEdits(text, edits) : undefined;
    for (const plan of plans) {
      if (plan.kind === 'skip') api.report(`${position(plan)}: skipped (${plan.reason}): ${plan.name}`);
      else if (plan.changes.length > 0 && !allowBehaviorChange) {
        api.report(`${position(plan)}: not applied, changes behavior (${plan.changes.join(', ')}): pass --allow-behavior-change`);
      }
    }
  } catch (error) {
    const failure = error instanceof ProjectError ? expectedFailure(error.message) : (error as Error);
    if (typeof options.report === 'string') {
      record(options.report, { file: file.path, status: 'failed', error: failure.message }, []);
    }
    throw failure;
  }
  if (typeof options.report === 'string') {
    record(
      options.report,
      { file: file.path, status: output === undefined ? 'unchanged' : 'changed' },
      plans.map((plan) => siteRecord(file.path, plan, allowBehaviorChange)),
    );
  }
  return output;
}

function siteRecord(file: string, plan: SitePlan, allowBehaviorChange: boolean): SiteRecord {
  const { line, character } = plan.tryStatement.getSourceFile().getLineAndCharacterOfPosition(plan.tryStatement.getStart());
  const base = { file, line: line + 1, column: character + 1 };
  if (plan.kind === 'skip') return { ...base, names: plan.name, status: 'skipped', reason: plan.reason };
  const names = plan.resources.map((resource) => resource.name).join(', ');
  const classification = plan.changes.length === 0 ? 'exact' : 'changes-behavior';
  const applied = classification === 'exact' || allowBehaviorChange;
  return { ...base, names, status: applied ? 'converted' : 'not-applied', classification, changes: plan.changes };
}

function position(plan: SitePlan): string {
  const { line } = plan.tryStatement.getSourceFile().getLineAndCharacterOfPosition(plan.tryStatement.getStart());
  return `line ${String(line + 1)}`;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '';
}

/** A failure about the input, not a bug: jscodeshift prints its stack, so it gets none. */
function expectedFailure(message: string): Error {
  const error = new Error(message);
  error.stack = '';
  return error;
}
