/**
 * The keys a child (or lookup-only) table's list path is built from. Each `{Column}` placeholder
 * of api.path names a column of the table; a parent row (in the parent's column names) fills it.
 */
import type { TableDef } from '../catalog/types';

/** [this table's column, the parent's column that fills it], the parent key first. */
export function pathKeys(def: TableDef): [string, string][] {
  if (def.lookup) return [[def.lookup.column, def.lookup.column]];
  if (!def.parent) return [];
  return [[def.parent.column, def.parent.parentColumn], ...Object.entries(def.parent.pathKeys ?? {})];
}

/** api.path with every placeholder filled from `row`; undefined when the row lacks a key. */
export function fillPath(def: TableDef, path: string, row: Record<string, unknown>): string | undefined {
  const keys = pathKeys(def);
  let missing = false;
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const pair = keys.find(([column]) => column.toLowerCase() === name.toLowerCase());
    const value = pair ? valueOf(row, pair[1]) : undefined;
    if (value === null || value === undefined || value === '') missing = true;
    return encodeURIComponent(String(value ?? ''));
  });
  return missing ? undefined : filled;
}

/** Every combination of the key values, one row (in the parent's column names) each. */
export function keyRows(values: [string, (string | number)[]][]): Record<string, string | number>[] {
  let rows: Record<string, string | number>[] = [{}];
  for (const [column, list] of values) {
    rows = rows.flatMap((row) => list.map((v) => ({ ...row, [column]: v })));
  }
  return rows;
}

function valueOf(row: Record<string, unknown>, column: string): unknown {
  if (column in row) return row[column];
  const k = Object.keys(row).find((x) => x.toLowerCase() === column.toLowerCase());
  return k === undefined ? undefined : row[k];
}
