import { ts } from '../typescript.js';

export function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

/** The whitespace before the first token on the line that contains `position`. */
export function indentationAt(text: string, position: number): string {
  const start = lineStart(text, position);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** Where the line containing `position` ends, past its line break. */
export function lineEndAfter(text: string, position: number): number {
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline + 1;
}

/** Whether only whitespace stands between `position` and the start of its line. */
export function startsLine(text: string, position: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, position), position));
}

/** Whether only whitespace stands between `position` and the end of its line. */
export function endsLine(text: string, position: number): boolean {
  const end = text.indexOf('\n', position);
  return /^[ \t\r]*$/.test(text.slice(position, end === -1 ? text.length : end));
}

const templateRanges = new WeakMap<ts.SourceFile, readonly (readonly [number, number])[]>();

/**
 * Ranges of template literal text that span lines: changing the indentation of a line that
 * starts inside one would change the string's value. Computed once per file: every site of the
 * file is rendered against them.
 */
export function multilineTemplateRanges(sourceFile: ts.SourceFile): readonly (readonly [number, number])[] {
  const cached = templateRanges.get(sourceFile);
  if (cached) return cached;
  const ranges: [number, number][] = [];
  const text = sourceFile.text;
  const visit = (child: ts.Node): void => {
    if (
      ts.isNoSubstitutionTemplateLiteral(child) ||
      ts.isTemplateHead(child) ||
      ts.isTemplateMiddle(child) ||
      ts.isTemplateTail(child)
    ) {
      const start = child.getStart(sourceFile);
      if (text.slice(start, child.end).includes('\n')) ranges.push([start, child.end]);
    }
    child.forEachChild(visit);
  };
  if (text.includes('`')) sourceFile.forEachChild(visit);
  templateRanges.set(sourceFile, ranges);
  return ranges;
}

/** Whether a comment follows `position` on its line (a trailing comment of what ends there). */
export function hasCommentAfterOnLine(sourceFile: ts.SourceFile, position: number): boolean {
  const lineEnd = sourceFile.text.indexOf('\n', position);
  return hasCommentIn(sourceFile, position, lineEnd === -1 ? sourceFile.text.length : lineEnd);
}

/** Whether any comment lies in `[start, end)`. */
export function hasCommentIn(sourceFile: ts.SourceFile, start: number, end: number): boolean {
  const scanner = ts.createScanner(sourceFile.languageVersion, false, sourceFile.languageVariant, sourceFile.text);
  scanner.resetTokenState(start);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (scanner.getTokenStart() >= end) break;
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) return true;
  }
  return false;
}

/**
 * Whether the code ends its simple statements with semicolons, measured on the statements given
 * (a method's body, a file's): the majority of those that end a statement by their own text
 * (declarations, expressions, `return`, `throw`…; not blocks, `if`, loops, functions or classes).
 * True when there is nothing to judge by.
 */
export function usesSemicolons(statements: readonly ts.Statement[], text: string): boolean {
  let with_ = 0;
  let without = 0;
  for (const statement of statements) {
    if (isCompound(statement)) continue;
    if (text[statement.getEnd() - 1] === ';') with_++;
    else without++;
  }
  return with_ >= without;
}

/** The simple statements of a file or block, nested blocks and function bodies included. */
export function simpleStatements(root: ts.Node): ts.Statement[] {
  const found: ts.Statement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStatement(node) && !isCompound(node) && !ts.isImportDeclaration(node) && !ts.isExportDeclaration(node)) found.push(node);
    node.forEachChild(visit);
  };
  root.forEachChild(visit);
  return found;
}

function isCompound(statement: ts.Statement): boolean {
  return (
    ts.isBlock(statement) ||
    ts.isIfStatement(statement) ||
    ts.isTryStatement(statement) ||
    ts.isIterationStatement(statement, false) ||
    ts.isSwitchStatement(statement) ||
    ts.isLabeledStatement(statement) ||
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isModuleDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isEmptyStatement(statement)
  );
}

