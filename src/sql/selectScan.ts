/**
 * Token-level rewrites of a SELECT for the two texts built from it:
 * - for SQLite, the T-SQL forms it lacks: `TOP n` becomes a LIMIT at the end of its SELECT,
 *   `OFFSET n ROWS FETCH NEXT m ROWS ONLY` becomes `LIMIT n, m`, `N'x'` becomes `'x'`,
 *   `[a]]b]` becomes `"a]b"`, and `= ANY(x)` becomes `IN (x)`;
 * - for node-sql-parser, which tokens to drop or replace (see parserText.ts), because transactsql
 *   takes neither placeholders in LIMIT nor OFFSET without FETCH.
 *
 * T-SQL semantics are kept: TOP limits the SELECT it belongs to. In an arm of a UNION that SELECT
 * is wrapped as `SELECT * FROM (… LIMIT n)`, because SQLite allows LIMIT only after the last arm.
 */
import type { Edit } from './edits';
import { isOp, isWord, type Token } from './lexer';
import { notSupportedError, sqlSyntaxError } from './sqlErrors';

/** How parserText.ts emits a token instead of its default form. */
export type ParserOverride =
  | { kind: 'drop' }
  | { kind: 'text'; text: string }
  /** A LIMIT/OFFSET operand: emitted as a number sentinel even when it is a placeholder. */
  | { kind: 'limitOperand' }
  /** Emit `text`, then a number sentinel standing for `value`. */
  | { kind: 'textThenNumber'; text: string; value: number };

export interface TopClause {
  /** Index (into the significant tokens) of the SELECT keyword. */
  select: number;
  depth: number;
  /** Operand tokens, inside the parentheses for `TOP (n)`. */
  operand: Token[];
}

export interface SelectScan {
  /** Edits that turn the user's text into what SQLite runs. */
  sqliteEdits: Edit[];
  parserOverrides: Map<number, ParserOverride>;
  tops: TopClause[];
}

const SET_OPS = ['UNION', 'INTERSECT', 'EXCEPT'];

export function scanSelect(sql: string, toks: Token[]): SelectScan {
  const depth = depths(toks);
  const scan: SelectScan = { sqliteEdits: [], parserOverrides: new Map(), tops: [] };

  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind === 'string' && t.quote === 'N') {
      scan.sqliteEdits.push({ start: t.start, end: t.start + 1, text: '' });
    } else if (t.kind === 'quoted' && t.quote === '[' && String(t.value).includes(']')) {
      // SQLite ends [names] at the first ], so T-SQL's ]] escape becomes a "double-quoted" name.
      scan.sqliteEdits.push({ start: t.start, end: t.end, text: `"${String(t.value).replace(/"/g, '""')}"` });
    } else if (isOp(t, '=') && isWord(toks[k + 1], 'ANY') && isOp(toks[k + 2], '(')) {
      // PostgreSQL's `x = ANY(list)` (drivers send arrays that way) is SQL's `x IN (list)`.
      scan.sqliteEdits.push({ start: t.start, end: toks[k + 1].end, text: 'IN' });
      scan.parserOverrides.set(k, { kind: 'drop' });
      scan.parserOverrides.set(k + 1, { kind: 'text', text: 'IN' });
    } else if (isWord(t, 'SELECT')) rewriteTop(sql, toks, depth, k, scan);
    else if (isWord(t, 'OFFSET')) rewriteOffsetFetch(toks, k, scan);
    else if ((t.kind === 'qmark' || t.kind === 'named') && isLimitOperand(toks, k)) {
      scan.parserOverrides.set(k, { kind: 'limitOperand' });
    }
  }
  return scan;
}

/** Paren depth before each token (a closing paren still counts as inside). */
function depths(toks: Token[]): number[] {
  const out: number[] = [];
  let d = 0;
  for (const t of toks) {
    out.push(d);
    if (isOp(t, '(')) d++;
    else if (isOp(t, ')')) d = Math.max(0, d - 1);
  }
  return out;
}

/** `LIMIT ?`, `OFFSET ?`, and both operands of `LIMIT ?, ?`. */
function isLimitOperand(toks: Token[], k: number): boolean {
  const prev = toks[k - 1];
  if (isWord(prev, 'LIMIT', 'OFFSET')) return true;
  return isOp(prev, ',') && isWord(toks[k - 3], 'LIMIT');
}

function isSimpleOperand(t: Token | undefined): boolean {
  return !!t && (t.kind === 'number' || t.kind === 'qmark' || t.kind === 'named');
}

function rewriteTop(sql: string, toks: Token[], depth: number[], sel: number, scan: SelectScan): void {
  let k = sel + 1;
  if (isWord(toks[k], 'DISTINCT', 'ALL')) k++;
  const top = toks[k];
  if (!isWord(top, 'TOP')) return;
  // `TOP (expr)`, `TOP 5`, `TOP ?`, `TOP @n`; anything else means a column called "top".
  let operand: Token[];
  let last: number;
  if (isOp(toks[k + 1], '(')) {
    last = matchingParen(toks, depth, k + 1);
    if (last < 0) return;
    operand = toks.slice(k + 2, last);
  } else if (isSimpleOperand(toks[k + 1])) {
    last = k + 1;
    operand = [toks[k + 1]];
  } else {
    return;
  }
  const after = toks[last + 1];
  if (isWord(after, 'PERCENT') || (isWord(after, 'WITH') && isWord(toks[last + 2], 'TIES'))) {
    throw notSupportedError(
      sql,
      after.start,
      `TOP … ${isWord(after, 'WITH') ? 'WITH TIES' : 'PERCENT'} is not supported`,
      'use TOP n or LIMIT n',
    );
  }

  const d = depth[sel];
  let end = last + 1; // first token after this SELECT's arm
  let tail = -1; // ORDER BY / LIMIT of the enclosing compound, when this is its last arm
  let limitAt = -1;
  for (; end < toks.length; end++) {
    const t = toks[end];
    if (depth[end] !== d) continue;
    if (isOp(t, ')', ';') || isWord(t, ...SET_OPS)) break;
    if (tail < 0 && isWord(t, 'ORDER', 'LIMIT', 'OFFSET')) tail = end;
    if (
      limitAt < 0 &&
      (isWord(t, 'LIMIT') || (isWord(t, 'OFFSET') && isWord(toks[end + 2], 'ROW', 'ROWS')))
    ) {
      limitAt = end;
    }
  }
  const before = toks[sel - 1];
  const compound =
    isWord(toks[end], ...SET_OPS) ||
    isWord(before, ...SET_OPS) ||
    (isWord(before, 'ALL', 'DISTINCT') && isWord(toks[sel - 2], ...SET_OPS));
  const armEnd = compound && tail >= 0 && !isWord(toks[end], ...SET_OPS) ? tail : end;
  if (!compound && limitAt >= 0) {
    throw sqlSyntaxError(
      sql,
      toks[limitAt].start,
      'this SELECT has both TOP and LIMIT/OFFSET',
      'use one of them',
    );
  }
  const movedParam = operand.find((t) => t.kind === 'qmark');
  if (movedParam && toks.slice(last + 1, armEnd).some((t) => t.kind === 'qmark')) {
    // SQLite binds `?` in text order, and better-sqlite3 binds numbered `?NNN` only by name.
    throw notSupportedError(
      sql,
      movedParam.start,
      'TOP ? cannot be moved behind the later ? placeholders of its SELECT',
      'write TOP (@n) with a named parameter, or LIMIT ? at the end',
    );
  }

  const operandText = sql.slice(toks[k + 1].start, toks[last].end);
  const dropEnd = last + 1 < toks.length ? toks[last + 1].start : toks[last].end;
  const insertAt = toks[armEnd - 1].end;
  scan.sqliteEdits.push({ start: top.start, end: dropEnd, text: '' });
  if (compound) {
    scan.sqliteEdits.push({ start: toks[sel].start, end: toks[sel].start, text: 'SELECT * FROM (' });
    scan.sqliteEdits.push({ start: insertAt, end: insertAt, text: ` LIMIT ${operandText})` });
  } else {
    scan.sqliteEdits.push({ start: insertAt, end: insertAt, text: ` LIMIT ${operandText}` });
  }
  for (let j = k; j <= last; j++) scan.parserOverrides.set(j, { kind: 'drop' });
  scan.tops.push({ select: sel, depth: d, operand });
}

function matchingParen(toks: Token[], depth: number[], open: number): number {
  for (let j = open + 1; j < toks.length; j++) {
    if (isOp(toks[j], ')') && depth[j] === depth[open] + 1) return j;
  }
  return -1;
}

/**
 * `OFFSET x ROWS [FETCH FIRST|NEXT y ROWS ONLY]` → `LIMIT x, y` (or `LIMIT x, -1`), which keeps
 * placeholders in their written order. Other shapes are left for the parser to judge.
 */
function rewriteOffsetFetch(toks: Token[], k: number, scan: SelectScan): void {
  const x = toks[k + 1];
  const rows = toks[k + 2];
  if (!isSimpleOperand(x) || !isWord(rows, 'ROW', 'ROWS')) return;
  const fetch = toks[k + 3];
  const y = toks[k + 5];
  const hasFetch =
    isWord(fetch, 'FETCH') &&
    isWord(toks[k + 4], 'FIRST', 'NEXT') &&
    isSimpleOperand(y) &&
    isWord(toks[k + 6], 'ROW', 'ROWS') &&
    isWord(toks[k + 7], 'ONLY');
  const o = scan.parserOverrides;
  o.set(k, { kind: 'text', text: 'LIMIT' });
  o.set(k + 1, { kind: 'limitOperand' });
  if (hasFetch) {
    scan.sqliteEdits.push(
      { start: toks[k].start, end: x.start, text: 'LIMIT ' },
      { start: x.end, end: y.start, text: ', ' },
      { start: y.end, end: toks[k + 7].end, text: '' },
    );
    o.set(k + 2, { kind: 'text', text: ',' });
    for (const j of [k + 3, k + 4, k + 6, k + 7]) o.set(j, { kind: 'drop' });
    o.set(k + 5, { kind: 'limitOperand' });
  } else {
    scan.sqliteEdits.push(
      { start: toks[k].start, end: x.start, text: 'LIMIT ' },
      { start: x.end, end: rows.end, text: ', -1' },
    );
    o.set(k + 2, { kind: 'textThenNumber', text: ',', value: -1 });
  }
}
