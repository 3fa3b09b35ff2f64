/**
 * A lexer for the PostgreSQL dialect that clients send to `bcsql serve`.
 *
 * The provider's own lexer (src/sql/lexer.ts) reads the provider's dialect; PostgreSQL text has
 * dollar-quoted strings, E'…' escapes, `$1` parameters, `::` casts and nested comments, which
 * matter for three jobs here: splitting a simple-query string at its semicolons, deciding which
 * engine a statement goes to, and rewriting PostgreSQL-isms for the provider. It never throws:
 * an unterminated string or comment runs to the end and PostgreSQL (or the provider) reports it.
 */

export type PgTokenKind =
  /** Unquoted word: keyword or identifier. */
  | 'word'
  /** `"x"`; `value` is the name without quotes. */
  | 'quoted'
  /** `'x'`, `E'x'`, `$tag$x$tag$` …; `value` is the text. */
  | 'string'
  | 'number'
  /** `$1`; `value` is the number as a string ("1"). */
  | 'param'
  /** Operators (`::`, `=`, `<>`, `~*` …) and punctuation (`(`, `)`, `,`, `;`, `.`, `[`, `]`). */
  | 'op'
  | 'comment';

export interface PgToken {
  kind: PgTokenKind;
  /** Exactly as written. */
  text: string;
  start: number;
  end: number;
  value: string;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`?';
const PUNCTUATION = '(),;.[]:';

export function pgTokenize(sql: string): PgToken[] {
  const tokens: PgToken[] = [];
  let i = 0;
  const push = (kind: PgTokenKind, end: number, value: string): void => {
    tokens.push({ kind, text: sql.slice(i, end), start: i, end, value });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      push('comment', nl < 0 ? sql.length : nl, '');
    } else if (c === '/' && next === '*') {
      push('comment', blockCommentEnd(sql, i), '');
    } else if (c === "'") {
      const [end, value] = quoted(sql, i, "'", false);
      push('string', end, value);
    } else if ((c === 'E' || c === 'e') && next === "'") {
      const [end, value] = quoted(sql, i + 1, "'", true);
      push('string', end, value);
    } else if (/[BbXxNn]/.test(c) && next === "'") {
      const [end, value] = quoted(sql, i + 1, "'", false);
      push('string', end, value);
    } else if ((c === 'U' || c === 'u') && next === '&' && sql[i + 2] === "'") {
      const [end, value] = quoted(sql, i + 2, "'", false);
      push('string', end, value);
    } else if (c === '"') {
      const [end, value] = quoted(sql, i, '"', false);
      push('quoted', end, value);
    } else if (c === '$' && /[0-9]/.test(next ?? '')) {
      let end = i + 1;
      while (end < sql.length && /[0-9]/.test(sql[end])) end++;
      push('param', end, sql.slice(i + 1, end));
    } else if (c === '$' && dollarTagAt(sql, i) !== null) {
      const tag = dollarTagAt(sql, i)!;
      const close = sql.indexOf(tag, i + tag.length);
      const end = close < 0 ? sql.length : close + tag.length;
      push('string', end, sql.slice(i + tag.length, close < 0 ? sql.length : close));
    } else if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && IDENT_PART.test(sql[end])) end++;
      push('word', end, sql.slice(i, end));
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(sql)!;
      push('number', i + m[0].length, m[0]);
    } else if (c === ':' && next === ':') {
      push('op', i + 2, '::');
    } else if (PUNCTUATION.includes(c)) {
      push('op', i + 1, c);
    } else if (OPERATOR_CHARS.includes(c)) {
      let end = i + 1;
      // An operator run stops before a comment start, as PostgreSQL's scanner does.
      while (
        end < sql.length &&
        OPERATOR_CHARS.includes(sql[end]) &&
        !sql.startsWith('--', end) &&
        !sql.startsWith('/*', end)
      ) {
        end++;
      }
      push('op', end, sql.slice(i, end));
    } else {
      push('op', i + 1, c);
    }
  }
  return tokens;
}

function dollarTagAt(sql: string, i: number): string | null {
  DOLLAR_TAG.lastIndex = i;
  const m = DOLLAR_TAG.exec(sql);
  return m ? m[0] : null;
}

/** Block comments nest in PostgreSQL. */
function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** A quoted run from `open`; a doubled quote stands for one, and with `backslash` so does \x. */
function quoted(sql: string, open: number, q: string, backslash: boolean): [number, string] {
  let value = '';
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslash && c === '\\' && i + 1 < sql.length) {
      value += sql[i + 1];
      i += 2;
    } else if (c === q) {
      if (sql[i + 1] === q) {
        value += q;
        i += 2;
      } else {
        return [i + 1, value];
      }
    } else {
      value += c;
      i++;
    }
  }
  return [sql.length, value];
}

/** The tokens of a statement without comments. */
export function codeTokens(sql: string): PgToken[] {
  return pgTokenize(sql).filter((t) => t.kind !== 'comment');
}

/** True for an unquoted word equal to one of `words` (case-insensitive). */
export function isKeyword(t: PgToken | undefined, ...words: string[]): boolean {
  return !!t && t.kind === 'word' && words.includes(t.text.toUpperCase());
}

export function isOp(t: PgToken | undefined, ...ops: string[]): boolean {
  return !!t && t.kind === 'op' && ops.includes(t.text);
}

/** An identifier's name as PostgreSQL resolves it: quoted as written, unquoted folded to lower case. */
export function identName(t: PgToken): string {
  return t.kind === 'quoted' ? t.value : t.value.toLowerCase();
}

/**
 * Splits a simple-query string into statements at top-level semicolons (never inside strings,
 * quoted names or comments). Statements that hold only whitespace and comments are dropped.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let from = 0;
  let hasCode = false;
  for (const t of pgTokenize(sql)) {
    if (t.kind === 'op' && t.text === ';') {
      if (hasCode) out.push(sql.slice(from, t.start).trim());
      from = t.end;
      hasCode = false;
    } else if (t.kind !== 'comment') {
      hasCode = true;
    }
  }
  if (hasCode) out.push(sql.slice(from).trim());
  return out;
}

/** The index of the token closing the bracket opened at `open`, or -1 when it is never closed. */
export function closingBracket(t: readonly PgToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < t.length; k++) {
    if (isOp(t[k], '(', '[')) depth++;
    else if (isOp(t[k], ')', ']') && --depth === 0) return k;
  }
  return -1;
}

/** Tokens split at commas outside brackets (an argument or option list). */
export function splitAtCommas(t: readonly PgToken[]): PgToken[][] {
  if (t.length === 0) return [];
  const parts: PgToken[][] = [[]];
  let depth = 0;
  for (const x of t) {
    if (isOp(x, '(', '[')) depth++;
    else if (isOp(x, ')', ']')) depth--;
    if (depth === 0 && isOp(x, ',')) parts.push([]);
    else parts[parts.length - 1].push(x);
  }
  return parts;
}
