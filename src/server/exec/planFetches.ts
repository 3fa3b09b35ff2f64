/**
 * What to fetch from the provider so that PostgreSQL can run a statement over store tables: for
 * each table the statement reads, the columns it can see, the filters every row that matters
 * satisfies, the table whose fetched keys narrow it (a join), and a LIMIT when the statement is a
 * plain scan of that one table. A table read more than once in a statement is fetched whole.
 */
import { isKeyword, isOp, type PgToken } from '../pgLexer';
import { providerFilter, type ColumnShape, type ProviderFilter } from './fetchFilters';
import { isName, nesting, readTableUses, resolved, type TableUse } from './readFrom';
import { readTerm, type ColumnRef } from './readTerm';

export interface StoreShape {
  name: string;
  columns: readonly (ColumnShape & { nullable?: boolean })[];
  primaryKey: readonly string[];
  view: boolean;
}

export interface FetchPlan {
  table: StoreShape;
  columns: string[];
  filters: ProviderFilter[];
  /** Narrow by `column IN (distinct values of table.column)` once that table is fetched. */
  joinKey?: { column: string; table: string; otherColumn: string };
  limit?: number;
}

/** Aggregates and set-returning functions change how many rows come out of the rows read. */
const ROW_COUNT_CHANGERS = /^(count|sum|avg|min|max|array_agg|string_agg|json_agg|jsonb_agg|json_object_agg|jsonb_object_agg|bool_and|bool_or|every|bit_and|bit_or|stddev.*|var.*|percentile_.*|mode|rank|dense_rank|generate_series|unnest|.*_each.*|.*_elements.*|.*_keys|regexp_matches|regexp_split_to_table|string_to_table|json_to_recordset|jsonb_to_recordset|jsonb_path_query|json_populate_recordset|jsonb_populate_recordset)$/i; // prettier-ignore
const ROW_COUNT_WORDS = ['GROUP', 'ORDER', 'HAVING', 'DISTINCT', 'UNION', 'EXCEPT', 'INTERSECT', 'OVER', 'WINDOW', 'FETCH', 'WITH', 'JOIN']; // prettier-ignore

export function planFetches(
  t: PgToken[],
  shapes: ReadonlyMap<string, StoreShape>,
  param: (n: number) => unknown,
): FetchPlan[] {
  const uses = readTableUses(t, (name) => shapes.has(name));
  const byTable = new Map<string, TableUse[]>();
  for (const u of uses) byTable.set(u.name, [...(byTable.get(u.name) ?? []), u]);
  const plans: FetchPlan[] = [];
  for (const [name, list] of byTable) {
    const table = shapes.get(name)!;
    const plan: FetchPlan = { table, columns: visibleColumns(t, table, list), filters: [] };
    if (list.length === 1) narrow(t, plan, list[0], uses, param);
    plans.push(plan);
  }
  if (uses.length === 1 && plans.length === 1) plans[0].limit = scanLimit(t, uses[0], plans[0], param);
  return plans;
}

function narrow(
  t: PgToken[],
  plan: FetchPlan,
  use: TableUse,
  uses: TableUse[],
  param: (n: number) => unknown,
): void {
  const owns = (ref: ColumnRef): boolean =>
    ref.qualifier === null ? use.alone : ref.qualifier === use.qualifier;
  const mine = uses.indexOf(use);
  for (const span of use.terms) {
    const term = readTerm(t, span, param);
    if (!term) continue;
    if (term.kind !== 'join') {
      const f = providerFilter(term, plan.table.columns, owns);
      if (f) plan.filters.push(f);
      continue;
    }
    // A key from a table earlier in the same FROM list, fetched first.
    for (const [a, b] of [
      [term.left, term.right],
      [term.right, term.left],
    ]) {
      const other = uses.find((u, i) => i < mine && u.block === use.block && u.qualifier === b.qualifier);
      if (!plan.joinKey && owns(a) && a.qualifier !== null && other && other.name !== use.name) {
        plan.joinKey = { column: a.column, table: other.name, otherColumn: b.column };
      }
    }
  }
  if (plan.joinKey && !plan.table.columns.some((c) => c.name === plan.joinKey!.column)) delete plan.joinKey;
}

/**
 * The columns the statement can see: all of them after `*`, a whole-row reference to the table or
 * a NATURAL join (which compares columns it never names), else those whose names it mentions,
 * plus the keys and NOT NULL columns the table needs.
 */
function visibleColumns(t: PgToken[], table: StoreShape, uses: TableUse[]): string[] {
  const all = table.columns.map((c) => c.name);
  if (t.some((x) => isKeyword(x, 'NATURAL'))) return all;
  const names = new Set(uses.flatMap((u) => [u.qualifier, u.name]));
  for (let i = 0; i < t.length; i++) {
    if (isOp(t[i], '*') && !isOp(t[i - 1], '(')) return all;
    if (isName(t[i]) && names.has(resolved(t[i])) && !isOp(t[i + 1], '.') && !isFromPosition(t, i))
      return all;
  }
  const mentioned = new Set(t.filter(isName).map(resolved));
  return table.columns
    .filter((c) => mentioned.has(c.name) || table.primaryKey.includes(c.name) || c.nullable === false)
    .map((c) => c.name);
}

/** The table's own name or alias where it is declared (FROM x, JOIN x, x AS a). */
function isFromPosition(t: PgToken[], i: number): boolean {
  const prev = t[i - 1];
  if (isKeyword(prev, 'FROM', 'JOIN', 'AS', 'ONLY') || isOp(prev, ',', '.')) return true;
  return (
    isName(prev) &&
    !isKeyword(prev, 'SELECT', 'WHERE', 'AND', 'OR', 'ON', 'BY', 'THEN', 'ELSE', 'WHEN', 'NOT')
  );
}

/** LIMIT (+ OFFSET) of `SELECT … FROM table [WHERE terms that were all passed on] LIMIT n`. */
function scanLimit(
  t: PgToken[],
  use: TableUse,
  plan: FetchPlan,
  param: (n: number) => unknown,
): number | undefined {
  if (use.block.from !== 0 || !isKeyword(t[0], 'SELECT') || !use.alone) return undefined;
  if (use.terms.length !== plan.filters.length) return undefined;
  if (use.block.where && use.terms.length === 0) return undefined; // a WHERE with OR
  const { depth } = nesting(t);
  let limit: number | undefined;
  let offset = 0;
  for (let i = 0; i < t.length; i++) {
    if (isKeyword(t[i], ...ROW_COUNT_WORDS)) return undefined;
    if (isName(t[i]) && isOp(t[i + 1], '(') && ROW_COUNT_CHANGERS.test(t[i].value)) return undefined;
    if (depth[i] === 0 && isKeyword(t[i], 'LIMIT', 'OFFSET')) {
      const n = count(t[i + 1], param);
      if (n === undefined) return undefined;
      if (isKeyword(t[i], 'LIMIT')) limit = n;
      else offset = n;
    }
  }
  return limit === undefined ? undefined : limit + offset;
}

function count(tok: PgToken | undefined, param: (n: number) => unknown): number | undefined {
  const v = tok?.kind === 'number' ? Number(tok.text) : tok?.kind === 'param' ? Number(param(Number(tok.value))) : NaN; // prettier-ignore
  return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}
