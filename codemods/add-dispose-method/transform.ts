import { createHash } from 'node:crypto';
import * as path from 'node:path';

import { ts } from '../../analysis/typescript.js';
import { type Configuration, EMPTY_CONFIGURATION, mergeConfiguration, toEngineOptions } from '../../analysis/configuration.js';
import {
  applyEdits,
  type DisposeMemberPlan,
  Engine,
  findLeaks,
  findMissingDispose,
  GENERIC_RELEASE_METHODS,
  getEngine,
  type ResourceDeclaration,
} from '../../analysis/index.js';
import { isLibraryFile } from '../../analysis/syntax.js';
import type { FileInfo, TransformApi } from '../shared/jscodeshift.js';
import { record, type SiteRecord } from '../shared/report.js';
import { configurationFor } from '../shared/settings.js';
import { InputError, loadTypedSource } from '../shared/source.js';

/** Command-line options (`--tsconfig=…`, `--cleanup-methods=stop,unsubscribe`, `--settings=…`, `--report=…`). */
export interface TransformOptions {
  readonly tsconfig?: string;
  /** A JSON file with what `settings.disposable` holds, instead of each file's ESLint config. */
  readonly settings?: string;
  readonly 'cleanup-methods'?: string;
  readonly cleanupMethods?: string | readonly string[];
  readonly report?: string;
  readonly [option: string]: unknown;
}

export interface SourceOptions {
  readonly tsconfig?: string | undefined;
  /** `settings.disposable` (its `cleanupMethods` extend the defaults, as the rule's option does). */
  readonly configuration?: Configuration | undefined;
}

export interface SourceResult {
  /** The new text, or undefined when nothing changed. */
  readonly output: string | undefined;
  /**
   * One `converted` site per class made disposable, then one `would-be-reported` site per existing
   * `new` site of those classes (anywhere in the program) that disposable/no-leaked-resource will
   * report once the class has its dispose member.
   */
  readonly sites: readonly SiteRecord[];
}

/**
 * disposable-migrate runs every file once to warn before it writes, then again to write: the
 * second run of an unchanged file is this cache's answer.
 */
const results = new Map<string, SourceResult>();

/**
 * Adds `[Symbol.asyncDispose]` / `[Symbol.dispose]` to classes that have a cleanup method and no
 * dispose member. The text comes from the same edit builder as the `disposable/implement-dispose`
 * suggestion (analysis/implement-dispose/dispose-member-edit.ts), so both agree.
 */
export function transformSource(filePath: string, source: string, options: SourceOptions = {}): SourceResult {
  const key = createHash('sha256')
    .update(JSON.stringify([path.resolve(filePath), options.tsconfig ?? null, options.configuration ?? EMPTY_CONFIGURATION]))
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = results.get(key);
  if (cached) return cached;
  const result = transformUncached(filePath, source, options);
  results.set(key, result);
  return result;
}

function transformUncached(filePath: string, source: string, options: SourceOptions): SourceResult {
  const { program, sourceFile, text, bom } = loadTypedSource(filePath, source, options.tsconfig);
  const configuration = options.configuration ?? EMPTY_CONFIGURATION;
  const engine = getEngine(program, toEngineOptions(configuration));
  const plans = findMissingDispose(sourceFile, engine, { cleanupMethods: configuration.cleanupMethods });
  if (plans.length === 0) return { output: undefined, sites: [] };
  return {
    output: bom + applyEdits(text, plans.map((plan) => plan.edit)),
    sites: [...plans.map((plan) => convertedSite(filePath, plan)), ...wouldBeReported(program, engine, configuration, plans)],
  };
}

/** The jscodeshift transform: `--cleanup-methods` extend the settings' `cleanupMethods`. */
export default async function transform(file: FileInfo, api: TransformApi, options: TransformOptions): Promise<string | undefined> {
  const reportPath = typeof options.report === 'string' ? options.report : undefined;
  let result: SourceResult;
  try {
    const settings = await configurationFor(file.path, typeof options.settings === 'string' ? options.settings : undefined);
    result = transformSource(file.path, file.source, {
      tsconfig: typeof options.tsconfig === 'string' ? options.tsconfig : undefined,
      configuration: mergeConfiguration(settings.configuration, {
        cleanupMethods: listOption(options['cleanup-methods'] ?? options.cleanupMethods),
      }),
    });
  } catch (error) {
    if (reportPath) record(reportPath, { file: file.path, status: 'failed', error: (error as Error).message }, []);
    // jscodeshift prints an error's stack; a problem with the input needs only its message.
    if (error instanceof InputError) error.stack = '';
    throw error;
  }
  const warnings = result.sites.filter((site) => site.status === 'would-be-reported');
  if (warnings.length > 0) {
    api.report(
      `${String(warnings.length)} existing \`new\` site(s) will become disposable/no-leaked-resource reports (run the try-finally-to-using migration with this one): ${warnings
        .map((site) => `${site.file}:${String(site.line)}`)
        .join(', ')}`,
    );
  }
  if (reportPath) {
    record(reportPath, { file: file.path, status: result.output === undefined ? 'unchanged' : 'changed' }, result.sites);
  }
  return result.output;
}

function convertedSite(file: string, plan: DisposeMemberPlan): SiteRecord {
  const sourceFile = plan.classNode.getSourceFile();
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(plan.reportNode.getStart(sourceFile));
  return {
    file,
    line: line + 1,
    column: character + 1,
    names: plan.className,
    status: 'converted',
    classification: 'exact',
    changes: [],
    reason: `added ${plan.member}() calling ${plan.cleanup}()`,
  };
}

/**
 * The `new` sites (and other acquisitions) of the classes made disposable that
 * disposable/no-leaked-resource does not report today and will report once the classes have
 * their dispose member: the leak analysis is run once as it is, and once with the classes
 * declared as resources released by their cleanup method, on the files that mention them.
 */
function wouldBeReported(
  program: ts.Program,
  engine: Engine,
  configuration: Configuration,
  plans: readonly DisposeMemberPlan[],
): SiteRecord[] {
  const named = plans.filter((plan) => plan.classNode.name !== undefined && engine.resources.classify(classType(engine, plan)) === undefined);
  if (named.length === 0) return [];
  const resources: ResourceDeclaration[] = named.map((plan) => {
    const type = engine.checker.getApparentType(classType(engine, plan));
    const release = new Set([plan.cleanup, ...GENERIC_RELEASE_METHODS.filter((name) => type.getProperty(name) !== undefined)]);
    return {
      type: { from: 'file', name: plan.className, path: plan.classNode.getSourceFile().fileName },
      release: [...release],
      async: plan.async,
    };
  });
  const after = new Engine(program, toEngineOptions(mergeConfiguration(configuration, { resources })));
  const mentions = new RegExp(`\\b(?:${named.map((plan) => escapeRegExp(plan.className)).join('|')})\\b`);
  const sites: SiteRecord[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (isLibraryFile(sourceFile, program) || !mentions.test(sourceFile.text)) continue;
    const today = new Set(findLeaks(sourceFile, engine).map((finding) => finding.node));
    for (const finding of findLeaks(sourceFile, after)) {
      if (today.has(finding.node)) continue;
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.node.getStart(sourceFile));
      sites.push({
        file: path.relative(process.cwd(), sourceFile.fileName),
        line: line + 1,
        column: character + 1,
        names: `${finding.name} (${finding.resource.typeName})`,
        status: 'would-be-reported',
        reason: `disposable/no-leaked-resource: ${finding.kind}`,
      });
    }
  }
  return sites;
}

function classType(engine: Engine, plan: DisposeMemberPlan): ts.Type {
  const type = engine.checker.getTypeAtLocation(plan.classNode);
  if (ts.isClassDeclaration(plan.classNode)) return type;
  const construct = type.getConstructSignatures()[0];
  return construct ? engine.checker.getReturnTypeOfSignature(construct) : type;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function listOption(value: unknown): readonly string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return [];
}

