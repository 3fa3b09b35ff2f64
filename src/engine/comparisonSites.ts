/**
 * Finds, in the SQLite text of a SELECT, every place a column is compared with something else:
 * `col op x` and `x op col` for = == <> != < <= > >=, `col [NOT] IN (x, …)` and
 * `col [NOT] BETWEEN x AND y` — in WHERE, ON, HAVING, CASE and subqueries alike. The caller
 * decides from the column's type what each `x` must mean. Token level, because the parser's AST
 * has no positions and the text SQLite runs is what gets rewritten.
 */
import { isOp, isWord, type Token } from '../sql/lexer';

/** A column reference (`Col`, `t.Col`), or MIN/MAX of one, which has the column's type. */
export interface ColumnOperand {
  qualifier: string | null;
  name: string;
}

/** What a column is compared with; `from`/`to` index the significant tokens (`to` exclusive). */
export interface ValueOperand {
  kind: 'string' | 'number' | 'keyword' | 'param' | 'expr' | 'column';
  from: number;
  to: number;
}

export interface ComparisonSite {
  column: ColumnOperand;
  values: ValueOperand[];
}

/** Placeholders that are the whole list of an IN (`x IN (?)`): an array bound there expands. */
export function listPlaceholders(toks: Token[]): number[] {
  const out: number[] = [];
  for (let k = 0; k + 3 < toks.length; k++) {
    const p = toks[k + 2];
    if (isWord(toks[k], 'IN') && isOp(toks[k + 1], '(') && isOp(toks[k + 3], ')')) {
      if (p.kind === 'qmark' || p.kind === 'named') out.push(k + 2);
    }
  }
  return out;
}

const COMPARE = ['=', '==', '<>', '!=', '<', '<=', '>', '>='];
// Operators that bind tighter than a comparison: an operand next to one is part of a larger expression.
const TIGHTER = ['||', '*', '/', '%', '+', '-', '&', '|', '<<', '>>', '~', '.', '->', '->>'];
const VALUE_KEYWORDS = ['NULL', 'TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP'];
// Words that can stand before `(` without being a function name.
const NOT_FUNCTIONS = new Set([
  'AND', 'OR', 'NOT', 'WHERE', 'ON', 'WHEN', 'THEN', 'ELSE', 'HAVING', 'SELECT', 'IN', 'EXISTS', 'CASE',
  'BY', 'AS', 'FROM', 'JOIN', 'BETWEEN', 'IS', 'LIKE', 'USING', 'VALUES', 'DISTINCT', 'ALL', 'UNION',
  'EXCEPT', 'INTERSECT', 'END', 'LIMIT', 'OFFSET', 'WITH', 'RETURN',
]); // prettier-ignore

export function comparisonSites(toks: Token[]): ComparisonSite[] {
  const sites: ComparisonSite[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind === 'op' && COMPARE.includes(t.text)) {
      const left = operandBefore(toks, k - 1);
      const right = operandAfter(toks, k + 1);
      if (!left || !right || isOp(toks[left.from - 1], ...COMPARE) || isOp(toks[right.to], ...COMPARE))
        continue;
      const lc = columnOf(toks, left);
      const rc = columnOf(toks, right);
      if (lc && !rc) sites.push({ column: lc, values: [right] });
      else if (rc && !lc) sites.push({ column: rc, values: [left] });
    } else if (isWord(t, 'IN', 'BETWEEN')) {
      const site = listOrRange(toks, k);
      if (site) sites.push(site);
    }
  }
  return sites;
}

/** `col [NOT] IN (a, b)` or `col [NOT] BETWEEN a AND b`, with `k` at IN/BETWEEN. */
function listOrRange(toks: Token[], k: number): ComparisonSite | undefined {
  const end = isWord(toks[k - 1], 'NOT') ? k - 2 : k - 1;
  const left = operandBefore(toks, end);
  const column = left && columnOf(toks, left);
  if (!column) return undefined;
  if (isWord(toks[k], 'BETWEEN')) {
    const low = operandAfter(toks, k + 1);
    if (!low || !isWord(toks[low.to], 'AND')) return undefined;
    const high = operandAfter(toks, low.to + 1);
    return high ? { column, values: [low, high] } : undefined;
  }
  if (!isOp(toks[k + 1], '(') || isWord(toks[k + 2], 'SELECT', 'WITH', 'VALUES')) return undefined;
  const values: ValueOperand[] = [];
  let at = k + 2;
  if (isOp(toks[at], ')')) return { column, values };
  for (;;) {
    const v = operandAfter(toks, at);
    if (!v) return undefined;
    values.push(v);
    if (isOp(toks[v.to], ')')) return { column, values };
    if (!isOp(toks[v.to], ',')) return undefined;
    at = v.to + 1;
  }
}

/** The operand that ends at token `j`, when it is a whole operand of a comparison. */
function operandBefore(toks: Token[], j: number): ValueOperand | undefined {
  const t = toks[j];
  if (!t) return undefined;
  let from = j;
  let kind: ValueOperand['kind'];
  if (isOp(t, ')')) {
    const open = matchingOpen(toks, j);
    if (open < 0) return undefined;
    const fn = toks[open - 1];
    from = isFunctionName(fn) ? open - 1 : open;
    kind = 'expr';
  } else if (isName(t) && isOp(toks[j - 1], '.') && isName(toks[j - 2])) {
    from = j - 2;
    kind = 'column';
  } else {
    const single = singleKind(t);
    if (!single) return undefined;
    kind = single;
    if (kind === 'number' && isOp(toks[j - 1], '-', '+') && !isValueEnd(toks[j - 2])) from = j - 1;
  }
  const before = toks[from - 1];
  if (isOp(before, ...TIGHTER) || isWord(before, 'COLLATE', 'ESCAPE')) return undefined;
  return { kind, from, to: j + 1 };
}

/** The operand that starts at token `k`, when it is a whole operand of a comparison. */
function operandAfter(toks: Token[], k: number): ValueOperand | undefined {
  const t = toks[k];
  if (!t) return undefined;
  let to = k + 1;
  let kind: ValueOperand['kind'];
  if (isOp(t, '(') || (isFunctionName(t) && isOp(toks[k + 1], '('))) {
    const open = isOp(t, '(') ? k : k + 1;
    const close = matchingClose(toks, open);
    if (close < 0) return undefined;
    to = close + 1;
    kind = 'expr';
  } else if (isOp(t, '-', '+') && toks[k + 1]?.kind === 'number') {
    to = k + 2;
    kind = 'number';
  } else if (isName(t) && isOp(toks[k + 1], '.') && isName(toks[k + 2])) {
    to = k + 3;
    kind = 'column';
  } else {
    const single = singleKind(t);
    if (!single) return undefined;
    kind = single;
  }
  const after = toks[to];
  if (isOp(after, ...TIGHTER) || isWord(after, 'COLLATE', 'ESCAPE')) return undefined;
  return { kind, from: k, to };
}

function singleKind(t: Token): ValueOperand['kind'] | undefined {
  if (t.kind === 'string') return 'string';
  if (t.kind === 'number') return 'number';
  if (t.kind === 'qmark' || t.kind === 'named') return 'param';
  if (t.kind === 'ident' && VALUE_KEYWORDS.includes(t.text.toUpperCase())) return 'keyword';
  if (t.kind === 'quoted' || (t.kind === 'ident' && !NOT_FUNCTIONS.has(t.text.toUpperCase())))
    return 'column';
  return undefined;
}

/** The column an operand names: `Col`, `t.Col`, or MIN(…)/MAX(…) of one. */
export function columnOf(toks: Token[], v: ValueOperand): ColumnOperand | undefined {
  if (v.kind === 'column') {
    const last = toks[v.to - 1];
    const qualifier = v.to - v.from === 3 ? String(toks[v.from].value) : null;
    return { qualifier, name: String(last.value) };
  }
  if (v.kind === 'expr' && isWord(toks[v.from], 'MIN', 'MAX') && isOp(toks[v.from + 1], '(')) {
    const inner = { kind: 'column' as const, from: v.from + 2, to: v.to - 1 };
    const n = inner.to - inner.from;
    const shaped = n === 1 ? isName(toks[inner.from]) : n === 3 && isOp(toks[inner.from + 1], '.');
    return shaped ? columnOf(toks, inner) : undefined;
  }
  return undefined;
}

function isName(t: Token | undefined): boolean {
  return !!t && (t.kind === 'quoted' || (t.kind === 'ident' && !NOT_FUNCTIONS.has(t.text.toUpperCase())));
}

function isFunctionName(t: Token | undefined): boolean {
  return !!t && t.kind === 'ident' && !NOT_FUNCTIONS.has(t.text.toUpperCase());
}

/** A token that ends a value, so a following `-` is binary subtraction. */
function isValueEnd(t: Token | undefined): boolean {
  return (
    !!t &&
    (t.kind !== 'op' || isOp(t, ')')) &&
    !(t.kind === 'ident' && NOT_FUNCTIONS.has(t.text.toUpperCase()))
  );
}

export function matchingClose(toks: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    if (isOp(toks[j], '(')) depth++;
    else if (isOp(toks[j], ')') && --depth === 0) return j;
  }
  return -1;
}

function matchingOpen(toks: Token[], close: number): number {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    if (isOp(toks[j], ')')) depth++;
    else if (isOp(toks[j], '(') && --depth === 0) return j;
  }
  return -1;
}
