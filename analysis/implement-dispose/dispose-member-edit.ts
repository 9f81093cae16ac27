import { ts } from '../typescript.js';
import type { TextEdit } from '../text-edit.js';
import { indentationAt, startsLine, usesSemicolons } from '../rewrite/text.js';
import type { ClassMember } from './class-members.js';

/**
 * The insertion that adds the dispose member right after the cleanup method, at the method's
 * indentation, with the file's line break and semicolon style. The member has a return type
 * annotation when the cleanup method has one.
 */
export function disposeMemberEdit(classNode: ts.ClassLikeDeclaration, cleanup: ClassMember, cleanupName: string, isAsync: boolean): TextEdit {
  const sourceFile = classNode.getSourceFile();
  const text = sourceFile.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  let end = cleanup.getEnd();
  // Keep a comment that trails the method on its last line with the method.
  for (const comment of ts.getTrailingCommentRanges(text, end) ?? []) {
    if (text.slice(end, comment.pos).includes('\n')) break;
    end = comment.end;
  }
  const classIndent = indentationAt(text, classNode.getStart(sourceFile));
  const memberStart = cleanup.getStart(sourceFile);
  const memberIndent = startsLine(text, memberStart) ? indentationAt(text, memberStart) : `${classIndent}  `;
  const unit = indentUnit(text, cleanup, memberIndent, classIndent, sourceFile);
  const blankLine = separatedByBlankLines(classNode, cleanup, text);
  const semicolon = usesSemicolons(bodyStatements(cleanup), text) ? ';' : '';
  const annotated = cleanup.type !== undefined || (ts.isPropertyDeclaration(cleanup) && hasReturnType(cleanup.initializer));
  const header = isAsync
    ? `async [Symbol.asyncDispose]()${annotated ? ': Promise<void>' : ''}`
    : `[Symbol.dispose]()${annotated ? ': void' : ''}`;
  const call = `${isAsync ? 'await ' : ''}this.${cleanupName}()${semicolon}`;
  const member = `${memberIndent}${header} {${newline}${memberIndent}${unit}${call}${newline}${memberIndent}}`;
  return { start: end, end, text: `${newline}${blankLine ? newline : ''}${member}` };
}

/** One level of indentation, as the method's body or the class's members use it. */
function indentUnit(text: string, cleanup: ClassMember, memberIndent: string, classIndent: string, sourceFile: ts.SourceFile): string {
  const body = ts.isMethodDeclaration(cleanup) ? cleanup.body : undefined;
  const first = body?.statements[0];
  if (first && startsLine(text, first.getStart(sourceFile))) {
    const inner = indentationAt(text, first.getStart(sourceFile));
    if (inner.startsWith(memberIndent) && inner.length > memberIndent.length) return inner.slice(memberIndent.length);
  }
  if (memberIndent.startsWith(classIndent) && memberIndent.length > classIndent.length) return memberIndent.slice(classIndent.length);
  return memberIndent.includes('\t') ? '\t' : '  ';
}

/** Whether the class separates its members with blank lines (judged next to the cleanup method). */
function separatedByBlankLines(classNode: ts.ClassLikeDeclaration, cleanup: ClassMember, text: string): boolean {
  const members = classNode.members;
  const index = members.indexOf(cleanup);
  const next = members[index + 1];
  const previous = members[index - 1];
  const gap = next ? text.slice(cleanup.getEnd(), next.getStart()) : previous ? text.slice(previous.getEnd(), cleanup.getStart()) : undefined;
  if (gap === undefined) return true;
  return /\n[ \t]*\r?\n/.test(gap);
}

/** The statements of the cleanup method's body, by which the new member's style is measured. */
function bodyStatements(cleanup: ClassMember): readonly ts.Statement[] {
  const body = ts.isMethodDeclaration(cleanup)
    ? cleanup.body
    : cleanup.initializer && (ts.isArrowFunction(cleanup.initializer) || ts.isFunctionExpression(cleanup.initializer))
      ? cleanup.initializer.body
      : undefined;
  return body && ts.isBlock(body) ? body.statements : [];
}

function hasReturnType(initializer: ts.Expression | undefined): boolean {
  return initializer !== undefined && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) && initializer.type !== undefined;
}
