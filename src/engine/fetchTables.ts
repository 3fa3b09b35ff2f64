/**
 * Carries out the API part of a plan: GET by id, list, count, per-parent lists for child tables
 * and bounded fan-out, inserting records into the staging database as they arrive.
 */
import type { TableDef } from '../catalog/types';
import { ApiError, BigCommerceSqlError } from '../errors';
import type { ListSpec } from '../rest/types';
import { fillPath, pathKeys } from './childKeys';
import type { ExecutionContext } from './context';
import type { ApiTablePlan } from './planSelect';
import { readPath, recordToObject } from './sqlValues';
import { quoteIdent, type Staging } from './stage';

/** Where fetched records go: the staging database, or a parent's rows collected for a fan-out. */
type Sink = Pick<Staging, 'insertRecords'>;

/** Fetches one table of the plan into `staging`; returns the API's total for mode `count`. */
export async function fetchTable(
  ctx: ExecutionContext,
  plan: ApiTablePlan,
  staging: Staging,
): Promise<number | undefined> {
  const def = tableDef(ctx, plan.table);
  if (plan.limit === 0) return plan.mode === 'count' ? 0 : undefined;
  switch (plan.mode) {
    case 'count':
      return ctx.client.count(listSpec(def, plan, plan.path), { signal: ctx.signal });
    case 'dependent':
      await fetchDependent(ctx, def, plan, staging);
      return undefined;
    default:
      await fetchRows(ctx, def, plan, staging);
      return undefined;
  }
}

/** The modes that need nothing staged before them, into any sink. */
async function fetchRows(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  sink: Sink,
): Promise<void> {
  switch (plan.mode) {
    case 'get':
      return fetchById(ctx, def, plan, sink);
    case 'list':
      await fetchList(ctx, def, plan, plan.path, sink);
      return;
    case 'children': {
      const parentColumn = pathKeys(def)[0][1];
      const rows = plan.keyRows ?? (plan.parentKeys ?? []).map((key) => ({ [parentColumn]: key }));
      await eachLimited(rows, ctx.options.MaxConcurrentRequests, async (row) => {
        await fetchChildren(ctx, def, plan, row, sink);
      });
      return;
    }
    case 'fanout':
      return fetchFanOut(ctx, def, plan, sink);
    default:
      throw new BigCommerceSqlError('ERR_INTERNAL', `${def.name}: mode ${plan.mode} cannot feed a fan-out`);
  }
}

export function tableDef(ctx: ExecutionContext, name: string): TableDef {
  const def = ctx.catalog.findTable(name);
  if (!def) throw new BigCommerceSqlError('ERR_INTERNAL', `table ${name} vanished from the catalog`);
  return def;
}

async function fetchById(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  staging: Sink,
): Promise<void> {
  const res = await ctx.client.request('GET', plan.path, {
    query: plan.query,
    signal: ctx.signal,
    allow404: true,
    scope: def.api.scope,
    table: def.name,
  });
  if (res.status === 404 || res.json === undefined || res.json === null) return;
  const body = def.api.records ? readPath(res.json, def.api.records) : res.json;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    staging.insertRecords(def.name, [body as Record<string, unknown>]);
  }
}

/** One list, or with a split `:in` list one list per chunk, a record found by two chunks kept once. */
async function fetchList(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  path: string,
  staging: Sink,
  parent?: Record<string, unknown>,
): Promise<number> {
  const split = plan.split;
  if (!split)
    return fetchOneList(ctx, def, plan, path, (records) => staging.insertRecords(def.name, records, parent));
  const seen = new Set<string>();
  const keyOf = listSpec(def, plan, path).keyOf ?? ((r: Record<string, unknown>) => JSON.stringify(r));
  const insert = (records: Record<string, unknown>[]) => {
    const fresh = records.filter((r) => {
      const key = keyOf(r);
      return seen.has(key) ? false : (seen.add(key), true);
    });
    staging.insertRecords(def.name, fresh, parent);
  };
  for (const chunk of split.chunks) {
    await fetchOneList(ctx, def, { ...plan, query: { ...plan.query, [split.param]: chunk } }, path, insert);
    // A pushed LIMIT is only set when the API filters exactly: enough distinct records ends it.
    if (plan.limit !== undefined && seen.size >= plan.limit) break;
  }
  return seen.size;
}

async function fetchOneList(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  path: string,
  insert: (records: Record<string, unknown>[]) => void,
): Promise<number> {
  let streamed = false;
  let inserted = 0;
  const result = await ctx.client.list(listSpec(def, plan, path), {
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    onRecords: (records) => {
      streamed = true;
      insert(records);
      inserted += records.length;
    },
  });
  // A client that hands pages over through onRecords returns no records here, and one that does
  // not returns them all at once; either way every record is inserted exactly once.
  if (!streamed || result.records.length > 0) insert(result.records);
  ctx.warnings.push(...result.warnings);
  return inserted + result.records.length;
}

/** One parent's children; a parent that does not exist (404), or lacks a key, simply has none. */
async function fetchChildren(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  parent: Record<string, unknown>,
  staging: Sink,
): Promise<number> {
  const path = fillPath(def, plan.path, parent);
  if (path === undefined) return 0;
  try {
    return await fetchList(ctx, def, plan, path, staging, parent);
  } catch (err) {
    if (err instanceof ApiError && (err as ApiError & { status?: number }).status === 404) return 0;
    throw err;
  }
}

async function fetchFanOut(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  staging: Sink,
): Promise<void> {
  const fan = plan.fanOut!;
  const parentDef = tableDef(ctx, fan.parent.table);
  let parents = await parentRows(ctx, parentDef, fan.parent);
  if (parents.length > fan.max) {
    parents = parents.slice(0, fan.max);
    warnCut(ctx, def, parentDef, fan.max);
  }
  // With a pushed LIMIT (nothing else filters), stop asking parents once enough children arrived.
  let rows = 0;
  const enough = () => plan.limit !== undefined && rows >= plan.limit;
  await eachLimited(
    parents,
    ctx.options.MaxConcurrentRequests,
    async (p) => {
      if (!enough()) rows += await fetchChildren(ctx, def, plan, p, staging);
    },
    enough,
  );
}

/** The fan-out parent's rows: one list, or for a parent that is itself a child, its own plan's rows. */
async function parentRows(
  ctx: ExecutionContext,
  parentDef: TableDef,
  plan: ApiTablePlan,
): Promise<Record<string, unknown>[]> {
  if (plan.mode === 'list') {
    const result = await ctx.client.list(listSpec(parentDef, plan, plan.path), {
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    });
    ctx.warnings.push(...result.warnings);
    return result.records.map((r) => recordToObject(parentDef.columns, r));
  }
  const rows: Record<string, unknown>[] = [];
  await fetchRows(ctx, parentDef, plan, {
    insertRecords: (_table, records, parent) => {
      for (const r of records) rows.push(recordToObject(parentDef.columns, r, parent));
    },
  });
  return rows;
}

/** One list per distinct key among the parent rows already staged (the parent was fetched first). */
async function fetchDependent(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  staging: Staging,
): Promise<void> {
  const dep = plan.dependsOn!;
  const parentDef = tableDef(ctx, dep.table);
  const col = quoteIdent(dep.column);
  // Every parent column the path needs (a quote's address Id and its OrderId).
  const cols = [...new Set([dep.column, ...pathKeys(def).map(([, p]) => p)])].map(quoteIdent).join(', ');
  let keys = staging
    .prepare(`SELECT DISTINCT ${cols} FROM ${quoteIdent(parentDef.name)} WHERE ${col} IS NOT NULL ORDER BY 1`)
    .statement.all() as Record<string, unknown>[];
  if (keys.length > dep.max) {
    keys = keys.slice(0, dep.max);
    warnCut(ctx, def, parentDef, dep.max);
  }
  await eachLimited(keys, ctx.options.MaxConcurrentRequests, async (row) => {
    await fetchChildren(ctx, def, plan, row, staging);
  });
}

function warnCut(ctx: ExecutionContext, def: TableDef, parentDef: TableDef, max: number): void {
  // Under a parent that is itself a child, the grandparent's key is the one that narrows the parents.
  const key = Object.keys(def.parent!.pathKeys ?? {})[0] ?? def.parent!.column;
  const warning =
    `${def.name}: read the children of only the first ${max} ${parentDef.name} (MaxFanOut); the result is incomplete. ` +
    `Put ${key} in WHERE (e.g. WHERE ${key} IN (…)) or raise MaxFanOut.`;
  ctx.warnings.push(warning);
  ctx.logger.log(1, warning);
}

export function listSpec(def: TableDef, plan: ApiTablePlan, path: string): ListSpec {
  const keySources = def.primaryKey
    .map((k) => def.columns.find((c) => c.name.toLowerCase() === k.toLowerCase())?.source)
    .filter((s): s is string => !!s && !s.startsWith('$parent.'));
  const spec: ListSpec = {
    path,
    records: def.api.records,
    pagination: def.api.pagination,
    pageSize: plan.pageSize,
    query: plan.query,
    countPath: def.api.countPath,
    table: def.name,
    scope: def.api.scope,
  };
  if (plan.limit !== undefined) spec.limit = plan.limit;
  // The keys of an unnested table are its rows', not the listed records'.
  if (keySources.length > 0 && !def.unnest)
    spec.keyOf = (r) => keySources.map((s) => JSON.stringify(readPath(r, s) ?? null)).join('|');
  return spec;
}

/**
 * Runs `fn` over `items` with at most `limit` at a time; the first failure stops new work and is
 * thrown. `done` (optional) stops new work early without failing.
 */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  done: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && !done() && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
}
