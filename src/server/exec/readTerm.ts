/**
 * One AND term of a WHERE or ON condition, read as something the provider can fetch by: a column
 * compared with a constant or a bound parameter (`=`, `<`, `<=`, `>`, `>=`, IN (…), = ANY($n),
 * BETWEEN), or two tables' columns equal (a join key). Anything else is not read.
 */
import { isKeyword, isOp, type PgToken } from '../pgLexer';
import { isName, resolved, type Span } from './readFrom';

export type CompareOp = '=' | '<' | '<=' | '>' | '>=';

export interface ColumnRef {
  qualifier: string | null;
  column: string;
}

/** A constant operand: its value, and `date` when cast to a date (which drops the time of day). */
export interface Constant {
  value: unknown;
  asDate: boolean;
}

export type Term =
  | { kind: 'compare'; ref: ColumnRef; op: CompareOp; value: Constant }
  | { kind: 'in'; ref: ColumnRef; values: Constant[] }
  | { kind: 'between'; ref: ColumnRef; low: Constant; high: Constant }
  | { kind: 'join'; left: ColumnRef; right: ColumnRef };

type Operand =
  { kind: 'column'; ref: ColumnRef; next: number } | { kind: 'value'; value: Constant; next: number };

const FLIP: Record<CompareOp, CompareOp> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const CAST_OK = new Set(['date', 'timestamp', 'timestamptz', 'text', 'varchar', 'integer', 'int', 'int4', 'int8', 'bigint', 'smallint', 'numeric', 'decimal', 'boolean', 'bool']); // prettier-ignore

/** `param(n)`: the value bound to $n, or undefined when it is not known. */
export function readTerm(t: PgToken[], span: Span, param: (n: number) => unknown): Term | null {
  const left = operand(t, span.from, span.to, param);
  if (!left) return null;
  let i = left.next;
  if (left.kind === 'column' && isKeyword(t[i], 'IN') && isOp(t[i + 1], '(')) return inList(t, i + 2, span.to, left.ref, param); // prettier-ignore
  if (left.kind === 'column' && isKeyword(t[i], 'BETWEEN')) {
    const lo = operand(t, i + 1, span.to, param);
    if (lo?.kind !== 'value' || !isKeyword(t[lo.next], 'AND')) return null;
    const hi = operand(t, lo.next + 1, span.to, param);
    if (hi?.kind !== 'value' || hi.next !== span.to) return null;
    return { kind: 'between', ref: left.ref, low: lo.value, high: hi.value };
  }
  const op = t[i]?.kind === 'op' && t[i].text in FLIP ? (t[i].text as CompareOp) : null;
  if (!op) return null;
  i++;
  if (left.kind === 'column' && op === '=' && isKeyword(t[i], 'ANY') && isOp(t[i + 1], '(')) {
    const arr = operand(t, i + 2, span.to, param);
    if (arr?.kind !== 'value' || !isOp(t[arr.next], ')') || arr.next + 1 !== span.to) return null;
    const list = arr.value.value;
    return Array.isArray(list) ? { kind: 'in', ref: left.ref, values: list.map((value) => ({ value, asDate: false })) } : null; // prettier-ignore
  }
  const right = operand(t, i, span.to, param);
  if (!right || right.next !== span.to) return null;
  if (left.kind === 'column' && right.kind === 'column') return op === '=' ? { kind: 'join', left: left.ref, right: right.ref } : null; // prettier-ignore
  if (left.kind === 'column' && right.kind === 'value')
    return { kind: 'compare', ref: left.ref, op, value: right.value };
  if (left.kind === 'value' && right.kind === 'column') return { kind: 'compare', ref: right.ref, op: FLIP[op], value: left.value }; // prettier-ignore
  return null;
}

function inList(
  t: PgToken[],
  i: number,
  end: number,
  ref: ColumnRef,
  param: (n: number) => unknown,
): Term | null {
  const values: Constant[] = [];
  for (;;) {
    const v = operand(t, i, end, param);
    if (v?.kind !== 'value') return null;
    values.push(v.value);
    if (isOp(t[v.next], ',')) i = v.next + 1;
    else if (isOp(t[v.next], ')') && v.next + 1 === end) return { kind: 'in', ref, values };
    else return null;
  }
}

function operand(t: PgToken[], i: number, end: number, param: (n: number) => unknown): Operand | null {
  if (i >= end) return null;
  const tok = t[i];
  if (
    isName(tok) &&
    !isKeyword(tok, 'TRUE', 'FALSE', 'DATE', 'TIMESTAMP', 'TIMESTAMPTZ', 'NULL', 'NOT', 'ANY')
  ) {
    if (isOp(t[i + 1], '.') && isName(t[i + 2])) {
      if (isOp(t[i + 3], '(', '::', '.')) return null;
      return { kind: 'column', ref: { qualifier: resolved(tok), column: resolved(t[i + 2]) }, next: i + 3 };
    }
    if (isOp(t[i + 1], '(', '::')) return null;
    return { kind: 'column', ref: { qualifier: null, column: resolved(tok) }, next: i + 1 };
  }
  let value: unknown;
  let asDate = false;
  let next = i + 1;
  if (tok.kind === 'number') value = Number(tok.text);
  else if (isOp(tok, '-') && t[i + 1]?.kind === 'number') [value, next] = [-Number(t[i + 1].text), i + 2];
  else if (tok.kind === 'string' && tok.text.startsWith("'")) value = tok.value;
  else if (tok.kind === 'param') value = param(Number(tok.value));
  else if (isKeyword(tok, 'TRUE', 'FALSE')) value = isKeyword(tok, 'TRUE');
  else if (isKeyword(tok, 'DATE', 'TIMESTAMP', 'TIMESTAMPTZ') && t[i + 1]?.kind === 'string') {
    [value, asDate, next] = [t[i + 1].value, isKeyword(tok, 'DATE'), i + 2];
  } else return null;
  while (isOp(t[next], '::')) {
    const type = t[next + 1];
    if (!type || type.kind !== 'word' || !CAST_OK.has(type.text.toLowerCase())) return null;
    if (type.text.toLowerCase() === 'date') asDate = true;
    next += 2;
    if (isOp(t[next], '[') && isOp(t[next + 1], ']')) next += 2;
  }
  if (value === undefined) return null;
  return { kind: 'value', value: { value, asDate }, next };
}
