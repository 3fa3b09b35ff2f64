/**
 * What a replicated table looks like and how it is kept fresh, derived from its table file:
 * - `incremental`: a datetime column (DateModified first) whose `>=` maps to an API filter
 *   (`date_modified:min`, `min_date_modified`): each run asks only for rows changed since the
 *   high-water mark;
 * - `children`: a child table (OrderItems under Orders) is re-read only under parents changed
 *   since its own high-water mark, read from the replicated parent table;
 * - `full`: anything else is read whole and replaces the replica's rows.
 */
import { filterParams } from '../catalog/filterMapping';
import type { Catalog, ColumnDef, TableDef } from '../catalog/types';
import { pathKeys } from '../engine/childKeys';
import { BigCommerceSqlError } from '../errors';
import type { ReplicateStatement } from '../sql/types';

export type Strategy =
  | { kind: 'incremental'; column: string; param: string }
  | { kind: 'children'; parent: string; column: string; parentColumn: string }
  | { kind: 'full' };

export interface TableLayout {
  name: string;
  def: TableDef;
  /** The replicated columns, in table-file order (EXCLUDE COLUMNS left out). */
  columns: ColumnDef[];
  primaryKey: string[];
  strategy: Strategy;
}

/** The tables a REPLICATE names, each child after its parent (which is added when missing). */
export function layoutsFor(
  catalog: Catalog,
  stmt: Pick<ReplicateStatement, 'tables' | 'excludeColumns'>,
): TableLayout[] {
  const names = stmt.tables === 'ALL' ? catalog.tables.filter(replicable).map((t) => t.name) : stmt.tables;
  const ordered: TableDef[] = [];
  const add = (name: string) => {
    const def = catalog.findTable(name);
    if (!def) throw unknownTable(catalog, name);
    if (ordered.includes(def)) return;
    if (!replicable(def)) {
      throw new BigCommerceSqlError(
        'ERR_REPLICA_TABLE',
        `${def.name} cannot be replicated: it is not a table the API can list`,
      );
    }
    if (def.parent) add(def.parent.table);
    ordered.push(def);
  };
  for (const n of names) add(n);
  const excluded = parseExclusions(catalog, ordered, stmt.excludeColumns);
  return ordered.map((def) => layoutOf(def, excluded.get(def.name) ?? new Set()));
}

/** Listable without input: no path placeholder, or a child whose placeholders its parent fills. */
function replicable(def: TableDef): boolean {
  const placeholders = (def.api.path.match(/\{[^}]+\}/g) ?? []).map((p) => p.slice(1, -1).toLowerCase());
  if (placeholders.length === 0) return true;
  if (!def.parent || def.lookup) return false;
  const filled = pathKeys(def).map(([column]) => column.toLowerCase());
  return placeholders.every((p) => filled.includes(p));
}

export function layoutOf(def: TableDef, excluded: Set<string> = new Set()): TableLayout {
  const columns = def.columns.filter((c) => !excluded.has(c.name.toLowerCase()));
  return { name: def.name, def, columns, primaryKey: def.primaryKey, strategy: strategyOf(def) };
}

function strategyOf(def: TableDef): Strategy {
  if (def.parent) return { kind: 'children', ...def.parent, parent: def.parent.table };
  // Rows unnested from records have other keys than the records the count and id listing see.
  if (def.unnest) return { kind: 'full' };
  const dates = def.columns.filter((c) => c.type === 'datetime' && def.filters?.[c.name]?.['>=']);
  dates.sort((a, b) => rank(a) - rank(b));
  const date = dates[0];
  if (!date) return { kind: 'full' };
  return { kind: 'incremental', column: date.name, param: filterParams(def.filters![date.name]!['>=']!)[0] };
}

const rank = (c: ColumnDef) => (/modified|updated/i.test(c.name) ? 0 : 1);

/** `Column` applies to every named table that has it; `Table.Column` to one. Keys may not be excluded. */
function parseExclusions(catalog: Catalog, defs: TableDef[], items: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const item of items) {
    const dot = item.lastIndexOf('.');
    const tableName = dot > 0 ? item.slice(0, dot) : undefined;
    const column = (dot > 0 ? item.slice(dot + 1) : item).toLowerCase();
    const targets = tableName ? defs.filter((d) => d.name.toLowerCase() === tableName.toLowerCase()) : defs;
    if (tableName && targets.length === 0) throw unknownTable(catalog, tableName);
    const hits = targets.filter((d) => d.columns.some((c) => c.name.toLowerCase() === column));
    if (hits.length === 0) {
      throw new BigCommerceSqlError(
        'ERR_REPLICA_EXCLUDE',
        `EXCLUDE COLUMNS names ${item}, which is not a column of ${targets.map((d) => d.name).join(', ')}`,
      );
    }
    for (const d of hits) {
      if (keyColumns(d).includes(column)) {
        throw new BigCommerceSqlError(
          'ERR_REPLICA_EXCLUDE',
          `EXCLUDE COLUMNS cannot leave out ${d.name}.${item.slice(dot + 1)}: the replica needs its keys`,
        );
      }
      const set = out.get(d.name) ?? new Set<string>();
      set.add(column);
      out.set(d.name, set);
    }
  }
  return out;
}

function keyColumns(def: TableDef): string[] {
  const keys = [...def.primaryKey];
  if (def.parent) keys.push(def.parent.column);
  const dateKey = strategyOf(def);
  if (dateKey.kind === 'incremental') keys.push(dateKey.column);
  return keys.map((k) => k.toLowerCase());
}

function unknownTable(catalog: Catalog, name: string): BigCommerceSqlError {
  const known = catalog.tables.filter(replicable).map((t) => t.name);
  return new BigCommerceSqlError(
    'ERR_REPLICA_TABLE',
    `REPLICATE names ${name}, which is not a table; replicable tables: ${known.join(', ')}`,
  );
}

/** The parent table's layout column for a `$parent.` source (child tables read their parent key). */
export function keyOf(layout: TableLayout, row: unknown[]): string {
  return layout.primaryKey
    .map((k) => JSON.stringify(row[layout.columns.findIndex((c) => c.name === k)] ?? null))
    .join('|');
}
