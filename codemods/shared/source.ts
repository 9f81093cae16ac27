import { ts } from '../../analysis/typescript.js';
import { ProjectError, typedFile } from './program.js';

/** A problem with the input (it does not parse, no tsconfig), not a bug of a transform. */
export class InputError extends Error {}

export interface LoadedSource {
  readonly program: ts.Program;
  readonly sourceFile: ts.SourceFile;
  /** The text the program holds: the source without its byte-order mark. */
  readonly text: string;
  /** The byte-order mark to put back in front of the output, or ''. */
  readonly bom: string;
}

const BOM = '\uFEFF';

/**
 * A file's source in its typed program. Offsets are the program's, and TypeScript reads files
 * without their byte-order mark, so the mark is taken off here and put back on the output.
 */
export function loadTypedSource(filePath: string, source: string, tsconfig: string | undefined): LoadedSource {
  const bom = source.startsWith(BOM) ? BOM : '';
  const text = source.slice(bom.length);
  let typed;
  try {
    typed = typedFile(filePath, text, tsconfig);
  } catch (error) {
    if (error instanceof ProjectError) throw new InputError(error.message);
    throw error;
  }
  const { program, sourceFile } = typed;
  const firstError = program.getSyntacticDiagnostics(sourceFile)[0];
  if (firstError) {
    const line = sourceFile.getLineAndCharacterOfPosition(firstError.start ?? 0).line + 1;
    throw new InputError(`does not parse (line ${String(line)}): ${ts.flattenDiagnosticMessageText(firstError.messageText, ' ')}`);
  }
  return { program, sourceFile, text, bom };
}
