/**
 * Serves SELECTs from the replica (CacheLocation or CacheConnection):
 * - AutoCache: when every table of the statement is replicated with all its columns, read the
 *   replica, first syncing the tables whose last sync is older than CacheTolerance or that this
 *   connection has written to since;
 * - Offline: always read the replica, however old; a table that is not there is an error.
 * Otherwise the statement reads the API as usual.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecutionContext } from '../engine/context';
import type { CachedTables, CachePlan, TableCache } from '../engine/replicaHooks';
import { BigCommerceSqlError } from '../errors';
import type { ConnectionOptions } from '../options/types';
import { layoutOf, type TableLayout } from './layout';
import { isPostgresUrl, openTarget } from './openTarget';
import { SqliteReplicaReader, stageFromTarget } from './replicaStaging';
import { runSync } from './runSync';
import { SqliteTarget } from './targets/SqliteTarget';
import type { ReplicaTarget, SyncState } from './targets/types';

interface Choice {
  target: ReplicaTarget;
  layouts: TableLayout[];
  /** Tables to sync before reading (AutoCache, older than CacheTolerance). */
  stale: TableLayout[];
  states: Map<string, SyncState>;
}

export class ReplicaCache implements TableCache {
  #target?: ReplicaTarget;
  #reader?: SqliteReplicaReader;
  /** Tables this connection wrote to since their last sync. */
  readonly #written = new Set<string>();

  constructor(
    private readonly options: ConnectionOptions,
    private readonly location: string,
  ) {}

  async open(ctx: ExecutionContext, tables: string[]): Promise<CachedTables | undefined> {
    const choice = await this.#choose(ctx, tables);
    if (!choice) return undefined;
    const { target, layouts, stale, states } = choice;
    if (stale.length > 0) {
      await runSync(ctx, target, withParents(ctx, stale, states));
      for (const l of stale) this.#written.delete(l.name);
    }
    const servedFrom = describe(target, layouts, await this.#states(target));
    ctx.logger.log(2, `served from ${servedFrom}`);
    if (target instanceof SqliteTarget) {
      this.#reader ??= new SqliteReplicaReader(target.file);
      return { staging: this.#reader.staging(layouts), servedFrom };
    }
    return { staging: await stageFromTarget(target, layouts, this.options.StagingRowThreshold), servedFrom };
  }

  async peek(ctx: ExecutionContext, tables: string[]): Promise<CachePlan | undefined> {
    const choice = await this.#choose(ctx, tables);
    if (!choice) return undefined;
    return {
      servedFrom: describe(choice.target, choice.layouts, choice.states),
      syncFirst: choice.stale.map((l) => l.name),
    };
  }

  /** Whether the replica answers a statement over `tables`, and which of them are due a sync. */
  async #choose(ctx: ExecutionContext, tables: string[]): Promise<Choice | undefined> {
    const { AutoCache, Offline } = this.options;
    if (!AutoCache && !Offline) return undefined;
    const defs = tables.map((t) => ctx.catalog.findTable(t));
    if (defs.some((d) => !d)) return this.#decline(`${tables.join(', ')} include a system table`);
    if (!isPostgresUrl(this.location) && !fs.existsSync(path.resolve(this.location))) {
      return this.#decline(`there is no replica file ${path.resolve(this.location)}`);
    }
    const target = this.#targetFor(ctx);
    const states = await this.#states(target);
    const layouts: TableLayout[] = [];
    const stale: TableLayout[] = [];
    for (const def of defs.map((d) => d!)) {
      const state = states.get(def.name);
      if (!state) return this.#decline(`${def.name} is not replicated in ${target.description}`);
      const layout = storedLayout(def, state);
      if (layout.columns.length < def.columns.length && !Offline) return undefined;
      layouts.push(layout);
      const old = Date.now() - Date.parse(state.syncedAt) > this.options.CacheTolerance * 1000;
      if (old || this.#written.has(def.name)) stale.push(layout);
    }
    return { target, layouts, stale: Offline ? [] : stale, states };
  }

  changed(tables: string[]): void {
    for (const t of tables) this.#written.add(t);
  }

  #decline(why: string): undefined {
    if (this.options.Offline) {
      throw new BigCommerceSqlError(
        'ERR_OFFLINE_NOT_REPLICATED',
        `Offline=true reads only the replica, and ${why}; replicate it first (REPLICATE <Table>) or set Offline=false`,
      );
    }
    return undefined;
  }

  #targetFor(ctx: ExecutionContext): ReplicaTarget {
    this.#target ??= openTarget(this.location, this.options, storeHashOf(ctx));
    return this.#target;
  }

  async #states(target: ReplicaTarget): Promise<Map<string, SyncState>> {
    try {
      return new Map((await target.states()).map((s) => [s.table, s]));
    } catch (err) {
      if (this.options.Offline || !/no such table|does not exist|unable to open/i.test(String(err)))
        throw err;
      return new Map();
    }
  }

  async close(): Promise<void> {
    this.#reader?.close();
    await this.#target?.close();
  }
}

/** Where the rows come from, and the age of the oldest table's last sync. */
function describe(target: ReplicaTarget, layouts: TableLayout[], states: Map<string, SyncState>): string {
  const oldest = Math.min(...layouts.map((l) => Date.parse(states.get(l.name)!.syncedAt)));
  return `replica ${target.description}, synced ${Math.max(0, Math.round((Date.now() - oldest) / 1000))} s ago`;
}

/** The table as replicated: the catalog's columns that the sync state lists. */
function storedLayout(
  def: NonNullable<ReturnType<ExecutionContext['catalog']['findTable']>>,
  state: SyncState,
): TableLayout {
  const kept = new Set(state.columns.split(','));
  const excluded = new Set(def.columns.filter((c) => !kept.has(c.name)).map((c) => c.name.toLowerCase()));
  return layoutOf(def, excluded);
}

/** A child table syncs against its parent's replica, so the parent comes along (first). */
function withParents(
  ctx: ExecutionContext,
  stale: TableLayout[],
  states: Map<string, SyncState>,
): TableLayout[] {
  const out: TableLayout[] = [];
  const add = (l: TableLayout) => {
    if (out.some((o) => o.name === l.name)) return;
    if (l.strategy.kind === 'children') {
      const parent = ctx.catalog.findTable(l.strategy.parent)!;
      const state = states.get(parent.name);
      add(state ? storedLayout(parent, state) : layoutOf(parent));
    }
    out.push(l);
  };
  stale.forEach(add);
  return out;
}

function storeHashOf(ctx: ExecutionContext): string {
  try {
    return ctx.auth.storeHash();
  } catch {
    return 'store';
  }
}
