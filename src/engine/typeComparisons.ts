/**
 * Makes comparisons mean what the compared column's type means, before any request is sent:
 * - a string literal, number or parameter compared with a datetime, integer, decimal or boolean
 *   column becomes the value SQLite stores for that column (see typedValue), or is
 *   ERR_INVALID_VALUE naming the column, the value and its position — never a text comparison;
 * - an expression compared with a datetime column (CURRENT_DATE, date('now'), a subquery …) is
 *   read as a point in time by bcsql_datetime(), and CAST(x AS DATE/DATETIME/TIMESTAMP) becomes
 *   bcsql_date()/bcsql_datetime() instead of SQLite's numeric cast (registered in stage.ts);
 * - an array bound to `IN (?)` (or `= ANY(?)`, which the parser step turns into IN) expands to
 *   one placeholder per element; an array anywhere else is ERR_INVALID_PARAMETER_VALUE.
 * The parameter values handed to planning are converted the same way, so what is pushed to the
 * API and what SQLite compares agree.
 */
import { SqlError, type ErrorCode } from '../errors';
import type { Edit } from '../sql/edits';
import { applyEdits } from '../sql/edits';
import { isWord, tokenize, type Token } from '../sql/lexer';
import { describeOffset, locate } from '../sql/sqlErrors';
import { castEdits, decimalAggregateEdits } from './functionRewrites';
import type { DataType, QueryParams } from '../types';
import type { BoundParameters } from './bindParameters';
import { comparisonSites, listPlaceholders, type ColumnOperand } from './comparisonSites';
import { expected, isTypedColumn, typedValue, type TypedColumn } from './typedValue';

export type ColumnTypeOf = (column: ColumnOperand) => DataType | undefined;

interface ParamUse {
  type: TypedColumn;
  column: string;
}

export function typeComparisons(
  text: string,
  bound: BoundParameters,
  columnType: ColumnTypeOf,
): { text: string; bound: BoundParameters } {
  const toks = tokenize(text).filter((t) => t.kind !== 'comment');
  const edits: Edit[] = [];
  const uses = new Map<number, ParamUse>();
  for (const site of comparisonSites(toks)) {
    const type = columnType(site.column);
    if (!isTypedColumn(type)) continue;
    for (const v of site.values) {
      const first = toks[v.from];
      if (v.kind === 'param') {
        if (!uses.has(v.from)) uses.set(v.from, { type, column: site.column.name });
      } else if (v.kind === 'string' || v.kind === 'number' || v.kind === 'keyword') {
        const literal = literalEdit(text, toks, v.from, v.to, type, site.column.name);
        if (literal) edits.push(literal);
      } else if (v.kind === 'expr' && type === 'datetime') {
        edits.push({ start: first.start, end: first.start, text: 'bcsql_datetime(' });
        const where = `${sqlString(site.column.name)}, ${locate(text, first.start).position}`;
        edits.push({ start: toks[v.to - 1].end, end: toks[v.to - 1].end, text: `, ${where})` });
      }
    }
  }
  edits.push(...castEdits(toks), ...decimalAggregateEdits(toks, columnType));
  const params = bindTyped(text, toks, bound, uses, edits);
  return { text: applyEdits(text, edits), bound: params };
}

/** A literal compared with a typed column, rewritten to the stored form (or an error). */
function literalEdit(
  text: string,
  toks: Token[],
  from: number,
  to: number,
  type: TypedColumn,
  column: string,
): Edit | undefined {
  const first = toks[from];
  const written = text.slice(first.start, toks[to - 1].end);
  if (isWord(first, 'NULL')) return undefined;
  if (isWord(first, 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP')) {
    if (type !== 'datetime') return undefined;
    return { start: first.start, end: first.end, text: `bcsql_datetime(${first.text})` };
  }
  const value = first.kind === 'string' ? first.value : isWord(first, 'TRUE', 'FALSE') ? first.text.toUpperCase() === 'TRUE' : Number(written.replace(/\s+/g, '')); // prettier-ignore
  // Numbers are already what integer and decimal columns compare with.
  if (typeof value === 'number' && (type === 'integer' || type === 'decimal')) return undefined;
  const typed = type === 'datetime' && typeof value !== 'string' ? undefined : typedValue(type, value);
  if (typed === undefined) throw invalidValue(column, type, written, text, first.start);
  const out = typeof typed === 'string' ? sqlString(typed) : String(typed);
  return { start: first.start, end: toks[to - 1].end, text: out };
}

/**
 * The parameters converted for the columns they are compared with, arrays expanded where they
 * are a whole IN list; adds the text edits an expansion needs.
 */
function bindTyped(
  text: string,
  toks: Token[],
  bound: BoundParameters,
  uses: Map<number, ParamUse>,
  edits: Edit[],
): BoundParameters {
  const lists = new Set(listPlaceholders(toks));
  const positional = Array.isArray(bound.values);
  const values: QueryParams | undefined = positional
    ? [...(bound.values as unknown[])]
    : bound.values && { ...bound.values };
  const args: unknown[] = [];
  const named: Record<string, unknown> = positional || !bound.values ? {} : { ...bound.values };
  let ordinal = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind !== 'qmark' && t.kind !== 'named') continue;
    const key = t.kind === 'qmark' ? ordinal++ : String(t.value);
    const label = t.kind === 'qmark' ? `?${(key as number) + 1}` : `@${key}`;
    const raw = positional ? (bound.values as unknown[])[key as number] : named[key as string];
    const use = uses.get(k);
    const convert = (v: unknown) => (use && v !== null ? typedParam(v, use, label, text, t.start) : v);
    if (!Array.isArray(raw)) {
      const v = convert(raw);
      if (positional) args.push(((values as unknown[])[key as number] = v));
      else (values as Record<string, unknown>)[key] = named[key] = v;
      continue;
    }
    if (!lists.has(k)) throw arrayMisplaced(label, text, t.start);
    const items = raw.map(convert);
    if (positional) {
      (values as unknown[])[key as number] = items;
      args.push(...items);
      edits.push({ start: t.start, end: t.end, text: items.map(() => '?').join(', ') });
    } else {
      (values as Record<string, unknown>)[key] = items;
      const names = items.map((_, i) => `${key}__${i + 1}`);
      items.forEach((v, i) => (named[names[i]] = v));
      edits.push({ start: t.start, end: t.end, text: names.map((n) => `@${n}`).join(', ') });
    }
  }
  if (!positional && bound.values) {
    for (const [k, v] of Object.entries(named)) if (Array.isArray(v)) delete named[k];
    return { args: [named], values };
  }
  return { args: positional ? args : bound.args, values };
}

function typedParam(v: unknown, use: ParamUse, label: string, text: string, offset: number): unknown {
  const typed = typedValue(use.type, v);
  if (typed !== undefined) return typed;
  const shown = typeof v === 'string' ? quoteShort(v) : String(v);
  return fail(
    'ERR_INVALID_VALUE',
    `parameter ${label} = ${shown} compared with ${use.column} at ${describeOffset(text, offset)} is not ${expected(use.type)}`,
    use.column,
    text,
    offset,
  );
}

function invalidValue(
  column: string,
  type: TypedColumn,
  written: string,
  text: string,
  offset: number,
): SqlError {
  return new SqlError(
    'ERR_INVALID_VALUE',
    `${written.length > 60 ? written.slice(0, 60) + '…' : written} compared with ${column} at ${describeOffset(text, offset)} is not ${expected(type)}`,
    { property: column, ...locate(text, offset) },
  );
}

function arrayMisplaced(label: string, text: string, offset: number): SqlError {
  const p = label.startsWith('?') ? '?' : label;
  return new SqlError(
    'ERR_INVALID_PARAMETER_VALUE',
    `parameter ${label} at ${describeOffset(text, offset)} is an array; an array can only be the whole list of IN (${p}) or = ANY(${p}); pass a single value here`,
    { property: label, ...locate(text, offset) },
  );
}

function fail(code: ErrorCode, message: string, column: string, text: string, offset: number): never {
  throw new SqlError(code, message, { property: column, ...locate(text, offset) });
}

function quoteShort(v: string): string {
  return `'${v.length > 60 ? v.slice(0, 60) + '…' : v}'`;
}

function sqlString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}
