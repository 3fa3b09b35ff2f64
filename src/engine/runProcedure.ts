/**
 * Runs an EXEC statement: finds the procedure, binds and validates its arguments (all before any
 * HTTP request), calls the handler from the explicit registry and shapes the rows into the
 * procedure's declared result columns.
 */
import type { ProcedureDef } from '../catalog/types';
import { BigCommerceSqlError, CatalogError, didYouMean, SqlError } from '../errors';
import { bindArguments } from '../procedures/bindArguments';
import { findHandler } from '../procedures/registry';
import { registerArgumentSecrets } from '../procedures/registerArgumentSecrets';
import { validateArguments } from '../procedures/validateArguments';
import { SECRET_MASK } from '../options/properties';
import type { ExecStatement } from '../sql/types';
import type { QueryParams, Row } from '../types';
import type { EngineResult } from './rowShape';
import type { ExecutionContext } from './context';

export async function runProcedure(
  ctx: ExecutionContext,
  stmt: ExecStatement,
  params?: QueryParams,
): Promise<EngineResult> {
  const def = findProcedure(ctx, stmt.procedure);
  if (def.writes && ctx.options.ReadOnly) {
    throw new BigCommerceSqlError(
      'ERR_READ_ONLY_CONNECTION',
      `${def.name} refused: it changes the store and the connection has ReadOnly=true; connect without it to run it`,
    );
  }
  registerArgumentSecrets(ctx.catalog, stmt, ctx.logger, params);
  const args = validateArguments(def, bindArguments(def, stmt.args, params));
  const handler = findHandler(def.handler);
  if (!handler) {
    throw new CatalogError(
      'ERR_UNKNOWN_HANDLER',
      `procedures/${def.name}.json names handler "${def.handler}", which src/procedures/registry.ts does not have`,
      { procedure: def.name },
    );
  }
  const oauthBefore = ctx.oauthRequests.count;
  const apiBefore = ctx.client.requestCount;
  ctx.logger.log(2, `EXEC ${def.name}`);
  const values = (await handler(ctx, args)).map((r) => project(def, r, ctx.maskSecrets === true));
  return {
    command: 'EXEC',
    fields: def.result.map((c) => ({ name: c.name, dataType: c.type })),
    values,
    warnings: ctx.warnings,
    requestCount: ctx.oauthRequests.count - oauthBefore + (ctx.client.requestCount - apiBefore),
  };
}

function findProcedure(ctx: ExecutionContext, name: string): ProcedureDef {
  const def = ctx.catalog.findProcedure(name);
  if (def) return def;
  const names = ctx.catalog.procedures.map((p) => p.name).sort();
  throw new SqlError(
    'ERR_UNKNOWN_PROCEDURE',
    `Unknown procedure "${name}"${didYouMean(name, names) || '.'} Procedures that exist: ${names.join(', ') || '(none)'}.`,
    { property: name },
  );
}

/**
 * Rows carry exactly the declared result columns, in order; a column the handler did not fill is
 * NULL. With `mask`, secret columns carry the mask before anything (a SELECT over the procedure
 * included) can read them.
 */
function project(def: ProcedureDef, row: Row, mask: boolean): unknown[] {
  return def.result.map((c) => {
    const v = row[c.name] ?? null;
    return mask && c.secret && v !== null ? SECRET_MASK : v;
  });
}
