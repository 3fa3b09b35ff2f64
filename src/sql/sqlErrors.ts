/** SqlError builders that point at a place in the statement text. */
import { SqlError, type ErrorCode } from '../errors';
import type { Token } from './lexer';

export interface SourcePosition {
  /** 1-based character position. */
  position: number;
  line: number;
  column: number;
}

export function locate(sql: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, sql.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (sql[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { position: clamped + 1, line, column: clamped - lineStart + 1 };
}

/** "position 12", or "position 40 (line 2, column 5)" when the statement spans lines. */
export function describeOffset(sql: string, offset: number): string {
  const at = locate(sql, offset);
  return sql.includes('\n')
    ? `position ${at.position} (line ${at.line}, column ${at.column})`
    : `position ${at.position}`;
}

/**
 * ERR_SQL_SYNTAX: "<message> at position P[; <hint>]"; `position`, `line` and `column` are fields
 * too, so tools can underline the spot.
 */
export function sqlSyntaxError(sql: string, offset: number, message: string, hint?: string): SqlError {
  return positioned('ERR_SQL_SYNTAX', sql, offset, message, hint);
}

/** ERR_NOT_SUPPORTED: understood, but not something the provider does. */
export function notSupportedError(sql: string, offset: number, message: string, hint?: string): SqlError {
  return positioned('ERR_NOT_SUPPORTED', sql, offset, message, hint);
}

/** ERR_STATEMENT_TOO_COMPLEX: deeper or longer than the parser and SQLite can take. */
export function tooComplexError(sql: string, offset: number, message: string, hint?: string): SqlError {
  return positioned('ERR_STATEMENT_TOO_COMPLEX', sql, offset, message, hint);
}

function positioned(code: ErrorCode, sql: string, offset: number, message: string, hint?: string): SqlError {
  const text = `${message} at ${describeOffset(sql, offset)}${hint ? `; ${hint}` : ''}`;
  return new SqlError(code, text, { ...locate(sql, offset) });
}

/**
 * A token as an error message shows it. String literals are not quoted back: they may be
 * verifier codes, tokens or secrets passed as procedure arguments.
 */
export function describeToken(t: Token | undefined): string {
  if (!t) return 'end of input';
  if (t.kind === 'string') return 'a string literal';
  if (t.kind === 'blob') return 'a blob literal';
  return `"${t.text.length > 40 ? t.text.slice(0, 40) + '…' : t.text}"`;
}
