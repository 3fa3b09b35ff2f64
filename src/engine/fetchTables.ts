/**
 * Carries out the API part of a plan: GET by id, list, count, per-parent lists for child tables
 * and bounded fan-out, inserting records into the staging database as they arrive.
 */
import type { TableDef } from '../catalog/types';
import { ApiError, BigCommerceSqlError } from '../errors';
import type { ListSpec } from '../rest/types';
import type { ExecutionContext } from './context';
import type { ApiTablePlan } from './planSelect';
import { readPath, recordToObject } from './sqlValues';
import { quoteIdent, type Staging } from './stage';

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
    case 'get':
      await fetchById(ctx, def, plan, staging);
      return undefined;
    case 'list':
      await fetchList(ctx, def, plan, plan.path, staging);
      return undefined;
    case 'children': {
      const parentColumn = def.parent!.parentColumn;
      await eachLimited(plan.parentKeys ?? [], ctx.options.MaxConcurrentRequests, async (key) => {
        await fetchChildren(ctx, def, plan, key, { [parentColumn]: key }, staging);
      });
      return undefined;
    }
    case 'dependent':
      await fetchDependent(ctx, def, plan, staging);
      return undefined;
    case 'fanout':
      await fetchFanOut(ctx, def, plan, staging);
      return undefined;
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
  staging: Staging,
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
  staging: Staging,
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

/** One parent's children; a parent that does not exist (404) simply has none. */
async function fetchChildren(
  ctx: ExecutionContext,
  def: TableDef,
  plan: ApiTablePlan,
  key: string | number,
  parent: Record<string, unknown>,
  staging: Staging,
): Promise<number> {
  const path = plan.path.replace(/\{[^}]+\}/g, encodeURIComponent(String(key)));
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
  staging: Staging,
): Promise<void> {
  const fan = plan.fanOut!;
  const parentDef = tableDef(ctx, fan.parent.table);
  const result = await ctx.client.list(listSpec(parentDef, fan.parent, fan.parent.path), {
    signal: ctx.signal,
    onProgress: ctx.onProgress,
  });
  ctx.warnings.push(...result.warnings);
  let parents = result.records.map((r) => recordToObject(parentDef.columns, r));
  if (parents.length > fan.max) {
    parents = parents.slice(0, fan.max);
    warnCut(ctx, def, parentDef, fan.max);
  }
  const parentColumn = def.parent!.parentColumn;
  // With a pushed LIMIT (nothing else filters), stop asking parents once enough children arrived.
  let rows = 0;
  const enough = () => plan.limit !== undefined && rows >= plan.limit;
  await eachLimited(
    parents,
    ctx.options.MaxConcurrentRequests,
    async (p) => {
      const key = p[parentColumn] ?? lookup(p, parentColumn);
      if (key === null || key === undefined || enough()) return;
      rows += await fetchChildren(ctx, def, plan, key as string | number, p, staging);
    },
    enough,
  );
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
  let keys = staging
    .prepare(`SELECT DISTINCT ${col} FROM ${quoteIdent(parentDef.name)} WHERE ${col} IS NOT NULL ORDER BY 1`)
    .statement.pluck()
    .all() as (string | number)[];
  if (keys.length > dep.max) {
    keys = keys.slice(0, dep.max);
    warnCut(ctx, def, parentDef, dep.max);
  }
  const parentColumn = def.parent!.parentColumn;
  await eachLimited(keys, ctx.options.MaxConcurrentRequests, async (key) => {
    await fetchChildren(ctx, def, plan, key, { [parentColumn]: key }, staging);
  });
}

function warnCut(ctx: ExecutionContext, def: TableDef, parentDef: TableDef, max: number): void {
  const warning =
    `${def.name}: read the children of only the first ${max} ${parentDef.name} (MaxFanOut); the result is incomplete. ` +
    `Put ${def.parent!.column} in WHERE (e.g. WHERE ${def.parent!.column} IN (…)) or raise MaxFanOut.`;
  ctx.warnings.push(warning);
  ctx.logger.log(1, warning);
}

function lookup(row: Record<string, unknown>, column: string): unknown {
  const k = Object.keys(row).find((x) => x.toLowerCase() === column.toLowerCase());
  return k === undefined ? undefined : row[k];
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
