/**
 * The rows a write sends, worked out before any write request. The read half of a write is a
 * SELECT planned and run like any other (pushdown, exact request counts), and SQLite evaluates
 * every expression: an UPDATE's SET over the row's current values, its WHERE, INSERT's SELECT.
 */
import type { ColumnDef } from '../../catalog/types';
import { SqlError } from '../../errors';
import { lookupNamed } from '../../sql/parameters';
import { parseStatement } from '../../sql/parseStatement';
import type { Operand, SelectStatement, SqlFragment, WriteStatement } from '../../sql/types';
import type { QueryParams } from '../../types';
import { bindParameters } from '../bindParameters';
import type { ExecutionContext } from '../context';
import { executeSelect, type SelectEnvironment } from '../executeSelect';
import { quoteIdent } from '../stage';

/** One row of a write: its place in the statement (from 1) and its values by column name. */
export interface WriteRow {
  n: number;
  values: Map<string, unknown>;
}

interface Run {
  ctx: ExecutionContext;
  params: QueryParams | undefined;
  env: SelectEnvironment;
}

/** INSERT/UPSERT rows: VALUES evaluated (constants directly, expressions by SQLite) or the SELECT's rows. */
export async function insertRows(run: Run, stmt: WriteStatement, columns: ColumnDef[]): Promise<WriteRow[]> {
  if (stmt.select) {
    const select = parseStatement(stmt.select.text) as SelectStatement;
    const result = await executeSelect(run.ctx, select, run.params, run.env);
    if (result.fields.length !== columns.length) {
      throw new SqlError(
        'ERR_SQL_SYNTAX',
        `the SELECT of INSERT gives ${result.fields.length} columns but the column list names ${columns.length}; make them match`,
      );
    }
    return result.values.map((v, i) => toRow(i + 1, columns, v));
  }
  const bound = bindParameters(stmt, run.params).values;
  const rows: WriteRow[] = [];
  for (const [i, row] of (stmt.values ?? []).entries()) {
    const simple = row.every((f) => f.operand);
    const values = simple ? row.map((f) => operandValue(f.operand!, bound)) : await evaluate(run, row);
    rows.push(toRow(i + 1, columns, values));
  }
  return rows;
}

/**
 * The rows an UPDATE or DELETE touches: `keys` read as they are, then one value per SET expression
 * (evaluated over the current row). Planned as `SELECT keys, exprs FROM t WHERE …`.
 */
export async function matchedRows(
  run: Run,
  stmt: WriteStatement,
  keys: ColumnDef[],
  setColumns: ColumnDef[],
): Promise<WriteRow[]> {
  const list = [
    ...keys.map((c) => quoteIdent(c.name)),
    ...(stmt.set ?? []).map((f, i) => `(${f.text}) AS ${quoteIdent(`__set${i}`)}`),
  ];
  const from = `${quoteIdent(stmt.table.name)}${stmt.table.alias ? ` AS ${quoteIdent(stmt.table.alias)}` : ''}`;
  const text = `SELECT ${list.join(', ')} FROM ${from}${stmt.where ? ` WHERE ${stmt.where.text}` : ''}`;
  const select = parseStatement(text) as SelectStatement;
  const result = await executeSelect(run.ctx, select, run.params, run.env);
  return result.values.map((v, i) => toRow(i + 1, [...keys, ...setColumns], v));
}

/** Which of `ids` (one key column) exist: the UPSERT split between updates and inserts. */
export async function existingKeys(
  run: Run,
  table: string,
  key: ColumnDef,
  ids: unknown[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const literals = ids.map((id) =>
    typeof id === 'number' ? String(id) : `'${String(id).replace(/'/g, "''")}'`,
  );
  const text = `SELECT ${quoteIdent(key.name)} FROM ${quoteIdent(table)} WHERE ${quoteIdent(key.name)} IN (${literals.join(', ')})`;
  const result = await executeSelect(run.ctx, parseStatement(text) as SelectStatement, undefined, run.env);
  return new Set(result.values.map((v) => String(v[0])));
}

function toRow(n: number, columns: ColumnDef[], values: unknown[]): WriteRow {
  return { n, values: new Map(columns.map((c, i) => [c.name, values[i]])) };
}

function operandValue(op: Operand, bound: QueryParams | undefined): unknown {
  if (op.kind === 'literal') return op.value;
  if (op.kind === 'param') return (bound as unknown[])[op.index];
  const hit = lookupNamed(bound, op.name);
  return hit.found ? hit.value : undefined;
}

/** One VALUES row with expressions in it, evaluated by SQLite with only its own placeholders. */
async function evaluate(run: Run, row: SqlFragment[]): Promise<unknown[]> {
  const text = `SELECT ${row.map((f, i) => `(${f.text}) AS ${quoteIdent(`__v${i}`)}`).join(', ')}`;
  const select = parseStatement(text) as SelectStatement;
  const indexes = row.flatMap((f) => f.params);
  const params = Array.isArray(run.params) ? indexes.map((k) => (run.params as unknown[])[k]) : run.params;
  const result = await executeSelect(run.ctx, select, params, run.env);
  return result.values[0];
}
