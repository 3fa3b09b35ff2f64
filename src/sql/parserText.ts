/**
 * Builds the text handed to node-sql-parser (transactsql dialect) from the user's tokens.
 *
 * The parser's AST is used only to find tables and pushdown terms, never to run anything, so the
 * text may differ from the user's wherever transactsql reads SQLite's syntax differently:
 * - every string and number literal becomes a sentinel (`'7'`, `7`) that indexes `constants`, so
 *   values come from our lexer (transactsql mangles `\` in strings, `''`, `.5`, `1e3`, `0x1F`);
 * - `?` becomes `@__pN` (transactsql rejects `?`), `:name` becomes `@name`, and placeholders in
 *   LIMIT/OFFSET become number sentinels (transactsql wants numbers there);
 * - `"x"` and `` `x` `` become `[x]` (transactsql reads "x" as a string; users mean a column);
 * - names transactsql reserves but SQLite does not (Key, Session, GO …) are bracketed;
 * - SQLite-only syntax becomes something equivalent for analysis: `==` → `=`, INTERSECT/EXCEPT →
 *   UNION, `ISNULL`/`NOTNULL`/postfix `NOT NULL` → `IS [NOT] NULL`, NULLS FIRST/LAST and
 *   `SELECT ALL`'s ALL dropped, `IS [NOT] DISTINCT FROM` → `IS [NOT]` (meaning flipped as SQLite does);
 * - operators transactsql lacks become opaque expressions, which the analysis treats as residual
 *   (never pushed down): GLOB/REGEXP/MATCH → NOT LIKE, `LIKE p ESCAPE e` → `LIKE (p || e)`,
 *   `x COLLATE c` → `x || c`, `->`/`->>` → `||`, bitwise `& | << >>` → `+`, `~` → `0 +`; RIGHT JOIN → LEFT JOIN (only tables matter there).
 * Comments become spaces. `toOriginal` maps parser offsets back for error messages.
 */
import type { Operand } from './types';
import { isOp, isWord, type Token } from './lexer';
import type { ParserOverride } from './selectScan';

/** What a literal sentinel stands for; `opaque` (a blob) is never a pushdown constant. */
export type Constant = Operand | { kind: 'opaque' };

export interface ParserText {
  text: string;
  /** Sentinel k (1-based) → constants[k - 1]. */
  constants: Constant[];
  /** `[__qK]` → names[K]: quoted identifiers transactsql cannot take as written. */
  names: string[];
  toOriginal(offset: number): number;
}

const LIKE_OPS = ['LIKE', 'GLOB', 'REGEXP', 'MATCH'];
// Words that end a LIKE pattern expression at its own paren depth.
const PATTERN_STOP_WORDS = new Set([
  'AND', 'OR', 'ESCAPE', 'THEN', 'WHEN', 'ELSE', 'END', 'ORDER', 'GROUP', 'HAVING', 'LIMIT', 'OFFSET',
  'UNION', 'INTERSECT', 'EXCEPT', 'WINDOW', 'FROM', 'WHERE', 'AS', 'IS', 'NOT', 'IN', 'BETWEEN',
  'LIKE', 'GLOB', 'REGEXP', 'MATCH', 'ISNULL', 'NOTNULL', 'ON', 'JOIN', 'INNER', 'LEFT', 'RIGHT',
  'FULL', 'CROSS', 'ASC', 'DESC', 'NULLS',
]); // prettier-ignore
// Reserved by transactsql but plain names in SQLite and never part of a SELECT: bracketed so a
// column called Key or Session parses.
const RESERVED_NAMES = new Set([
  'KEY', 'READ', 'WRITE', 'SESSION', 'GLOBAL', 'LOCAL', 'PERSIST', 'PERSIST_ONLY', 'JSON', 'CONTAINS',
  'NOCHECK', 'LOW_PRIORITY', 'RENAME', 'SHOW', 'ADD', 'CALL', 'EXPLAIN', 'PIVOT', 'UNPIVOT',
  'SESSION_USER', 'SYSTEM_USER', 'TRUNCATE', 'GO',
]); // prettier-ignore
const PATTERN_STOP_OPS = new Set([',', ';', '=', '==', '<>', '!=', '<', '<=', '>', '>=']);
// A NOT after one of these is prefix NOT, not SQLite's postfix `x NOT NULL`.
const BEFORE_PREFIX_NOT = new Set([
  'AND', 'OR', 'NOT', 'WHERE', 'ON', 'WHEN', 'THEN', 'ELSE', 'HAVING', 'IS', 'SELECT', 'CASE',
  'DISTINCT', 'ALL', 'AS', 'BY', 'IN', 'LIKE', 'BETWEEN', 'FROM', 'EXISTS', 'ESCAPE', 'RETURN',
]); // prettier-ignore

export function buildParserText(
  sql: string,
  tokens: Token[],
  significant: Token[],
  scanOverrides: Map<number, ParserOverride>,
): ParserText {
  const overrides = new Map(scanOverrides);
  const prefix = new Map<number, string>();
  const suffix = new Map<number, string>();
  markSqliteOnlySyntax(significant, overrides, prefix, suffix);

  const constants: Constant[] = [];
  const names: string[] = [];
  const sentinel = (c: Constant): number => constants.push(c);
  let qmarks = 0;
  const qmarkIndex = new Map<Token, number>();
  for (const t of significant) if (t.kind === 'qmark') qmarkIndex.set(t, qmarks++);

  const emitToken = (t: Token, o: ParserOverride | undefined): string => {
    if (o?.kind === 'drop') return '';
    if (o?.kind === 'text') return o.text;
    if (o?.kind === 'textThenNumber') return `${o.text} ${sentinel({ kind: 'literal', value: o.value })}`;
    if (o?.kind === 'limitOperand') {
      if (t.kind === 'qmark') return String(sentinel({ kind: 'param', index: qmarkIndex.get(t)! }));
      if (t.kind === 'named') return String(sentinel({ kind: 'named', name: String(t.value) }));
    }
    switch (t.kind) {
      case 'string':
        return `'${sentinel({ kind: 'literal', value: String(t.value) })}'`;
      case 'blob':
        return `'${sentinel({ kind: 'opaque' })}'`;
      case 'number':
        return String(sentinel({ kind: 'literal', value: t.value as number }));
      case 'qmark':
        return `@__p${qmarkIndex.get(t)}`;
      case 'named':
        return `@${t.value}`;
      case 'quoted': {
        const name = String(t.value);
        if (name === '' || name.includes(']') || name.startsWith('@') || /^__q\d+$/.test(name)) {
          return `[__q${names.push(name) - 1}]`;
        }
        return `[${name}]`;
      }
      case 'ident':
        // GO included: outside T-SQL scripts it is just a name, but transactsql splits batches there.
        // Also names with $ or letters beyond the few ranges transactsql's grammar knows (Cyrillic …).
        return RESERVED_NAMES.has(t.text.toUpperCase()) || /[^A-Za-z0-9_]/.test(t.text)
          ? `[${t.text}]`
          : t.text;
      case 'op':
        if (t.text === '==') return '=';
        if (t.text === '->' || t.text === '->>') return '||';
        // Bitwise operators: any arithmetic parses the same way and is just as opaque to the analysis;
        // `~x` becomes `0 + x` (0 is never a sentinel, so `~5` does not turn into the constant 5).
        if (t.text === '&' || t.text === '|' || t.text === '<<' || t.text === '>>') return '+';
        if (t.text === '~') return '0 +';
        return t.text;
      default:
        return t.text;
    }
  };

  const map: { p: number; o: number; len: number }[] = [];
  let out = '';
  let at = 0;
  let sig = 0;
  for (const t of tokens) {
    if (t.start > at) {
      map.push({ p: out.length, o: at, len: t.start - at });
      out += sql.slice(at, t.start);
    }
    map.push({ p: out.length, o: t.start, len: t.end - t.start });
    if (t.kind === 'comment') {
      out += t.text.replace(/[^\n]/g, ' ');
    } else {
      out += (prefix.get(sig) ?? '') + emitToken(t, overrides.get(sig)) + (suffix.get(sig) ?? '');
      sig++;
    }
    at = t.end;
  }
  map.push({ p: out.length, o: at, len: sql.length - at });
  out += sql.slice(at);

  const toOriginal = (offset: number): number => {
    let lo = 0;
    let hi = map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (map[mid].p <= offset) lo = mid;
      else hi = mid - 1;
    }
    const e = map[lo];
    return e.o + Math.min(offset - e.p, e.len);
  };
  return { text: out, constants, names, toOriginal };
}

/** Adds overrides for the SQLite syntax transactsql lacks (see the file comment). */
function markSqliteOnlySyntax(
  toks: Token[],
  overrides: Map<number, ParserOverride>,
  prefix: Map<number, string>,
  suffix: Map<number, string>,
): void {
  const set = (k: number, o: ParserOverride): void => {
    if (!overrides.has(k)) overrides.set(k, o);
  };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind !== 'ident') continue;
    const word = t.text.toUpperCase();
    if (word === 'INTERSECT' || word === 'EXCEPT') set(k, { kind: 'text', text: 'UNION' });
    else if (word === 'NULLS' && isWord(toks[k + 1], 'FIRST', 'LAST')) {
      set(k, { kind: 'drop' });
      set(k + 1, { kind: 'drop' });
    } else if (word === 'ALL' && isWord(toks[k - 1], 'SELECT')) set(k, { kind: 'drop' });
    else if (word === 'COLLATE') set(k, { kind: 'text', text: '||' });
    // transactsql has no RIGHT JOIN (it reads RIGHT as an alias); the join kind does not matter here.
    else if (word === 'RIGHT' && isWord(toks[k + 1], 'JOIN', 'OUTER')) set(k, { kind: 'text', text: 'LEFT' });
    else if (word === 'ISNULL' && !isOp(toks[k + 1], '(')) set(k, { kind: 'text', text: 'IS NULL' });
    else if (word === 'NOTNULL') set(k, { kind: 'text', text: 'IS NOT NULL' });
    else if (word === 'IS' && isWord(toks[k + 1], 'DISTINCT') && isWord(toks[k + 2], 'FROM')) {
      // `IS DISTINCT FROM` is SQLite's `IS NOT`, and `IS NOT DISTINCT FROM` its `IS`.
      set(k, { kind: 'text', text: 'IS NOT' });
      set(k + 1, { kind: 'drop' });
      set(k + 2, { kind: 'drop' });
    } else if (
      word === 'IS' &&
      isWord(toks[k + 1], 'NOT') &&
      isWord(toks[k + 2], 'DISTINCT') &&
      isWord(toks[k + 3], 'FROM')
    ) {
      for (const j of [k + 1, k + 2, k + 3]) set(j, { kind: 'drop' });
    } else if (word === 'NOT' && isWord(toks[k + 1], 'NULL') && endsOperand(toks[k - 1])) {
      set(k, { kind: 'text', text: 'IS NOT' });
    } else if (LIKE_OPS.includes(word)) {
      if (word !== 'LIKE') set(k, { kind: 'text', text: isWord(toks[k - 1], 'NOT') ? 'LIKE' : 'NOT LIKE' });
      wrapPattern(toks, k, overrides, prefix, suffix);
    }
  }
}

function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'ident') return !BEFORE_PREFIX_NOT.has(t.text.toUpperCase());
  return t.kind !== 'op' || t.text === ')';
}

/**
 * transactsql takes only a primary after LIKE, so a pattern expression (`'%' || ? || '%'`) or an
 * ESCAPE clause is wrapped in parentheses; ESCAPE itself becomes `||`.
 */
function wrapPattern(
  toks: Token[],
  like: number,
  overrides: Map<number, ParserOverride>,
  prefix: Map<number, string>,
  suffix: Map<number, string>,
): void {
  let depth = 0;
  let end = like + 1;
  for (; end < toks.length; end++) {
    const t = toks[end];
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0) {
      if (t.kind === 'op' && PATTERN_STOP_OPS.has(t.text)) break;
      if (t.kind === 'ident' && PATTERN_STOP_WORDS.has(t.text.toUpperCase())) break;
    }
  }
  const first = like + 1;
  if (end === first) return;
  let last = end - 1;
  if (isWord(toks[end], 'ESCAPE') && end + 1 < toks.length) {
    if (!overrides.has(end)) overrides.set(end, { kind: 'text', text: '||' });
    last = end + 1;
  } else if (end - first === 1) {
    return;
  }
  prefix.set(first, '(' + (prefix.get(first) ?? ''));
  suffix.set(last, (suffix.get(last) ?? '') + ')');
}
