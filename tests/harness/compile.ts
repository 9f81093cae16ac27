import ts from 'typescript';

export class CompileError extends Error {
  override name = 'CompileError';
}

// ES2022 is below ESNext, so TypeScript lowers `using`/`await using` to its
// `__addDisposableResource`/`__disposeResources` helpers, which Node 20 can run (it has no native
// `using`). The lowering depends on `target` only: `transpileModule` never reads `lib`.
// esModuleInterop makes `import pg from 'pg'` work against the plain-object fake modules.
const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
};

/**
 * TypeScript (or JavaScript) source → CommonJS JavaScript for the sandbox. Syntax errors throw a
 * `CompileError` listing each as `file:line:col: message`. Type errors are not checked.
 */
export function compile(tsSource: string, fileName = 'program.ts'): string {
  const result = ts.transpileModule(tsSource, { compilerOptions, fileName, reportDiagnostics: true });
  const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new CompileError(`${fileName} does not compile:\n${errors.map((d) => formatDiagnostic(d, fileName)).join('\n')}`);
  }
  return result.outputText;
}

function formatDiagnostic(diagnostic: ts.Diagnostic, fileName: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `${fileName}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const sourceLine = diagnostic.file.text.split('\n')[line] ?? '';
  return `${fileName}:${line + 1}:${character + 1}: TS${diagnostic.code}: ${message}\n  ${sourceLine}\n  ${' '.repeat(character)}^`;
}
