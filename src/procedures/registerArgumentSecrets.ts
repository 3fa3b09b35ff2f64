/**
 * Registers the values given to writeOnly (secret) procedure parameters with the logger, so the
 * statement text and later log lines never show them, whichever call form carried them (a
 * positional `'code'` has no parameter name next to it for the logger's field patterns to catch).
 * Never throws: a statement that names nothing known is left to runProcedure to report.
 */
import type { Catalog } from '../catalog/types';
import type { Logger } from '../log';
import { allNamedValues, matchingNames } from '../sql/parameters';
import type { ExecStatement, Operand } from '../sql/types';
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
    const name = arg.name === null ? names[positional++] : matchingNames(names, arg.name)[0];
    if (!name || props[name]?.writeOnly !== true) continue;
    for (const value of argumentValues(arg.value, params)) {
      if (typeof value === 'string') logger.addSecret(value);
    }
  }
}

/** Every value the argument may take; a placeholder given twice yields both, so neither shows. */
function argumentValues(op: Operand, params?: QueryParams): unknown[] {
  if (op.kind === 'literal') return [op.value];
  if (op.kind === 'param') return Array.isArray(params) ? [params[op.index]] : [];
  return allNamedValues(params, op.name);
}
