/** The API reads a sync makes: lists with the table file's paging, counts, id-only listings. */
import { fillPath } from '../engine/childKeys';
import { readPath, rowMapper, type SqlValue } from '../engine/sqlValues';
import type { ExecutionContext } from '../engine/context';
import { ApiError } from '../errors';
import type { ListSpec } from '../rest/types';
import { keyOf, type TableLayout } from './layout';

const DEFAULT_PAGE_SIZE = 250;

/** A list request for the table; `countPath` only when asked, since a change listing needs no count. */
export function listSpecOf(
  layout: TableLayout,
  query: Record<string, string | number | boolean>,
  opts: { path?: string; withCount?: boolean } = {},
): ListSpec {
  const def = layout.def;
  const keySources = def.primaryKey
    .map((k) => def.columns.find((c) => c.name === k)?.source)
    .filter((s): s is string => !!s && !s.startsWith('$parent.'));
  const spec: ListSpec = {
    path: opts.path ?? def.api.path,
    records: def.api.records,
    pagination: def.api.pagination,
    pageSize: def.api.maxPageSize ?? DEFAULT_PAGE_SIZE,
    query: { ...(def.api.query ?? {}), ...query },
    table: def.name,
    scope: def.api.scope,
  };
  if (opts.withCount && def.api.countPath) spec.countPath = def.api.countPath;
  // An unnested table's keys are its rows', not the listed records'.
  if (keySources.length > 0 && !def.unnest) {
    spec.keyOf = (r) => keySources.map((s) => JSON.stringify(readPath(r, s) ?? null)).join('|');
  }
  return spec;
}

/**
 * Every record of a list, as replica rows (one per primary key: the last one read wins). Pages
 * become rows as they arrive, so a large table's records are garbage young instead of all held
 * until the last page.
 */
export async function readRows(
  ctx: ExecutionContext,
  layout: TableLayout,
  spec: ListSpec,
  parent?: Record<string, unknown>,
): Promise<SqlValue[][]> {
  const rows: SqlValue[][] = [];
  const map = rowMapper(layout.columns);
  const result = await ctx.client.list(spec, {
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    onRecords: (records) => toRows(layout, map, records, rows, parent),
  });
  ctx.warnings.push(...result.warnings);
  return rows;
}

/** Appends records as rows: one per record, or one per element of the `unnest` array of each. */
function toRows(
  layout: TableLayout,
  map: ReturnType<typeof rowMapper>,
  records: Record<string, unknown>[],
  rows: SqlValue[][],
  parent?: Record<string, unknown>,
): SqlValue[][] {
  const path = layout.def.unnest;
  if (!path) {
    for (const r of records) rows.push(map(r, parent));
    return rows;
  }
  for (const owner of records) {
    const items = readPath(owner, path);
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (item !== null && typeof item === 'object')
        rows.push(map(item as Record<string, unknown>, parent, owner));
    }
  }
  return rows;
}

/** One parent's children (`parent` in the parent's column names fills the path); a parent gone since it was read (404) has none. */
export async function readChildren(
  ctx: ExecutionContext,
  layout: TableLayout,
  parent: Record<string, unknown>,
): Promise<SqlValue[][]> {
  const path = fillPath(layout.def, layout.def.api.path, parent);
  if (path === undefined) return [];
  try {
    const spec = { ...listSpecOf(layout, {}, { path }), allow404: true };
    const result = await ctx.client.list(spec, { signal: ctx.signal });
    ctx.warnings.push(...result.warnings);
    return toRows(layout, rowMapper(layout.columns), result.records, [], parent);
  } catch (err) {
    if (err instanceof ApiError && (err as ApiError & { status?: number }).status === 404) return [];
    throw err;
  }
}

/**
 * Every primary key at the source: v3 lists only the key field (`include_fields`), v2 has no
 * such parameter and reads whole records.
 */
export async function readKeys(ctx: ExecutionContext, layout: TableLayout): Promise<Set<string>> {
  const pk = layout.def.columns.find((c) => c.name === layout.primaryKey[0])!;
  const query: Record<string, string> =
    layout.def.api.pagination === 'v3' ? { include_fields: pk.source } : {};
  const rows = await readRows(
    ctx,
    { ...layout, columns: [pk] },
    listSpecOf(layout, query, { withCount: true }),
  );
  return new Set(rows.map((r) => keyOf({ ...layout, columns: [pk] }, r)));
}

export function dedupe(layout: TableLayout, rows: SqlValue[][]): SqlValue[][] {
  const byKey = new Map<string, SqlValue[]>();
  for (const r of rows) byKey.set(keyOf(layout, r), r);
  return [...byKey.values()];
}
