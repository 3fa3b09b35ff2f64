/**
 * Finds where statements end in text typed or piped into the shell: at a `;` that is not inside a
 * string ('…'), a quoted identifier ("…", […], `…`) or a comment (-- …, /* … *\/). It does not
 * parse SQL — the connection does that — it only has to know when a statement is complete.
 */

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

type State = 'code' | 'string' | 'dquote' | 'bracket' | 'backtick' | 'line-comment' | 'block-comment';

const CLOSERS: Partial<Record<State, string>> = { string: "'", dquote: '"', bracket: ']', backtick: '`' };

export function splitSql(text: string): SplitResult {
  const statements: string[] = [];
  let state: State = 'code';
  let start = 0;
  // Whether the current statement has anything besides whitespace and comments.
  let substantive = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    switch (state) {
      case 'code':
        if (c === ';') {
          if (substantive) statements.push(text.slice(start, i).trim());
          start = i + 1;
          substantive = false;
        } else if (c === '-' && next === '-') {
          state = 'line-comment';
          i++;
        } else if (c === '/' && next === '*') {
          state = 'block-comment';
          i++;
        } else if (!/\s/.test(c)) {
          substantive = true;
          if (c === "'") state = 'string';
          else if (c === '"') state = 'dquote';
          else if (c === '[') state = 'bracket';
          else if (c === '`') state = 'backtick';
        }
        break;
      case 'line-comment':
        if (c === '\n') state = 'code';
        break;
      case 'block-comment':
        if (c === '*' && next === '/') {
          state = 'code';
          i++;
        }
        break;
      default: {
        // Inside quotes: a doubled closing quote ('' "" ]] ``) is an escaped quote character.
        const closer = CLOSERS[state];
        if (c === closer) {
          if (next === closer) i++;
          else state = 'code';
        }
      }
    }
  }
  const open = state !== 'code' && state !== 'line-comment';
  return { statements, rest: text.slice(start), open, restIsBlank: !substantive };
}
