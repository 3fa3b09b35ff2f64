/**
 * Refuses, from the tokens and before any parser sees it, a statement nested or chained deeper
 * than the parser's recursion and SQLite's expression depth (1000) can take, so such a statement
 * is one clear ERR_STATEMENT_TOO_COMPLEX instead of a stack overflow or a misleading syntax error.
 */
import { isOp, isWord, type Token } from './lexer';
import { tooComplexError } from './sqlErrors';

/** Parentheses inside parentheses; real statements stay far below. */
export const MAX_NESTING = 200;
/** AND/OR terms, and arithmetic/concatenation operators: each chain is one level of SQLite's tree. */
export const MAX_CHAIN = 1000;

const ARITHMETIC = ['+', '-', '*', '/', '%', '||', '&', '|', '<<', '>>'];

export function checkComplexity(sql: string, tokens: readonly Token[]): void {
  let depth = 0;
  let logical = 0;
  let arithmetic = 0;
  for (const t of tokens) {
    if (isOp(t, '(') && ++depth > MAX_NESTING) {
      throw tooComplexError(
        sql,
        t.start,
        `the statement nests parentheses more than ${MAX_NESTING} deep`,
        'remove redundant parentheses or split the statement',
      );
    }
    if (isOp(t, ')')) depth = Math.max(0, depth - 1);
    if (isWord(t, 'AND', 'OR') && ++logical > MAX_CHAIN) {
      throw tooComplexError(
        sql,
        t.start,
        `the statement has more than ${MAX_CHAIN} AND/OR conditions`,
        'compare with a list instead, e.g. Id IN (1, 2, 3), or split the statement',
      );
    }
    if (isOp(t, ...ARITHMETIC) && ++arithmetic > MAX_CHAIN) {
      throw tooComplexError(
        sql,
        t.start,
        `the statement has more than ${MAX_CHAIN} arithmetic or || operators`,
        'split the statement',
      );
    }
  }
}
