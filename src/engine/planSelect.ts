/**
 * Turns a parsed SELECT into the API requests that feed it (pure: no I/O).
 *
 * Pushdown is only an optimisation: SQLite re-applies the whole WHERE over the staged rows, so a
 * pushed filter may be looser than SQL but never stricter. Shortcuts that trust the API to have
 * filtered exactly (LIMIT shrinking, COUNT(*) from the API's total) are taken only when every
 * WHERE term was pushed with a mapping the table declares exact.
 */
import { filterIsExact, filterParams, isListParam } from '../catalog/filterMapping';
import type { Catalog, ColumnDef, TableDef } from '../catalog/types';
import type { ConnectionOptions } from '../options/types';
import { SqlError, didYouMean } from '../errors';
import type { JoinPushdown, Operand, Predicate, ProcArg, SelectStatement, TableRef } from '../sql/types';
import { namedValue } from '../sql/parameters';
import type { QueryParams } from '../types';
import { keyRows, pathKeys } from './childKeys';
import { parseDateTimeValue } from './dateTimeText';
import { fieldsOf, projectTables } from './projection';
import { typedValue } from './typedValue';
import {
  fitQuery,
  PAGING_RESERVE_BYTES,
  URL_BUDGET_BYTES,
  urlPrefixBytes,
  type QuerySplit,
} from './urlBudget';

export type QueryValue = string | number | boolean;

/** A table staged from the catalog's system-table rows (sys_tables …). */
export interface SystemTablePlan {
  source: 'system';
  table: string;
}

/** A table staged from BigCommerce API responses. */
export interface ApiTablePlan {
  source: 'api';
  /** Canonical table name from the catalog. */
  table: string;
  /**
   * get: one GET by id (404 = no rows); list: page through api.path; count: one request for the
   * total; children: one list per parent key taken from WHERE; dependent: one list per key of the
   * joined parent's fetched rows, after the parent (at most `dependsOn.max`); fanout: list the
   * parent's keys (at most `fanOut.max`), then one list per parent.
   */
  mode: 'get' | 'list' | 'count' | 'children' | 'dependent' | 'fanout';
  /** get: the get path with its placeholders filled; otherwise api.path (placeholders kept for children/fanout). */
  path: string;
  /** Query parameters: the table's fixed ones plus pushed-down filters. */
  query: Record<string, QueryValue>;
  pageSize: number;
  /** Stop after this many records (per list request); 0 means nothing needs fetching. */
  limit?: number;
  /** children: parent key values taken from WHERE, deduplicated. */
  parentKeys?: (string | number)[];
  /** children of a path with several keys: every combination of their values, one list each (see childKeys.ts). */
  keyRows?: Record<string, string | number>[];
  /** fanout: how the parent keys are listed and how many at most. */
  fanOut?: { parent: ApiTablePlan; max: number };
  /** dependent: the joined parent table whose staged `column` values are the keys, and how many at most. */
  dependsOn?: { table: string; column: string; max: number };
  /** What went to the API, as `Column op → param`, for tests and EXPLAIN-style logging. */
  pushed: string[];
  /** A pushed `:in` list too long for one URL: each request series sends one chunk of it instead. */
  split?: QuerySplit;
  /** The record fields asked for with include_fields (see projection.ts); absent: every field. */
  fields?: string[];
  /** The columns staged (see projection.ts); absent: every column of the table. */
  columns?: string[];
}

export type TablePlan = SystemTablePlan | ApiTablePlan;

export type QueryPlan =
  { kind: 'procedure'; procedure: string; args: ProcArg[] } | { kind: 'tables'; tables: TablePlan[] };

/** Names the engine can stage besides catalog tables. */
export interface PlanEnvironment {
  /** System table names (sys_tables …), any case. */
  systemTables: string[];
}

const DEFAULT_PAGE_SIZE = 250;

/** What planning reads of the connection: the URL's start sizes the URL budget (a default store when absent). */
export type PlanOptions = Pick<ConnectionOptions, 'Pushdown' | 'MaxFanOut'> &
  Partial<Pick<ConnectionOptions, 'ApiBaseURL' | 'StoreId'>>;

export function planSelect(
  stmt: SelectStatement,
  catalog: Catalog,
  options: PlanOptions,
  params: QueryParams | undefined,
  env: PlanEnvironment,
): QueryPlan {
  const systemByLower = new Map(env.systemTables.map((n) => [n.toLowerCase(), n]));
  const procRef = stmt.tables.find((t) => !catalog.findTable(t.name) && catalog.findProcedure(t.name));
  if (procRef) return planProcedureSelect(stmt, procRef, catalog);

  const tables: TablePlan[] = stmt.tables.map((ref) => {
    const system = systemByLower.get(ref.name.toLowerCase());
    if (system) return { source: 'system', table: system };
    const def = catalog.findTable(ref.name);
    if (!def) throw unknownTable(ref.name, catalog, env);
    if (!options.Pushdown) {
      // A lookup-only table is read by its key whatever Pushdown says: it has no list to read.
      const own =
        stmt.single?.conjuncts ?? stmt.joinPushdown?.find((j) => sameName(j.table.name, ref.name))?.conjuncts;
      const keys = def.lookup && own ? own.filter((c) => sameName(c.column, def.lookup!.column)) : null;
      return planApiTable(def, catalog, keys, null, params, options);
    }
    if (stmt.single) {
      return planApiTable(def, catalog, stmt.single.conjuncts, stmt.single, params, options);
    }
    // A join: only this table's own WHERE terms narrow what is fetched; no LIMIT/COUNT shortcuts.
    const join = stmt.joinPushdown?.find((j) => sameName(j.table.name, ref.name));
    const plan = planApiTable(def, catalog, join ? join.conjuncts : null, null, params, options);
    const parent = plan.mode === 'fanout' && join ? joinedParent(def, join, stmt.joinPushdown!) : undefined;
    if (!parent) return plan;
    // Joined on its parent key to a parent fetched anyway: one list per parent row fetched.
    const dependent: ApiTablePlan = {
      ...plan,
      mode: 'dependent',
      dependsOn: { ...parent, max: options.MaxFanOut },
    };
    delete dependent.fanOut;
    return dependent;
  });
  // Pushdown=false fetches and stages every column too: the differential tests compare the two.
  return { kind: 'tables', tables: options.Pushdown ? projectTables(stmt, catalog, tables) : tables };
}

/** The parent table and key column a child table is joined on (`i.OrderId = o.Id`), when the parent is in the join once. */
function joinedParent(
  def: TableDef,
  join: JoinPushdown,
  all: JoinPushdown[],
): { table: string; column: string } | undefined {
  const p = def.parent!;
  const key = join.keys?.find(
    (k) =>
      sameName(k.column, p.column) &&
      sameName(k.from.name, p.table) &&
      sameName(k.fromColumn, p.parentColumn),
  );
  if (!key || !all.some((j) => sameName(j.table.name, p.table))) return undefined;
  return { table: p.table, column: p.parentColumn };
}

export function unknownTable(name: string, catalog: Catalog, env: PlanEnvironment): SqlError {
  const names = [
    ...catalog.tables.map((t) => t.name),
    ...env.systemTables,
    ...catalog.procedures.map((p) => p.name),
  ];
  return new SqlError(
    'ERR_UNKNOWN_TABLE',
    `no table "${name}"${didYouMean(name, names)} (sys_tables lists every table)`,
    { property: name },
  );
}

/** `SELECT * FROM Proc WHERE A='x' AND B=?`: the `=` terms become the procedure's arguments. */
function planProcedureSelect(stmt: SelectStatement, ref: TableRef, catalog: Catalog): QueryPlan {
  const proc = catalog.findProcedure(ref.name)!;
  const usage = `SELECT * FROM ${proc.name} WHERE Param1 = 'value' AND Param2 = 'value'`;
  if (stmt.tables.length !== 1 || !stmt.single) {
    throw new SqlError(
      'ERR_SQL_SYNTAX',
      `procedure ${proc.name} cannot be joined or used in a subquery; call it alone: ${usage}, or EXEC ${proc.name} …`,
      { property: proc.name },
    );
  }
  const bad =
    stmt.single.residual || stmt.single.conjuncts.some((c) => c.op !== '=' || c.values.length !== 1);
  if (bad) {
    throw new SqlError(
      'ERR_SQL_SYNTAX',
      `selecting from procedure ${proc.name} accepts only Param = value terms joined with AND: ${usage}`,
      { property: proc.name },
    );
  }
  const args: ProcArg[] = stmt.single.conjuncts.map((c) => ({
    name: c.column,
    value: c.values[0],
    position: positionOf(stmt.text, c.column),
  }));
  return { kind: 'procedure', procedure: proc.name, args };
}

function positionOf(text: string, word: string): number {
  const i = text.toLowerCase().indexOf(word.toLowerCase(), text.toLowerCase().indexOf(' where '));
  return i >= 0 ? i + 1 : 1;
}

function planApiTable(
  def: TableDef,
  catalog: Catalog,
  conjuncts: Predicate[] | null,
  single: SelectStatement['single'],
  params: QueryParams | undefined,
  options: PlanOptions,
): ApiTablePlan {
  const maxFanOut = options.MaxFanOut;
  const room = queryRoom(def, options);
  const pageSize = def.api.maxPageSize ?? DEFAULT_PAGE_SIZE;
  const base: ApiTablePlan = {
    source: 'api',
    table: def.name,
    mode: 'list',
    path: def.api.path,
    query: { ...(def.api.query ?? {}) },
    pageSize,
    pushed: [],
  };
  const keyColumns = pathKeys(def);
  const isChild = keyColumns.length > 0 && hasPlaceholder(def.api.path);

  if (conjuncts) {
    const get = planGet(def, conjuncts, params, room);
    if (get) return { ...base, mode: 'get', path: get.path, pushed: get.pushed };
  }

  // The path's keys, when WHERE gives every one of them with = or IN.
  const found = isChild && conjuncts ? keyColumns.map(([c]) => keyValues(def, conjuncts, c, params)) : [];
  const keyed = found.length > 0 && found.every((f) => f !== undefined);
  const keyTerms = keyed ? found.map((f) => f!.term) : [];
  if (def.lookup && !keyed) throw keyRequired(def);

  // Filters: each conjunct whose column/operator the table maps becomes a query parameter.
  let allExact = true;
  if (conjuncts) {
    const terms: PushedTerm[] = [];
    for (const term of conjuncts) {
      if (keyTerms.includes(term)) continue;
      const pushed = pushTerm(def, term, params, base.query);
      if (!pushed) allExact = false;
      else terms.push(pushed);
    }
    const kept = fitToUrl(base, terms, room);
    if (kept.length < terms.length) allExact = false;
    for (const pushed of kept) {
      base.pushed.push(pushed.label);
      if (!pushed.exact) allExact = false;
    }
    for (const t of keyTerms) base.pushed.push(`${findColumn(def, t.column)!.name} ${t.op} → path`);
  }
  // An unnested table's rows are not the API's records: neither a LIMIT nor the total carries over.
  const noResidual = !!single && !single.residual && allExact && !def.unnest;

  if (isChild) {
    const plan: ApiTablePlan = { ...base, mode: keyed ? 'children' : 'fanout' };
    if (keyed) {
      plan.parentKeys = found[0]!.values;
      if (keyColumns.length > 1) plan.keyRows = keyRows(found.map((f, i) => [keyColumns[i][1], f!.values]));
    } else {
      plan.fanOut = { parent: planFanOutParent(def, catalog, options, conjuncts, params), max: maxFanOut };
    }
    applyLimit(plan, single, noResidual, params);
    return plan;
  }

  // The API's totals of several chunk requests could count a record twice.
  if (single && noResidual && single.countStar && canCount(def) && !base.split) {
    return { ...base, mode: 'count', pageSize: 1 };
  }
  applyLimit(base, single, noResidual, params);
  return base;
}

function applyLimit(
  plan: ApiTablePlan,
  single: SelectStatement['single'],
  noResidual: boolean,
  params: QueryParams | undefined,
): void {
  if (!single || !noResidual || single.limit === null) return;
  if (single.orderBy || single.groupBy || single.distinct || single.aggregates) return;
  const n = nonNegativeInt(resolveOperand(single.limit, params));
  const m = single.offset === null ? 0 : nonNegativeInt(resolveOperand(single.offset, params));
  if (n === undefined || m === undefined) return;
  plan.limit = n + m;
  plan.pageSize = Math.max(1, Math.min(plan.pageSize, n + m));
}

/** The `Column = v` / `Column IN (…)` term of WHERE on a path key, with its values deduplicated. */
function keyValues(
  def: TableDef,
  conjuncts: Predicate[],
  column: string,
  params: QueryParams | undefined,
): { term: Predicate; values: (string | number)[] } | undefined {
  const col = findColumn(def, column);
  for (const term of conjuncts) {
    if (!sameName(term.column, column) || (term.op !== '=' && term.op !== 'IN') || !col) continue;
    const values = normaliseAll(term.values, col, params);
    if (values && values.length > 0)
      return { term, values: [...new Set(values.map((v) => v as string | number))] };
  }
  return undefined;
}

function keyRequired(def: TableDef): SqlError {
  const key = def.lookup!.column;
  return new SqlError(
    'ERR_KEY_REQUIRED',
    `${def.name} cannot be listed: the BigCommerce API only looks one up by ${key}. ` +
      `Give ${key} in WHERE with = or IN, e.g. SELECT * FROM ${def.name} WHERE ${key} = '…'`,
    { property: key },
  );
}

function planFanOutParent(
  def: TableDef,
  catalog: Catalog,
  options: PlanOptions,
  conjuncts: Predicate[] | null,
  params: QueryParams | undefined,
): ApiTablePlan {
  const maxFanOut = options.MaxFanOut;
  const parent = catalog.findTable(def.parent!.table);
  if (!parent) {
    throw new SqlError(
      'ERR_UNKNOWN_TABLE',
      `table ${def.name} names a parent table "${def.parent!.table}" that does not exist`,
    );
  }
  if (parent.parent && hasPlaceholder(parent.api.path)) {
    // A parent that is itself a child is planned as a table of its own, narrowed by the WHERE
    // terms on the keys the two share (a quote's OrderId is its address's OrderId).
    const keys = pathKeys(def);
    const terms = (conjuncts ?? []).flatMap((c) => {
      const pair = keys.find(([column]) => sameName(column, c.column));
      return pair ? [{ ...c, column: pair[1] }] : [];
    });
    return planApiTable(parent, catalog, terms, null, params, options);
  }
  const pageSize = parent.api.maxPageSize ?? DEFAULT_PAGE_SIZE;
  // One more than the bound, so the engine can tell a cut fan-out from an exact fit.
  const limit = maxFanOut + 1;
  return {
    source: 'api',
    table: parent.name,
    mode: 'list',
    path: parent.api.path,
    query: { ...(parent.api.query ?? {}) },
    pageSize: Math.max(1, Math.min(pageSize, limit)),
    limit,
    pushed: [],
  };
}

/** `Id = n` on a table with a get endpoint whose placeholders WHERE can fill. */
function planGet(
  def: TableDef,
  terms: Predicate[],
  params: QueryParams | undefined,
  room: number,
): { path: string; pushed: string[] } | undefined {
  if (!def.get || def.primaryKey.length !== 1) return undefined;
  const pk = def.primaryKey[0];
  const valueOf = (column: string): string | number | undefined => {
    const col = findColumn(def, column);
    const term = terms.find((t) => t.op === '=' && t.values.length === 1 && sameName(t.column, column));
    const value = term && col ? normalise(term.values[0], col, params) : undefined;
    return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : undefined;
  };
  if (valueOf(pk) === undefined) return undefined;
  const pushed: string[] = [];
  let complete = true;
  const path = def.get.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const column = placeholderColumn(def, name, pk);
    const value = valueOf(column);
    if (value === undefined) complete = false;
    else pushed.push(`${findColumn(def, column)?.name ?? column} = → path`);
    return encodeURIComponent(String(value ?? ''));
  });
  // A key too long for a URL is looked for in the list instead (or by SQLite alone).
  return complete && path.length - def.get.path.length <= room ? { path, pushed } : undefined;
}

/** Which column fills a `{Name}` placeholder of a get path: the column of that name, else the parent key (child tables) or the primary key. */
function placeholderColumn(def: TableDef, name: string, pk: string): string {
  if (findColumn(def, name)) return name;
  return def.parent && !sameName(name, pk) ? def.parent.column : pk;
}

/** The API reports a total for the table, so COUNT(*) costs one request. */
export function canCount(def: TableDef): boolean {
  return def.api.pagination === 'v3' || (def.api.pagination === 'v2' && !!def.api.countPath);
}

/**
 * Adds one WHERE term to `query` when the table maps it; returns what was pushed and whether the
 * table declares that the API then filters exactly as SQL would. A mapping may name several
 * parameters (`min_id`, `max_id` for v2 `Id =`), each of which gets the value.
 */
function pushTerm(
  def: TableDef,
  term: Predicate,
  params: QueryParams | undefined,
  query: Record<string, QueryValue>,
): PushedTerm | undefined {
  const col = findColumn(def, term.column);
  if (!col || !def.filters) return undefined;
  const filterKey = Object.keys(def.filters).find((k) => sameName(k, col.name));
  const mapping = filterKey ? def.filters[filterKey]?.[term.op] : undefined;
  if (!mapping) return undefined;
  const names = filterParams(mapping);
  if (names.length === 0 || names.some((n) => n in query)) return undefined;
  const label = `${col.name} ${term.op} → ${names.join(',')}`;
  const send = (value: QueryValue) => {
    for (const n of names) query[n] = typeof value === 'boolean' ? booleanParam(def, n, value) : value;
  };

  if (term.op === 'LIKE') {
    if (col.type !== 'string' || term.values.length !== 1) return undefined;
    const pattern = resolveOperand(term.values[0], params);
    if (typeof pattern !== 'string') return undefined;
    // Any string the pattern matches contains its longest literal run; the API's :like matches a
    // substring case-insensitively, which is looser than SQL and so safe.
    const run = pattern.split(/[%_]/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (run === '') return undefined;
    send(run);
    return { label, exact: false, params: names };
  }
  if (term.op === 'IS NULL' || term.op === 'IS NOT NULL') return undefined;
  const values = normaliseAll(term.values, col, params);
  if (!values || values.length === 0) return undefined;
  const listParam = names.every(isListParam);
  if (term.op === 'IN' || term.op === 'NOT IN') {
    if (!listParam && values.length > 1) return undefined;
    const texts = values
      .map((v) => (typeof v === 'boolean' ? booleanParam(def, names[0], v) : v))
      .map(String);
    if (texts.some((t) => t.includes(','))) return undefined;
    send(values.length === 1 ? values[0] : texts.join(','));
  } else {
    if (values.length !== 1) return undefined;
    if (listParam && String(values[0]).includes(',')) return undefined;
    send(values[0]);
  }
  return { label, exact: filterIsExact(mapping), params: names };
}

interface PushedTerm {
  label: string;
  exact: boolean;
  /** The query parameters the term set. */
  params: string[];
}

/**
 * Fits the pushed terms' parameters into the URL budget: a term whose parameter is too long to
 * send is taken back out of the query (SQLite filters on it alone); a long `:in` list is split.
 * Returns the terms still pushed.
 */
function fitToUrl(plan: ApiTablePlan, terms: PushedTerm[], room: number): PushedTerm[] {
  const fit = fitQuery(plan.query, new Set(terms.flatMap((t) => t.params)), room);
  const kept = terms.filter((t) => !t.params.some((p) => fit.dropped.includes(p)));
  for (const t of terms) if (!kept.includes(t)) for (const p of t.params) delete plan.query[p];
  if (fit.split) {
    plan.split = fit.split;
    const t = kept.find((k) => k.params.includes(fit.split!.param))!;
    kept[kept.indexOf(t)] = { ...t, label: `${t.label} (${fit.split.chunks.length} requests)` };
  }
  return kept;
}

/**
 * Bytes the pushed filters may take in a request's query string: the budget less the URL's start
 * (parent keys in the path counted at 20 characters), paging, and include_fields at its longest.
 */
function queryRoom(def: TableDef, options: PlanOptions): number {
  const path = def.api.path.replace(/\{[^}]+\}/g, 'x'.repeat(20));
  const base = options.ApiBaseURL ?? 'https://api.bigcommerce.com';
  const prefix = urlPrefixBytes(base, options.StoreId ?? 'x'.repeat(32), path);
  const fields = def.api.includeFields ? `include_fields=${fieldsOf(def, def.columns).join(',')}&`.length : 0;
  return URL_BUDGET_BYTES - prefix - PAGING_RESERVE_BYTES - fields;
}

function booleanParam(def: TableDef, name: string, value: boolean): QueryValue {
  return def.numericBooleanParams?.includes(name) ? (value ? 1 : 0) : value;
}

/** Every operand's value as the API should see it (an array bound to `IN (?)` gives its elements). */
function normaliseAll(
  values: Operand[],
  col: ColumnDef,
  params: QueryParams | undefined,
): QueryValue[] | undefined {
  const out: QueryValue[] = [];
  for (const operand of values) {
    const v = resolveOperand(operand, params);
    for (const item of Array.isArray(v) ? v : [v]) {
      const n = normaliseValue(item, col);
      if (n === undefined) return undefined;
      out.push(n);
    }
  }
  return out;
}

/** A WHERE value as the API should see it, or undefined when SQL and the API might disagree about it. */
function normalise(
  operand: Operand,
  col: ColumnDef,
  params: QueryParams | undefined,
): QueryValue | undefined {
  const v = resolveOperand(operand, params);
  return Array.isArray(v) ? undefined : normaliseValue(v, col);
}

function normaliseValue(v: unknown, col: ColumnDef): QueryValue | undefined {
  if (v === null || v === undefined) return undefined;
  switch (col.type) {
    case 'integer': {
      const n = toNumber(v);
      return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'decimal':
      return toNumber(v);
    case 'boolean': {
      const b = typedValue('boolean', v);
      return b === undefined ? undefined : b === 1;
    }
    case 'string':
      // An empty value reads as "no filter" or "match nothing" depending on the endpoint: never push it.
      if (typeof v === 'number') return String(v);
      return typeof v === 'string' && v !== '' ? v : undefined;
    case 'datetime':
      // The same reading typeComparisons gave SQLite, so the API filter and SQLite agree.
      return parseDateTimeValue(v);
    default:
      return undefined;
  }
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function nonNegativeInt(v: unknown): number | undefined {
  const n = toNumber(v);
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The value of a literal or placeholder; undefined when a placeholder has no value. */
export function resolveOperand(operand: Operand, params: QueryParams | undefined): unknown {
  if (operand.kind === 'literal') return operand.value;
  if (operand.kind === 'param') return Array.isArray(params) ? params[operand.index] : undefined;
  return namedValue(params, operand.name);
}

function findColumn(def: TableDef, name: string): ColumnDef | undefined {
  return def.columns.find((c) => sameName(c.name, name));
}

function hasPlaceholder(path: string): boolean {
  return /\{[^}]+\}/.test(path);
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
