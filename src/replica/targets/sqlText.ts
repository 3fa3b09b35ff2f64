/** SQL text both targets share: the merge of a change set staged in a temporary table. */
import { quoteIdent as q } from '../../engine/stage';
import type { TableLayout } from '../layout';

export const STATE_TABLE = '_bcsql_sync_state';

export function columnList(layout: TableLayout, prefix = ''): string {
  return layout.columns.map((c) => prefix + q(c.name)).join(', ');
}

/** `a.k1 = b.k1 AND …` over the primary key. */
export function keyMatch(layout: TableLayout, a: string, b: string): string {
  return layout.primaryKey.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(' AND ');
}

/**
 * INSERT … ON CONFLICT DO UPDATE that touches only rows whose values differ, so the affected-row
 * count is inserted + really updated. `differs` renders "these two columns differ" per dialect.
 */
export function upsertSql(
  layout: TableLayout,
  table: string,
  staged: string,
  differs: (a: string, b: string) => string,
): string {
  const cols = columnList(layout);
  const keys = layout.primaryKey.map(q).join(', ');
  const rest = layout.columns.filter((c) => !layout.primaryKey.includes(c.name)).map((c) => q(c.name));
  const base = `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${staged} WHERE true ON CONFLICT (${keys})`;
  if (rest.length === 0) return `${base} DO NOTHING`;
  const set = rest.map((c) => `${c} = excluded.${c}`).join(', ');
  const changed = rest.map((c) => differs(`${table}.${c}`, `excluded.${c}`)).join(' OR ');
  return `${base} DO UPDATE SET ${set} WHERE ${changed}`;
}

/** Rows of the staged set not yet in the table: the inserts among the upserts. */
export function newRowsSql(layout: TableLayout, table: string, staged: string): string {
  return `SELECT count(*) AS n FROM ${staged} s WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${keyMatch(layout, 't', 's')})`;
}

export function notStagedSql(layout: TableLayout, table: string, staged: string): string {
  return `NOT EXISTS (SELECT 1 FROM ${staged} s WHERE ${keyMatch(layout, 's', table)})`;
}
