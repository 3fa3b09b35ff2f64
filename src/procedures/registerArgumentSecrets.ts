/**
 * Which values of a statement are secrets: those given to writeOnly procedure parameters, whichever
 * call form carried them (EXEC with named or positional arguments, `SELECT … FROM Proc WHERE
 * Param = 'x'` in either order, quoted names, EXPLAIN of such a SELECT). Decided from the parsed
 * statement and the procedure definitions, so the logger, the shell's history and anything else
 * agree. Never throws: a statement that names nothing known is left to runProcedure to report.
 */
import type { Catalog, ProcedureDef } from '../catalog/types';
import type { Logger } from '../log';
import { allNamedValues, matchingNames } from '../sql/parameters';
import type { ExecStatement, Operand, SelectStatement, Statement } from '../sql/types';
import type { QueryParams } from '../types';

export interface StatementSecrets {
  /** Values passed to secret parameters (placeholders resolved from params when given). */
  values: string[];
  /** True when the statement passes a secret parameter (even through a placeholder). */
  passesSecret: boolean;
  /**
   * True when the statement reaches a procedure with secret parameters in a way whose arguments
   * cannot be told apart (a WHERE with OR, a join): its whole text must be withheld.
   */
  opaque: boolean;
}

export function statementSecrets(catalog: Catalog, stmt: Statement, params?: QueryParams): StatementSecrets {
  const out: StatementSecrets = { values: [], passesSecret: false, opaque: false };
  if (stmt.kind === 'exec') execSecrets(catalog, stmt, params, out);
  else if (stmt.kind !== 'replicate' && stmt.kind !== 'write')
    selectSecrets(catalog, stmt.kind === 'explain' ? stmt.select : stmt, params, out);
  return out;
}

/** Registers the statement's secret values with the logger, so the text and later log lines never show them. */
export function registerArgumentSecrets(
  catalog: Catalog,
  stmt: Statement,
  logger: Logger,
  params?: QueryParams,
): void {
  for (const value of statementSecrets(catalog, stmt, params).values) logger.addSecret(value);
}

function execSecrets(
  catalog: Catalog,
  stmt: ExecStatement,
  params: QueryParams | undefined,
  out: StatementSecrets,
) {
  const def = catalog.findProcedure(stmt.procedure);
  if (!def) return;
  const names = Object.keys(def.parameters.properties);
  let positional = 0;
  for (const arg of stmt.args) {
    const name = arg.name === null ? names[positional++] : matchingNames(names, arg.name)[0];
    if (name && isSecret(def, name)) add(out, arg.value, params);
  }
}

function selectSecrets(
  catalog: Catalog,
  stmt: SelectStatement,
  params: QueryParams | undefined,
  out: StatementSecrets,
) {
  for (const ref of stmt.tables) {
    if (catalog.findTable(ref.name)) continue;
    const def = catalog.findProcedure(ref.name);
    if (!def || !Object.keys(def.parameters.properties).some((n) => isSecret(def, n))) continue;
    const single = stmt.single;
    if (!single || single.residual || stmt.tables.length !== 1) {
      out.opaque = true;
      out.passesSecret = true;
      continue;
    }
    const names = Object.keys(def.parameters.properties);
    for (const term of single.conjuncts) {
      const name = matchingNames(names, term.column)[0];
      if (name && isSecret(def, name)) for (const v of term.values) add(out, v, params);
    }
  }
}

function isSecret(def: ProcedureDef, name: string): boolean {
  return def.parameters.properties[name]?.writeOnly === true;
}

function add(out: StatementSecrets, op: Operand, params: QueryParams | undefined) {
  if (op.kind === 'literal' && op.value === null) return;
  out.passesSecret = true;
  for (const value of argumentValues(op, params)) {
    if (typeof value === 'string' || typeof value === 'number') out.values.push(String(value));
  }
}

/** Every value the argument may take; a placeholder given twice yields both, so neither shows. */
function argumentValues(op: Operand, params?: QueryParams): unknown[] {
  if (op.kind === 'literal') return [op.value];
  if (op.kind === 'param') return Array.isArray(params) ? [params[op.index]] : [];
  return allNamedValues(params, op.name);
}
