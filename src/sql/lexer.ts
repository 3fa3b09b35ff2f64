/**
 * A small SQL lexer shared by the procedure-call recogniser, the SELECT rewriter and the shell's
 * statement splitter.
 *
 * It exists because node-sql-parser's transactsql dialect differs from SQLite in how it reads
 * quotes and placeholders, and because the parser's AST carries no positions: knowing where every
 * token starts lets us rewrite text for the parser, rewrite `TOP n` for SQLite, and point error
 * messages at the right character.
 */
import { sqlSyntaxError } from './sqlErrors';

export type TokenKind =
  /** A bare word: keyword or identifier (the lexer does not tell them apart). */
  | 'ident'
  /** `[x]`, `"x"` or `` `x` ``; `value` is the name without quotes. */
  | 'quoted'
  /** `'x'` or `N'x'`; `value` is the unescaped text. */
  | 'string'
  /** `X'0A'` blob literal; `value` is the hex digits. */
  | 'blob'
  /** Decimal, exponent or hex number; `value` is its numeric value. */
  | 'number'
  /** `?` (or `?NNN`, which `text` shows). */
  | 'qmark'
  /** `@name` or `:name`; `value` is the name without the prefix. */
  | 'named'
  /** Operators and punctuation, including characters SQL does not know (the parser rejects them). */
  | 'op'
  | 'comment';

export interface Token {
  kind: TokenKind;
  /** The token exactly as written. */
  text: string;
  /** 0-based offsets into the SQL text; `end` is exclusive. */
  start: number;
  end: number;
  value: string | number;
  /** `"`, `[` or `` ` `` for quoted identifiers; `N` for N'…' strings. */
  quote?: string;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
// Longest first, so `->>` wins over `->` and `<=` over `<`.
const OPERATORS = ['->>', '->', '<>', '<=', '>=', '!=', '==', '||', '<<', '>>'];

/** An unclosed string, quoted name or block comment at the end of the text. */
export interface Unterminated {
  /** Offset of the opening quote or `/*`. */
  offset: number;
  message: string;
  comment: boolean;
}

export function tokenize(sql: string): Token[] {
  const { tokens, unterminated } = scan(sql);
  if (unterminated) throw sqlSyntaxError(sql, unterminated.offset, unterminated.message);
  return tokens;
}

/**
 * The tokens, stopping at an unclosed string, quoted name or block comment rather than throwing:
 * for text still being typed, where that only means "not finished yet".
 */
export function scan(sql: string): { tokens: Token[]; unterminated?: Unterminated } {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value: string | number, quote?: string): void => {
    const token: Token = { kind, text: sql.slice(i, end), start: i, end, value };
    if (quote) token.quote = quote;
    tokens.push(token);
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    const q = quoteAt(sql, i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      push('comment', nl < 0 ? sql.length : nl, '');
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) {
        return {
          tokens,
          unterminated: { offset: i, message: 'unterminated /* comment; close it with */', comment: true },
        };
      }
      push('comment', close + 2, '');
    } else if (q) {
      const read = readQuoted(sql, q.open, q.close);
      if (!read) {
        const message = `unterminated ${q.what}; close it with ${q.close}`;
        return { tokens, unterminated: { offset: q.open, message, comment: false } };
      }
      push(q.kind, read[0], read[1], q.quote);
    } else if (IDENT_START.test(c)) {
      push('ident', identEnd(sql, i + 1), sql.slice(i, identEnd(sql, i + 1)));
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(sql)!;
      const text = m[0];
      push('number', i + text.length, /^0x/i.test(text) ? parseInt(text.slice(2), 16) : Number(text));
    } else if (c === '?') {
      let end = i + 1;
      while (end < sql.length && /[0-9]/.test(sql[end])) end++;
      push('qmark', end, sql.slice(i, end));
    } else if ((c === '@' || c === ':') && next !== undefined && IDENT_START.test(next)) {
      const end = identEnd(sql, i + 2);
      push('named', end, sql.slice(i + 1, end));
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i)) ?? c;
      push('op', i + op.length, op);
    }
  }
  return { tokens };
}

interface QuoteStart {
  kind: TokenKind;
  /** Offset of the opening quote (after the N or X prefix). */
  open: number;
  close: string;
  what: string;
  quote?: string;
}

/** The quoted run (string, blob, quoted or bracketed name) that starts at `i`, if one does. */
function quoteAt(sql: string, i: number): QuoteStart | undefined {
  const c = sql[i];
  const prefixed = sql[i + 1] === "'";
  if (c === "'") return { kind: 'string', open: i, close: "'", what: 'string' };
  if ((c === 'N' || c === 'n') && prefixed)
    return { kind: 'string', open: i + 1, close: "'", what: 'string', quote: 'N' };
  if ((c === 'X' || c === 'x') && prefixed)
    return { kind: 'blob', open: i + 1, close: "'", what: 'blob literal' };
  if (c === '"' || c === '`')
    return { kind: 'quoted', open: i, close: c, what: 'quoted identifier', quote: c };
  if (c === '[') return { kind: 'quoted', open: i, close: ']', what: 'bracketed identifier', quote: '[' };
  return undefined;
}

function identEnd(sql: string, from: number): number {
  let end = from;
  while (end < sql.length && IDENT_PART.test(sql[end])) end++;
  return end;
}

/** Reads a quoted run starting at `open` (a doubled closing quote stands for one); undefined if it never closes. */
function readQuoted(sql: string, open: number, close: string): [number, string] | undefined {
  let value = '';
  let i = open + 1;
  for (;;) {
    const j = sql.indexOf(close, i);
    if (j < 0) return undefined;
    value += sql.slice(i, j);
    if (sql[j + 1] !== close) return [j + 1, value];
    value += close;
    i = j + 2;
  }
}

/** True for an unquoted word equal to `word` (case-insensitive). */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  if (!token || token.kind !== 'ident') return false;
  const upper = token.text.toUpperCase();
  return words.includes(upper);
}

export function isOp(token: Token | undefined, ...ops: string[]): boolean {
  return !!token && token.kind === 'op' && ops.includes(token.text);
}
