/** A sync run over several tables, parents before children, one transaction per table. */
import type { ExecutionContext } from '../engine/context';
import { BigCommerceSqlError } from '../errors';
import { REPLICATE_FIELDS } from '../engine/replicaHooks';
import type { EngineResult } from '../engine/rowShape';
import type { TableLayout } from './layout';
import { syncTable, type TableSummary } from './syncTable';
import type { ReplicaTarget } from './targets/types';

export async function runSync(
  ctx: ExecutionContext,
  target: ReplicaTarget,
  layouts: TableLayout[],
  onTable?: (summary: TableSummary) => void,
): Promise<TableSummary[]> {
  const storeHash = ctx.auth.storeHash();
  await target.init();
  const byName = new Map(layouts.map((l) => [l.name, l]));
  for (const l of layouts) {
    await target.ensureTable(l, l.strategy.kind === 'children' ? byName.get(l.strategy.parent) : undefined);
  }
  const states = new Map((await target.states()).map((s) => [s.table, s]));
  const other = [...states.values()].find((s) => s.storeHash !== storeHash);
  if (other) {
    throw new BigCommerceSqlError(
      'ERR_REPLICA_STORE',
      `the replica ${target.description} holds store ${other.storeHash}, not ${storeHash}: use another file or schema for each store`,
    );
  }
  const run = { ctx, target, storeHash, states, layouts: byName };
  const out: TableSummary[] = [];
  for (const layout of layouts) {
    const summary = await syncTable(run, layout);
    out.push(summary);
    onTable?.(summary);
    ctx.logger.log(
      1,
      `replicated ${summary.table} (${summary.mode}): +${summary.inserted} ~${summary.updated} -${summary.deleted}, ${summary.rows} rows, ${summary.requests} requests, ${summary.ms} ms`,
    );
  }
  return out;
}

/** The summary as a result set: one row per table. */
export function summaryResult(summaries: TableSummary[], warnings: string[]): EngineResult {
  return {
    command: 'REPLICATE',
    fields: [...REPLICATE_FIELDS],
    values: summaries.map((s) => [
      s.table,
      s.mode,
      s.inserted,
      s.updated,
      s.deleted,
      s.rows,
      s.requests,
      Math.round(s.ms / 100) / 10,
    ]),
    warnings,
    requestCount: summaries.reduce((n, s) => n + s.requests, 0),
  };
}
