/**
 * Registers the values given to writeOnly (secret) procedure parameters with the logger, so the
 * statement text and later log lines never show them, whichever call form carried them (a
 * positional `'code'` has no parameter name next to it for the logger's field patterns to catch).
 * Never throws: a statement that names nothing known is left to runProcedure to report.
 */
import type { Catalog } from '../catalog/types';
import type { Logger } from '../log';
import type { ExecStatement } from '../sql/types';
import type { QueryParams } from '../types';

export function registerArgumentSecrets(
  catalog: Catalog,
  stmt: ExecStatement,
  logger: Logger,
  params?: QueryParams,
): void {
  const def = catalog.findProcedure(stmt.procedure);
  if (!def) return;
  const props = def.parameters.properties;
  const names = Object.keys(props);
  let positional = 0;
  for (const arg of stmt.args) {
    const name =
      arg.name === null
        ? names[positional++]
        : names.find((n) => n.toLowerCase() === arg.name!.replace(/^@/, '').toLowerCase());
    if (!name || props[name]?.writeOnly !== true) continue;
    const op = arg.value;
    let value: unknown;
    if (op.kind === 'literal') value = op.value;
    else if (op.kind === 'param' && Array.isArray(params)) value = params[op.index];
    else if (op.kind === 'named' && params && !Array.isArray(params)) {
      const key = Object.keys(params).find(
        (k) => k.replace(/^@/, '').toLowerCase() === op.name.toLowerCase(),
      );
      value = key === undefined ? undefined : params[key];
    }
    if (typeof value === 'string') logger.addSecret(value);
  }
}
