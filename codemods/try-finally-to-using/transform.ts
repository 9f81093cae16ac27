import { type Configuration, EMPTY_CONFIGURATION, toEngineOptions } from '../../analysis/configuration.js';
import { getEngine } from '../../analysis/engine.js';
import {
  applyEdits,
  chooseStack,
  classificationOf,
  isApplied,
  planFile,
  type RenderMode,
  renderFile,
  type SitePlan,
  type StackSetting,
} from '../../analysis/rewrite/index.js';
import type { FileInfo, TransformApi } from '../shared/jscodeshift.js';
import { record, type SiteRecord } from '../shared/report.js';
import { configurationFor } from '../shared/settings.js';
import { InputError, loadTypedSource } from '../shared/source.js';

/** Command-line options (`--tsconfig=…`, `--stack[=true|false|auto]`, `--allow-behavior-change`, `--fix-leaks`, `--settings=…`, `--report=…`). */
export interface TransformOptions {
  readonly tsconfig?: string;
  /** A JSON file with what `settings.disposable` holds, instead of each file's ESLint config. */
  readonly settings?: string;
  readonly stack?: boolean | string;
  readonly 'allow-behavior-change'?: boolean | string;
  readonly allowBehaviorChange?: boolean | string;
  readonly 'fix-leaks'?: boolean | string;
  readonly fixLeaks?: boolean | string;
  readonly report?: string;
  readonly [option: string]: unknown;
}

export interface SourceOptions {
  readonly tsconfig?: string | undefined;
  /** Stack rewrites: on, off, or `'auto'` (see analysis/rewrite/stack-runtime.ts). */
  readonly stack: StackSetting;
  readonly allowBehaviorChange: boolean;
  /** Also apply rewrites that release a resource where the original leaked it (classification `fixes-leak`). */
  readonly fixLeaks?: boolean | undefined;
  /** `settings.disposable`: the resources, ignore list and owners the lint rules use too. */
  readonly configuration?: Configuration | undefined;
}

export interface SourceResult {
  /** The new text, or undefined when nothing changed. */
  readonly output: string | undefined;
  readonly sites: readonly SiteRecord[];
}

export { InputError } from '../shared/source.js';

/**
 * Rewrites resources released by hand (in a `finally`, or later in their block) into `using` /
 * `await using` declarations. Exact rewrites by default; leak fixes with `fixLeaks`;
 * behavior-changing ones with `allowBehaviorChange`. The text comes
 * from the same planner as the `disposable/prefer-using` autofix, so both agree.
 */
export function transformSource(filePath: string, source: string, options: SourceOptions): SourceResult {
  const { program, sourceFile, text, bom } = loadTypedSource(filePath, source, options.tsconfig);
  const engine = getEngine(program, toEngineOptions(options.configuration ?? EMPTY_CONFIGURATION));
  const plans = planFile(sourceFile, engine, { stack: chooseStack(options.stack, program, filePath).stack });
  const mode = { allowBehaviorChange: options.allowBehaviorChange, fixLeaks: options.fixLeaks === true };
  const edits = renderFile(sourceFile, plans, mode);
  return {
    output: edits.length > 0 ? bom + applyEdits(text, edits) : undefined,
    sites: plans.map((plan) => siteRecord(filePath, plan, mode)),
  };
}

/**
 * The jscodeshift transform. A file it read and left alone comes back as it was, which jscodeshift
 * counts as "unmodified"; `undefined` would count it as "skipped", as if it had not been looked at.
 */
export default async function transform(file: FileInfo, api: TransformApi, options: TransformOptions): Promise<string> {
  const reportPath = typeof options.report === 'string' ? options.report : undefined;
  let result: SourceResult;
  try {
    // Every file may release a resource by hand (a `finally`, or a release later in a block), and
    // the settings say what a resource is; ESLint loads a config once per worker.
    const settings = await configurationFor(file.path, typeof options.settings === 'string' ? options.settings : undefined);
    result = transformSource(file.path, file.source, {
      tsconfig: typeof options.tsconfig === 'string' ? options.tsconfig : undefined,
      stack: options.stack === undefined || options.stack === 'auto' ? 'auto' : flag(options.stack),
      allowBehaviorChange: flag(options['allow-behavior-change'] ?? options.allowBehaviorChange),
      fixLeaks: flag(options['fix-leaks'] ?? options.fixLeaks),
      configuration: settings.configuration,
    });
  } catch (error) {
    if (reportPath) record(reportPath, { file: file.path, status: 'failed', error: (error as Error).message }, []);
    // jscodeshift prints an error's stack; a problem with the input needs only its message.
    if (error instanceof InputError) error.stack = '';
    throw error;
  }
  for (const site of result.sites) {
    if (site.status === 'skipped') api.report(`line ${String(site.line)}: skipped (${site.reason ?? ''}): ${site.names}`);
    if (site.status === 'not-applied' && site.classification === 'fixes-leak') {
      api.report(`line ${String(site.line)}: not applied, fixes a leak (releases the resource when code before its release throws): pass --fix-leaks`);
    } else if (site.status === 'not-applied') {
      api.report(`line ${String(site.line)}: not applied, changes behavior (${(site.changes ?? []).join(', ')}): pass --allow-behavior-change`);
    }
  }
  if (reportPath) {
    record(reportPath, { file: file.path, status: result.output === undefined ? 'unchanged' : 'changed' }, result.sites);
  }
  return result.output ?? file.source;
}

function siteRecord(file: string, plan: SitePlan, mode: RenderMode): SiteRecord {
  const sourceFile = plan.anchor.getSourceFile();
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(plan.anchor.getStart(sourceFile));
  const base = { file, line: line + 1, column: character + 1 };
  if (plan.kind === 'skip') return { ...base, names: plan.name, status: 'skipped', reason: plan.reason };
  const names = plan.resources.map((resource) => resource.name).join(', ');
  const classification = classificationOf(plan);
  return { ...base, names, status: isApplied(plan, mode) ? 'converted' : 'not-applied', classification, changes: plan.changes };
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '';
}
