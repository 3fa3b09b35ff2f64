/**
 * Result rows as the caller asked for them (QueryOptions.rowMode), shaped once from the engine's
 * value arrays: objects keyed by column name by default, or arrays in column order with rowMode
 * 'array', as in node-postgres.
 *
 * Two columns can share a name (`SELECT p.Id, v.Id …`): `fields` lists both, but an object row has
 * one key per name, so it keeps the last column's value (node-postgres does the same). An array
 * row keeps every value; that is what rowMode 'array' is for.
 */
import type { FieldInfo, QueryResult, Row } from '../types';

export type RowMode = 'array' | undefined;

/** What the engine answers: every row as values in the order of `fields`, already typed. */
export interface EngineResult {
  command: QueryResult['command'];
  fields: FieldInfo[];
  values: unknown[][];
  warnings: string[];
  requestCount: number;
  /** Rows a write affected; absent means the number of rows returned. */
  rowCount?: number;
  /** Set when the rows came from the replica (QueryResult.servedFrom). */
  servedFrom?: string;
}

/** An object row; a duplicated name keeps the value of its last column. */
export function toRow(values: unknown[], fields: FieldInfo[]): Row {
  const row: Row = {};
  for (let i = 0; i < fields.length; i++) row[fields[i].name] = values[i];
  return row;
}

/** One row in the requested mode. */
export function shapeRow(values: unknown[], fields: FieldInfo[], rowMode: RowMode): Row | unknown[] {
  return rowMode === 'array' ? values : toRow(values, fields);
}

/** The engine's answer as the caller's QueryResult. */
export function shapeResult(result: EngineResult, rowMode: RowMode): QueryResult<Row | unknown[]> {
  const { values, ...rest } = result;
  const rows = values.map((v) => shapeRow(v, result.fields, rowMode));
  return { ...rest, rows, rowCount: result.rowCount ?? rows.length };
}
