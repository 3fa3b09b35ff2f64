/**
 * Result rows as the caller asked for them (QueryOptions.rowMode): objects keyed by column name by
 * default, or arrays in column order with rowMode 'array', as in node-postgres.
 *
 * Two columns can share a name (`SELECT p.Id, v.Id …`): `fields` lists both, but an object row has
 * one key per name, so it keeps the last column's value (node-postgres does the same). An array
 * row keeps every value; that is what rowMode 'array' is for.
 */
import type { FieldInfo, QueryResult, Row } from '../types';

export type RowMode = 'array' | undefined;

/** SQLite's values typed by their columns: booleans are stored as 0/1. */
export function typedValues(values: unknown[], fields: FieldInfo[]): unknown[] {
  return fields.map((f, i) => {
    const v = values[i];
    return f.dataType === 'boolean' && typeof v === 'number' ? v !== 0 : v;
  });
}

/** An object row; a duplicated name keeps the value of its last column. */
export function toRow(values: unknown[], fields: FieldInfo[]): Row {
  const row: Row = {};
  for (let i = 0; i < fields.length; i++) row[fields[i].name] = values[i];
  return row;
}

/** One row in the requested mode, from values in column order. */
export function shapeRow(values: unknown[], fields: FieldInfo[], rowMode: RowMode): Row | unknown[] {
  const typed = typedValues(values, fields);
  return rowMode === 'array' ? typed : toRow(typed, fields);
}

/**
 * Object rows (a procedure's, whose result columns have distinct names) as arrays in the order of
 * `fields`.
 */
export function rowsAsArrays(result: QueryResult): QueryResult<unknown[]> {
  return { ...result, rows: result.rows.map((r) => result.fields.map((f) => r[f.name])) };
}
