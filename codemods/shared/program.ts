import * as path from 'node:path';

import { ts } from '../../analysis/typescript.js';

/**
 * One TypeScript program per tsconfig per worker process, reused for every file of that project:
 * building a program per file would make a 3,000-file migration quadratic.
 */
const programs = new Map<string, ts.Program>();
const parsedConfigs = new Map<string, ts.ParsedCommandLine>();
/** Parsed files shared by every program of the worker: lib and dependency files parse once. */
const sourceFiles = new Map<string, ts.SourceFile>();

export interface TypedFile {
  readonly program: ts.Program;
  readonly sourceFile: ts.SourceFile;
  /** The tsconfig whose program holds the file. */
  readonly configPath: string;
}

export class ProjectError extends Error {}

/**
 * The program and source file for `filePath`, whose current text is `text` (without a byte-order
 * mark). The tsconfig is the given one, or the nearest one above the file; solution-style configs
 * and project references are followed to the project that includes the file.
 */
export function typedFile(filePath: string, text: string, tsconfig?: string): TypedFile {
  const absolute = path.resolve(filePath);
  const start = tsconfig ? path.resolve(tsconfig) : ts.findConfigFile(path.dirname(absolute), (file) => ts.sys.fileExists(file));
  if (!start) {
    throw new ProjectError(`no tsconfig.json found above ${filePath}; pass --tsconfig=<path>`);
  }
  const configPath = projectIncluding(start, absolute, new Set()) ?? start;
  let program = programs.get(configPath);
  let sourceFile = program?.getSourceFile(absolute);
  if (!program || !sourceFile || sourceFile.text !== text) {
    program = createProgram(configPath, absolute, text, program);
    programs.set(configPath, program);
    sourceFile = program.getSourceFile(absolute);
  }
  if (!sourceFile) throw new ProjectError(`${filePath} could not be loaded into the program of ${configPath}`);
  return { program, sourceFile, configPath };
}

function parseConfig(configPath: string): ts.ParsedCommandLine {
  const cached = parsedConfigs.get(configPath);
  if (cached) return cached;
  let failure: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      failure = diagnostic;
    },
  });
  if (!parsed) {
    const message = failure ? ts.flattenDiagnosticMessageText(failure.messageText, '\n') : 'unreadable';
    throw new ProjectError(`${configPath}: ${message}`);
  }
  parsedConfigs.set(configPath, parsed);
  return parsed;
}

const includedFileSets = new Map<string, ReadonlySet<string>>();

/** A config's files as absolute paths, in a set: asked once per file of a run. */
function includedFiles(configPath: string): ReadonlySet<string> {
  let files = includedFileSets.get(configPath);
  if (!files) {
    files = new Set(parseConfig(configPath).fileNames.map((name) => path.resolve(name)));
    includedFileSets.set(configPath, files);
  }
  return files;
}

/** The config, or the first project it references (transitively), whose files include the file. */
function projectIncluding(configPath: string, filePath: string, seen: Set<string>): string | undefined {
  if (seen.has(configPath)) return undefined;
  seen.add(configPath);
  const parsed = parseConfig(configPath);
  if (includedFiles(configPath).has(filePath)) return configPath;
  for (const reference of parsed.projectReferences ?? []) {
    const referenced = ts.resolveProjectReferencePath(reference);
    const found = ts.sys.fileExists(referenced) ? projectIncluding(referenced, filePath, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}

function createProgram(configPath: string, filePath: string, text: string, oldProgram: ts.Program | undefined): ts.Program {
  const parsed = parseConfig(configPath);
  const host = ts.createCompilerHost(parsed.options, true);
  // As tsc does: JSDoc is parsed only where it can change a type (JavaScript files). Nothing here
  // reads comments as JSDoc, and skipping it takes a fifth off parsing a documented project.
  // (TypeScript 5.2, the oldest supported, has no such mode and parses everything.)
  if ('JSDocParsingMode' in ts) host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (path.resolve(fileName) === filePath) {
      return ts.createSourceFile(fileName, text, languageVersion, true, scriptKindOf(fileName));
    }
    const cached = sourceFiles.get(fileName);
    if (cached) return cached;
    const sourceFile = readSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (sourceFile) sourceFiles.set(fileName, sourceFile);
    return sourceFile;
  };
  // A referenced project's imports otherwise resolve to its built .d.ts output, which a monorepo
  // being migrated usually has not built: its types would be missing and its resources unseen.
  // tsserver reads the referenced sources instead through this (CompilerHost-internal) hook.
  Object.assign(host, { useSourceOfProjectReferenceRedirect: () => true });
  const rootNames = includedFiles(configPath).has(filePath)
    ? parsed.fileNames
    : [...parsed.fileNames, filePath];
  return ts.createProgram({
    rootNames,
    options: parsed.options,
    host,
    ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
    ...(oldProgram ? { oldProgram } : {}),
  });
}

/** Each file is parsed by its own extension, whatever jscodeshift's `--parser` says. */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  const extension = path.extname(fileName).toLowerCase();
  switch (extension) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    case '.jsx':
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.TS;
  }
}
