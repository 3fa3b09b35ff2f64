/**
 * One table's sync: read what changed at the source, then apply it and the new sync state in one
 * transaction, so a run killed at any moment leaves the previous state and the next run redoes
 * only the unfinished tables.
 */
import { pathKeys } from '../engine/childKeys';
import { eachLimited } from '../engine/fetchTables';
import type { ExecutionContext } from '../engine/context';
import type { SqlValue } from '../engine/sqlValues';
import { keyOf, type TableLayout } from './layout';
import { dedupe, listSpecOf, readChildren, readKeys, readRows } from './readApi';
import type { ApplyCounts, ChangeSet, ReplicaTarget, SyncState } from './targets/types';

/**
 * Rows are asked for from this long before the high-water mark: a change committed late with an
 * earlier stamp, clock skew, and rows stamped in the same second as the mark are read again
 * (and merged without effect when unchanged).
 */
export const OVERLAP_MS = 60_000;

export interface SyncRun {
  ctx: ExecutionContext;
  target: ReplicaTarget;
  storeHash: string;
  states: Map<string, SyncState>;
  layouts: Map<string, TableLayout>;
}

export interface TableSummary extends ApplyCounts {
  table: string;
  mode: 'full' | 'incremental' | 'children';
  rows: number;
  requests: number;
  ms: number;
}

interface Plan {
  change: ChangeSet;
  highWater: string | null;
  mode: TableSummary['mode'];
}

export async function syncTable(run: SyncRun, layout: TableLayout): Promise<TableSummary> {
  const started = Date.now();
  const requestsBefore = run.ctx.client.requestCount;
  const previous = run.states.get(layout.name);
  const plan =
    layout.strategy.kind === 'incremental' && previous?.highWater
      ? await incremental(run, layout, previous.highWater)
      : layout.strategy.kind === 'children'
        ? await children(run, layout, previous?.highWater ?? null)
        : await whole(run, layout);
  const state: SyncState = {
    table: layout.name,
    strategy: layout.strategy.kind,
    highWater: plan.highWater,
    syncedAt: new Date(started).toISOString(),
    columns: layout.columns.map((c) => c.name).join(','),
    storeHash: run.storeHash,
  };
  if (run.ctx.signal?.aborted) throw run.ctx.signal.reason;
  const counts = await run.target.apply(layout, plan.change, state, parentOf(run, layout));
  run.states.set(layout.name, state);
  return {
    table: layout.name,
    mode: plan.mode,
    ...counts,
    rows: await run.target.rowCount(layout),
    requests: run.ctx.client.requestCount - requestsBefore,
    ms: Date.now() - started,
  };
}

function parentOf(run: SyncRun, layout: TableLayout): TableLayout | undefined {
  return layout.strategy.kind === 'children' ? run.layouts.get(layout.strategy.parent) : undefined;
}

/** The whole table, replacing the replica's rows (first syncs, and tables the API cannot filter by date). */
async function whole(run: SyncRun, layout: TableLayout): Promise<Plan> {
  const rows = dedupe(layout, await readRows(run.ctx, layout, listSpecOf(layout, {}, { withCount: true })));
  return { change: { upserts: rows, replaceAll: true }, highWater: latest(layout, rows, null), mode: 'full' };
}

/**
 * Rows changed since the mark, then a count: when the source has as many rows as the replica will
 * have, nothing was deleted; otherwise an id-only listing says which rows went (or, when rows are
 * missing that no date filter finds, the table is read whole).
 */
async function incremental(run: SyncRun, layout: TableLayout, highWater: string): Promise<Plan> {
  const s = layout.strategy as Extract<TableLayout['strategy'], { kind: 'incremental' }>;
  const since = new Date(Date.parse(highWater) - OVERLAP_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const rows = dedupe(layout, await readRows(run.ctx, layout, listSpecOf(layout, { [s.param]: since })));
  const keys = rows.map((r) => r[pkIndex(layout)] as string | number);
  const expected =
    (await run.target.rowCount(layout)) + keys.length - (await run.target.countKeys(layout, keys));
  const remote = await run.ctx.client.count(listSpecOf(layout, {}, { withCount: true }), {
    signal: run.ctx.signal,
  });
  const change: ChangeSet = { upserts: rows };
  if (remote !== expected) {
    const source = await readKeys(run.ctx, layout);
    const pk = { ...layout, columns: [layout.columns[pkIndex(layout)]] };
    const local = new Set((await run.target.keys(layout)).map((k) => keyOf(pk, [k])));
    const changed = new Set(rows.map((r) => keyOf(layout, r)));
    if ([...source].some((k) => !changed.has(k) && !local.has(k))) return whole(run, layout);
    change.deleteKeys = [...local].filter((k) => !source.has(k)).map((k) => JSON.parse(k) as string | number);
  }
  return { change, highWater: latest(layout, rows, highWater), mode: 'incremental' };
}

/** A child table: the children of parents changed since its own mark (all parents the first time). */
async function children(run: SyncRun, layout: TableLayout, highWater: string | null): Promise<Plan> {
  const s = layout.strategy as Extract<TableLayout['strategy'], { kind: 'children' }>;
  const parent = run.layouts.get(s.parent)!;
  // Only rows whose changes stamp the parent can be found through the parent's date.
  const dateColumn =
    parent.strategy.kind === 'incremental' && layout.def.parent?.modifiesParent
      ? parent.strategy.column
      : null;
  const since =
    highWater && dateColumn
      ? new Date(Date.parse(highWater) - OVERLAP_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')
      : null;
  // Other parent columns the path names (an order's id for a shipping address's quotes).
  const extra = pathKeys(layout.def)
    .slice(1)
    .map(([, column]) => column);
  const parents = await run.target.changedParents(parent, s.parentColumn, dateColumn, since, extra);
  const rows: SqlValue[][] = [];
  let done = 0;
  const indexes = parents.keys.map((_, i) => i);
  await eachLimited(indexes, run.ctx.options.MaxConcurrentRequests, async (i) => {
    const key = parents.keys[i];
    const row = Object.fromEntries([
      [s.parentColumn, key],
      ...extra.map((c, j) => [c, parents.values[i][j]]),
    ]);
    rows.push(...(await readChildren(run.ctx, layout, row)));
    run.ctx.onProgress?.({
      table: layout.name,
      pagesFetched: ++done,
      pagesTotal: parents.keys.length,
      rowsFetched: rows.length,
      rowsTotal: null,
    });
  });
  const upserts = dedupe(layout, rows);
  const change: ChangeSet = since ? { upserts, replaceParents: parents.keys } : { upserts, replaceAll: true };
  return { change, highWater: parents.latest, mode: since ? 'incremental' : 'full' };
}

function pkIndex(layout: TableLayout): number {
  return layout.columns.findIndex((c) => c.name === layout.primaryKey[0]);
}

/** The largest modification date among `rows` and the previous mark. */
function latest(layout: TableLayout, rows: SqlValue[][], previous: string | null): string | null {
  if (layout.strategy.kind !== 'incremental') return null;
  const i = layout.columns.findIndex((c) => c.name === (layout.strategy as { column: string }).column);
  let max = previous;
  for (const r of rows) {
    const v = r[i];
    if (typeof v === 'string' && /^\d{4}-/.test(v) && (max === null || v > max)) max = v;
  }
  return max;
}
