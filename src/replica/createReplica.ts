/** The replica a Connection is given (see engine/replicaHooks.ts): REPLICATE and cached reads. */
import type { ExecutionContext } from '../engine/context';
import type { ReplicaFactory, ReplicaHooks } from '../engine/replicaHooks';
import type { ConnectionOptions } from '../options/types';
import type { ReplicateStatement } from '../sql/types';
import type { EngineResult } from '../engine/rowShape';
import { layoutsFor } from './layout';
import { defaultTarget, openTarget } from './openTarget';
import { ReplicaCache } from './ReplicaCache';
import { runSync, summaryResult } from './runSync';

export const createReplica: ReplicaFactory = (options: ConnectionOptions): ReplicaHooks => {
  const cache =
    options.CacheConnection || options.CacheLocation
      ? new ReplicaCache(options, defaultTarget(options))
      : undefined;
  return {
    cache,
    replicate: (ctx, stmt) => replicate(ctx, stmt),
    close: async () => cache?.close(),
  };
};

/** REPLICATE: the named tables into INTO's target, or the connection's, or bigcommerce.db. */
export async function replicate(ctx: ExecutionContext, stmt: ReplicateStatement): Promise<EngineResult> {
  const layouts = layoutsFor(ctx.catalog, stmt);
  const target = openTarget(stmt.target ?? defaultTarget(ctx.options), ctx.options, ctx.auth.storeHash());
  try {
    return summaryResult(await runSync(ctx, target, layouts), ctx.warnings);
  } finally {
    await target.close();
  }
}
