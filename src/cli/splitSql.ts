/**
 * Finds where statements end in text typed or piped into the shell: at a `;` token of the SQL
 * lexer, so never inside a string ('…'), a quoted identifier ("…", […], `…`) or a comment (-- …,
 * /* … *\/). It does not parse SQL — the connection does that — it only has to know when a
 * statement is complete.
 */
import { scan } from '../sql/lexer';

export interface SplitResult {
  /** Complete statements, trimmed, without their `;`; statements that are only comments are left out. */
  statements: string[];
  /** Text after the last `;` (an unfinished statement), untrimmed. */
  rest: string;
  /** True when `rest` ends inside a string, quoted identifier or block comment. */
  open: boolean;
  /** True when `rest` holds nothing but whitespace and comments. */
  restIsBlank: boolean;
}

export function splitSql(text: string): SplitResult {
  const { tokens, unterminated } = scan(text);
  const statements: string[] = [];
  let start = 0;
  // Whether the current statement has anything besides whitespace and comments.
  let substantive = false;
  for (const t of tokens) {
    if (t.kind === 'op' && t.text === ';') {
      if (substantive) statements.push(text.slice(start, t.start).trim());
      start = t.end;
      substantive = false;
    } else if (t.kind !== 'comment') {
      substantive = true;
    }
  }
  if (unterminated && !unterminated.comment) substantive = true;
  return { statements, rest: text.slice(start), open: unterminated !== undefined, restIsBlank: !substantive };
}
