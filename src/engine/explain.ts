/**
 * EXPLAIN: the plan of a SELECT as rows, from the pure planner, without sending a request.
 * One row per table: how it is fetched, what the API filters, what SQLite is left to filter, and
 * how many requests that costs when the count is known without asking the API. A statement the
 * replica would answer (AutoCache, Offline) says so instead, with zero requests.
 */
import type { Catalog, TableDef } from '../catalog/types';
import type { ConnectionOptions } from '../options/types';
import type { Operand, Predicate, SelectStatement } from '../sql/types';
import type { FieldInfo, QueryParams } from '../types';
import { bindParameters } from './bindParameters';
import { planSelect, type ApiTablePlan, type PlanEnvironment, type TablePlan } from './planSelect';
import type { CachePlan } from './replicaHooks';
import type { EngineResult } from './rowShape';

export interface ExplainRow {
  Table: string;
  /** get / list / count / children / dependent / fanout, or system / procedure. */
  Mode: string;
  /** Method and path with the query string sent (parent-key placeholders kept). */
  Endpoint: string | null;
  /** WHERE terms sent to the API, as `Column op → parameter`. */
  ApiFilters: string | null;
  /** WHERE terms only SQLite applies (it re-applies every term, pushed or not). */
  LeftToSqlite: string | null;
  /** Requests this table costs, when known without asking the API; null when unknown. */
  Requests: number | null;
  /** The record fields requested, when the plan narrows them. */
  Fields: string | null;
  Detail: string | null;
}

export const EXPLAIN_FIELDS: FieldInfo[] = [
  { name: 'Table', dataType: 'string' },
  { name: 'Mode', dataType: 'string' },
  { name: 'Endpoint', dataType: 'string' },
  { name: 'ApiFilters', dataType: 'string' },
  { name: 'LeftToSqlite', dataType: 'string' },
  { name: 'Requests', dataType: 'integer' },
  { name: 'Fields', dataType: 'string' },
  { name: 'Detail', dataType: 'string' },
];

/** The plan rows of a SELECT; placeholders are checked as running it would check them. */
export function explainSelect(
  stmt: SelectStatement,
  catalog: Catalog,
  options: Pick<ConnectionOptions, 'Pushdown' | 'MaxFanOut'>,
  params: QueryParams | undefined,
  env: PlanEnvironment,
  replica?: CachePlan,
): ExplainRow[] {
  const bound = bindParameters(stmt, params);
  const plan = planSelect(stmt, catalog, options, bound.values, env);
  if (plan.kind === 'procedure') {
    return [
      {
        ...EMPTY,
        Table: plan.procedure,
        Mode: 'procedure',
        Detail: `runs procedure ${plan.procedure} with the WHERE terms as its arguments`,
      },
    ];
  }
  return plan.tables.map((t) =>
    replica && t.source !== 'system'
      ? replicaRow(t.table, stmt, replica)
      : explainTable(t, stmt, catalog, options),
  );
}

/** A table the replica answers: SQLite applies every term, and only a due sync costs requests. */
function replicaRow(table: string, stmt: SelectStatement, replica: CachePlan): ExplainRow {
  const own = ownTerms(table, stmt);
  const left = own.terms.map(renderTerm);
  if (!own.complete)
    left.push(stmt.tables.length > 1 ? 'join conditions and other WHERE terms' : 'other WHERE terms');
  const sync = replica.syncFirst.some((n) => n.toLowerCase() === table.toLowerCase());
  return {
    ...EMPTY,
    Table: table,
    Mode: 'replica',
    LeftToSqlite: left.length > 0 ? left.join(' AND ') : null,
    Requests: sync ? null : 0,
    Detail: sync
      ? `from ${replica.servedFrom}, after syncing it first (older than CacheTolerance)`
      : `from ${replica.servedFrom}: no API request`,
  };
}

/** The same rows as the engine answers a statement (command EXPLAIN, no requests). */
export function explainResult(rows: ExplainRow[]): EngineResult {
  return {
    command: 'EXPLAIN',
    fields: EXPLAIN_FIELDS,
    values: rows.map((r) => EXPLAIN_FIELDS.map((f) => r[f.name as keyof ExplainRow])),
    warnings: [],
    requestCount: 0,
  };
}

/** Total requests of a plan, or null when any table's count is unknown. */
export function totalRequests(rows: ExplainRow[]): number | null {
  let total = 0;
  for (const r of rows) {
    if (r.Requests === null) return null;
    total += r.Requests;
  }
  return total;
}

const EMPTY: ExplainRow = {
  Table: '',
  Mode: '',
  Endpoint: null,
  ApiFilters: null,
  LeftToSqlite: null,
  Requests: null,
  Fields: null,
  Detail: null,
};

function explainTable(
  t: TablePlan,
  stmt: SelectStatement,
  catalog: Catalog,
  options: Pick<ConnectionOptions, 'Pushdown' | 'MaxFanOut'>,
): ExplainRow {
  if (t.source === 'system') {
    return { ...EMPTY, Table: t.table, Mode: 'system', Requests: 0, Detail: 'built in: no API request' };
  }
  const def = catalog.findTable(t.table);
  const fields = t.fields;
  return {
    Table: t.table,
    Mode: t.mode,
    Endpoint: `GET ${t.path}${queryString(t.query)}`,
    ApiFilters: t.pushed.length > 0 ? t.pushed.join('; ') : null,
    LeftToSqlite: leftToSqlite(t, stmt, options),
    Requests: def ? estimateRequests(t, def) : null,
    Fields: fields && fields.length > 0 ? fields.join(', ') : null,
    Detail: detail(t),
  };
}

function queryString(query: Record<string, unknown>): string {
  const parts = Object.entries(query).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/**
 * Requests known without asking: a get is 1, a count is 1, a bounded list is its pages, a list of
 * an unpaginated endpoint is 1; children are that per parent key. Unbounded lists and fan-outs
 * depend on how many records the store holds.
 */
export function estimateRequests(t: ApiTablePlan, def: TableDef): number | null {
  if (t.limit === 0) return 0;
  const pages = (limit: number | undefined, paginated: boolean): number | null => {
    if (!paginated) return 1;
    return limit === undefined ? null : Math.ceil(limit / Math.max(1, t.pageSize));
  };
  const perList = pages(t.limit, def.api.pagination !== 'none');
  switch (t.mode) {
    case 'get':
    case 'count':
      return 1;
    case 'list':
      return perList;
    case 'children':
      return perList === null ? null : perList * ((t.keyRows ?? t.parentKeys)?.length ?? 0);
    default:
      // fanout (and dependent fetches) depend on how many parent rows the store holds.
      return null;
  }
}

function detail(t: ApiTablePlan): string | null {
  const notes: string[] = [];
  if (t.mode === 'children' && t.parentKeys) {
    notes.push(`one list per parent key (${t.parentKeys.length}): ${t.parentKeys.slice(0, 10).join(', ')}`);
  }
  if (t.mode === 'fanout' && t.fanOut) {
    notes.push(
      `lists ${t.fanOut.parent.table} keys (at most ${t.fanOut.max}, MaxFanOut), then one list per key`,
    );
  }
  const dependsOn = t.dependsOn;
  if (dependsOn) {
    notes.push(
      `after ${dependsOn.table}: one list per ${dependsOn.table}.${dependsOn.column} fetched (at most ${dependsOn.max}, MaxFanOut)`,
    );
  }
  if (t.mode === 'count') notes.push("COUNT(*) from the API's total");
  if (t.limit !== undefined && t.limit > 0) notes.push(`stops after ${t.limit} records`);
  if (t.mode !== 'get' && t.mode !== 'count') notes.push(`page size ${t.pageSize}`);
  return notes.length > 0 ? notes.join('; ') : null;
}

/** The table's WHERE terms no API filter carries, plus what only SQLite can do (joins, OR …). */
function leftToSqlite(
  t: ApiTablePlan,
  stmt: SelectStatement,
  options: Pick<ConnectionOptions, 'Pushdown'>,
): string | null {
  const own = ownTerms(t.table, stmt);
  const left = own.terms
    .filter((p) => !options.Pushdown || !t.pushed.some((label) => labels(label, p)))
    .map(renderTerm);
  if (!own.complete)
    left.push(stmt.tables.length > 1 ? 'join conditions and other WHERE terms' : 'other WHERE terms');
  return left.length > 0 ? left.join(' AND ') : null;
}

/** The `column op constant` terms attributed to this table; complete when WHERE has nothing else. */
function ownTerms(table: string, stmt: SelectStatement): { terms: Predicate[]; complete: boolean } {
  if (stmt.single) {
    return { terms: stmt.single.conjuncts, complete: !stmt.single.residual };
  }
  const join = stmt.joinPushdown?.find((j) => j.table.name.toLowerCase() === table.toLowerCase());
  return { terms: join ? join.conjuncts : [], complete: false };
}

/** Whether a pushed label (`Column op → param`) carries this term. */
function labels(label: string, p: Predicate): boolean {
  return label.toLowerCase().startsWith(`${p.column} ${p.op} →`.toLowerCase());
}

function renderTerm(p: Predicate): string {
  if (p.op === 'IS NULL' || p.op === 'IS NOT NULL') return `${p.column} ${p.op}`;
  if (p.op === 'IN' || p.op === 'NOT IN')
    return `${p.column} ${p.op} (${p.values.map(renderOperand).join(', ')})`;
  return `${p.column} ${p.op} ${p.values.map(renderOperand).join(', ')}`;
}

function renderOperand(o: Operand): string {
  if (o.kind === 'param') return '?';
  if (o.kind === 'named') return `@${o.name}`;
  if (o.value === null) return 'NULL';
  if (typeof o.value === 'string') return `'${o.value.replace(/'/g, "''")}'`;
  return String(o.value);
}
