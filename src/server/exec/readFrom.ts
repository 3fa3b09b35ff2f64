/**
 * Reads, from the tokens of a PostgreSQL statement, where store tables are used: each FROM
 * item that names one, its alias, the other items of the same FROM list, and the top-level AND
 * terms of the WHERE and JOIN … ON conditions of that SELECT block. It only has to be right
 * about what it claims (PostgreSQL runs the statement itself); anything it cannot read leaves a
 * table without pushdown, which costs requests, never rows.
 */
import { isKeyword, isOp, type PgToken } from '../pgLexer';

/** A half-open token range [from, to). */
export interface Span {
  from: number;
  to: number;
}

export interface TableUse {
  /** The table's name as the statement resolves it (quoted as written, unquoted folded). */
  name: string;
  /** The name columns are qualified with: the alias, else the table name. */
  qualifier: string;
  /** The block's FROM list has only this item, so unqualified columns are this table's. */
  alone: boolean;
  /** Terms true of every row that matters from this table: WHERE terms and usable ON terms. */
  terms: Span[];
  /** The statement is one SELECT over this table alone, so a LIMIT may be passed on. */
  block: { from: number; to: number; where: Span | null };
}

const FROM_END = ['WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR', 'UNION', 'EXCEPT', 'INTERSECT', 'RETURNING']; // prettier-ignore
const WHERE_END = ['GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR', 'UNION', 'EXCEPT', 'INTERSECT']; // prettier-ignore
const JOIN_WORDS = ['OUTER', 'INNER', 'NATURAL', 'LEFT', 'RIGHT', 'FULL', 'CROSS'];
const NOT_ALIAS = new Set([...FROM_END, 'ON', 'USING', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'LATERAL', 'TABLESAMPLE', 'OUTER']); // prettier-ignore

/** Depth of each token inside parentheses, and each parenthesis' partner. */
export function nesting(t: PgToken[]): { depth: number[]; partner: number[] } {
  const depth: number[] = [];
  const partner: number[] = new Array<number>(t.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (isOp(t[i], ')') && open.length) {
      const o = open.pop()!;
      partner[o] = i;
      partner[i] = o;
    }
    depth.push(open.length);
    if (isOp(t[i], '(')) open.push(i);
  }
  return { depth, partner };
}

/** Every FROM list of the statement with the store tables in it (`isStore` decides by resolved name). */
export function readTableUses(t: PgToken[], isStore: (name: string) => boolean): TableUse[] {
  const { depth } = nesting(t);
  const uses: TableUse[] = [];
  for (let i = 0; i < t.length; i++) {
    if (!isKeyword(t[i], 'FROM') || precededByWord(t, i, 'DISTINCT', 'EXTRACT', 'SUBSTRING', 'TRIM', 'OVERLAY', 'POSITION')) continue; // prettier-ignore
    const d = depth[i];
    const fromEnd = scanTo(t, depth, i + 1, d, FROM_END);
    const where = isKeyword(t[fromEnd], 'WHERE') ? { from: fromEnd + 1, to: scanTo(t, depth, fromEnd + 1, d, WHERE_END) } : null; // prettier-ignore
    const block = { from: blockStart(t, depth, i), to: scanTo(t, depth, i, d, []), where };
    uses.push(...readFromList(t, depth, { from: i + 1, to: fromEnd }, where, block, isStore));
  }
  return uses;
}

/** FROM … inside EXTRACT(x FROM y) and friends is not a FROM clause. */
function precededByWord(t: PgToken[], i: number, ...words: string[]): boolean {
  let j = i - 1;
  let depth = 0;
  for (; j >= 0; j--) {
    if (isOp(t[j], ')')) depth++;
    else if (isOp(t[j], '(')) {
      if (depth === 0) return isKeyword(t[j - 1], ...words);
      depth--;
    } else if (depth === 0 && isKeyword(t[j], 'SELECT')) return false;
  }
  return false;
}

/** The first index from `i` at depth `d` holding one of `words`, a closing parenthesis or `;`. */
function scanTo(t: PgToken[], depth: number[], i: number, d: number, words: string[]): number {
  for (; i < t.length; i++) {
    if (depth[i] < d || (depth[i] === d && isOp(t[i], ';'))) return i;
    if (depth[i] === d && words.length && isKeyword(t[i], ...words)) return i;
  }
  return t.length;
}

function blockStart(t: PgToken[], depth: number[], i: number): number {
  const d = depth[i];
  for (let j = i; j >= 0; j--) if (depth[j] === d && isKeyword(t[j], 'SELECT')) return j;
  return 0;
}

interface Item {
  start: number;
  end: number;
  /** How the item joined the list: ',' / CROSS for the first too. */
  join: 'first' | 'comma' | 'inner' | 'left' | 'other';
  on: Span | null;
}

function readFromList(
  t: PgToken[],
  depth: number[],
  span: Span,
  where: Span | null,
  block: TableUse['block'],
  isStore: (name: string) => boolean,
): TableUse[] {
  const items = splitItems(t, depth, span);
  const outer = items.some((it) => it.join === 'other');
  const whereTerms = where ? andTerms(t, depth, where) : [];
  const out: TableUse[] = [];
  for (const it of items) {
    const named = tableName(t, it);
    if (!named || !isStore(named.name)) continue;
    const terms = [...whereTerms];
    // ON terms hold for the rows that matter of an inner join's tables and of a LEFT JOIN's right side.
    if (!outer) {
      for (const other of items) {
        if (other.on && (other.join === 'inner' || other === it)) terms.push(...andTerms(t, depth, other.on));
      }
    }
    out.push({ ...named, alone: items.length === 1, terms, block });
  }
  return out;
}

function splitItems(t: PgToken[], depth: number[], span: Span): Item[] {
  const d = depth[span.from] ?? 0;
  const items: Item[] = [];
  let cur: Item = { start: span.from, end: span.to, join: 'first', on: null };
  const next = (at: number, join: Item['join'], start: number): void => {
    cur.end = Math.min(cur.end, at);
    if (cur.on) cur.on.to = at;
    items.push(cur);
    cur = { start, end: span.to, join, on: null };
  };
  for (let i = span.from; i < span.to; i++) {
    if (depth[i] !== d) continue;
    if (isOp(t[i], ',')) next(i, 'comma', i + 1);
    else if (isKeyword(t[i], 'JOIN')) {
      let k = i - 1;
      while (isKeyword(t[k], ...JOIN_WORDS)) k--;
      const words = t.slice(k + 1, i).map((w) => w.text.toUpperCase());
      const kind = words.includes('NATURAL') || words.some((w) => ['RIGHT', 'FULL', 'CROSS'].includes(w))
        ? 'other'
        : words.includes('LEFT') ? 'left' : 'inner'; // prettier-ignore
      next(k + 1, kind, i + 1);
    } else if (isKeyword(t[i], 'ON') && cur.join !== 'first') {
      cur.on = { from: i + 1, to: span.to };
      cur.end = i;
    } else if (isKeyword(t[i], 'USING') && cur.join !== 'first') cur.end = i;
  }
  items.push(cur);
  return items;
}

/** `[schema.]table [AS] [alias]` with nothing else: the store table an item names. */
function tableName(t: PgToken[], it: Item): { name: string; qualifier: string } | null {
  let i = it.start;
  if (isKeyword(t[i], 'ONLY')) i++;
  if (isName(t[i]) && isOp(t[i + 1], '.')) {
    if (!['public', 'bigcommerce'].includes(resolved(t[i]))) return null;
    i += 2;
  }
  if (!isName(t[i]) || isOp(t[i + 1], '(')) return null;
  const name = resolved(t[i]);
  let j = i + 1;
  if (isKeyword(t[j], 'AS')) j++;
  let qualifier = name;
  if (j < it.end && isName(t[j]) && !(t[j].kind === 'word' && NOT_ALIAS.has(t[j].text.toUpperCase()))) {
    qualifier = resolved(t[j]);
    j++;
  }
  return j === it.end ? { name, qualifier } : null;
}

export function isName(t: PgToken | undefined): t is PgToken {
  return !!t && (t.kind === 'word' || t.kind === 'quoted');
}

export function resolved(t: PgToken): string {
  return t.kind === 'quoted' ? t.value : t.value.toLowerCase();
}

/** The top-level AND terms of a condition; none when it has a top-level OR (nothing then holds for every row). */
export function andTerms(t: PgToken[], depth: number[], span: Span): Span[] {
  const d = depth[span.from] ?? 0;
  const terms: Span[] = [];
  let start = span.from;
  let between = false;
  for (let i = span.from; i < span.to; i++) {
    if (depth[i] !== d) continue;
    if (isKeyword(t[i], 'OR')) return [];
    if (isKeyword(t[i], 'BETWEEN')) between = true;
    else if (isKeyword(t[i], 'AND')) {
      if (between) between = false;
      else {
        terms.push({ from: start, to: i });
        start = i + 1;
      }
    }
  }
  if (start < span.to) terms.push({ from: start, to: span.to });
  return terms;
}
