/**
 * Projection: the columns of each table a statement can read. Staging creates and fills only
 * those, and where the endpoint documents `include_fields` (TableDef.api.includeFields) the API
 * is asked only for their fields, which shrinks every page the statement fetches.
 *
 * A column is read when its name appears in the statement (bare, or after a qualifier naming its
 * table or one of its aliases) or a `*` covers its table; see sql/columnNames.ts. A name that
 * could belong to several tables counts for each, so a needed column is never dropped. The keys
 * the engine itself reads always come along: the primary key (page dedup), the parent key of a
 * child table, and for a fan-out the parent's key and whatever `$parent.` columns read.
 */
import type { Catalog, ColumnDef, TableDef } from '../catalog/types';
import type { SelectStatement } from '../sql/types';
import type { ApiTablePlan, TablePlan } from './planSelect';

/** Narrows each API table of a plan to what `stmt` reads; a plan that reads everything is unchanged. */
export function projectTables(stmt: SelectStatement, catalog: Catalog, tables: TablePlan[]): TablePlan[] {
  return tables.map((t) => (t.source === 'api' ? projectTable(stmt, catalog, t) : t));
}

function projectTable(stmt: SelectStatement, catalog: Catalog, plan: ApiTablePlan): ApiTablePlan {
  const def = catalog.findTable(plan.table);
  if (!def) return plan;
  const needed = neededColumns(stmt, def);
  let out = plan;
  if (needed) {
    out = { ...plan, columns: needed.map((c) => c.name) };
    if (plan.mode !== 'count' && def.api.includeFields) out = withFields(out, fieldsOf(def, needed));
  }
  if (plan.fanOut && def.parent) {
    const parent = fanOutParent(def, needed ?? def.columns, catalog, plan.fanOut.parent);
    out = { ...out, fanOut: { ...plan.fanOut, parent } };
  }
  return out;
}

/** The columns of `def` the statement reads, in table order; null when that is all of them. */
export function neededColumns(stmt: SelectStatement, def: TableDef): ColumnDef[] | null {
  const refs = stmt.columnRefs;
  if (!refs) return null;
  const lower = (s: string) => s.toLowerCase();
  const own = new Set([
    lower(def.name),
    ...refs.aliases.filter((a) => lower(a.table) === lower(def.name)).map((a) => lower(a.alias)),
  ]);
  if (refs.everyColumnOf.some((q) => own.has(lower(q)))) return null;
  // A qualifier no FROM item answers to (a CTE, a derived table) could hide any table: count the name for all.
  const known = new Set([
    ...stmt.tables.map((t) => lower(t.name)),
    ...refs.aliases.map((a) => lower(a.alias)),
  ]);
  const wanted = new Set<string>();
  for (const { qualifier, name } of refs.names) {
    const q = qualifier === null ? null : lower(qualifier);
    if (q === null || !known.has(q) || own.has(q)) wanted.add(lower(name));
  }
  for (const k of def.primaryKey) wanted.add(lower(k));
  if (def.parent) wanted.add(lower(def.parent.column));
  const columns = def.columns.filter((c) => wanted.has(lower(c.name)));
  return columns.length === def.columns.length ? null : subset(def, columns);
}

/**
 * The record fields (top level: include_fields takes no paths) the columns read. An unnested
 * table's columns read elements of one array field, which is asked for whole.
 */
export function fieldsOf(def: TableDef, columns: ColumnDef[]): string[] {
  const fields = new Set<string>();
  if (def.unnest) fields.add(def.unnest.split('.')[0]);
  for (const c of columns) {
    if (c.source.startsWith('$parent.')) continue;
    if (c.source.startsWith('$owner.')) fields.add(c.source.slice(7).split('.')[0]);
    else if (!def.unnest) fields.add(c.source.split('.')[0]);
  }
  return [...fields];
}

function withFields(plan: ApiTablePlan, fields: string[]): ApiTablePlan {
  return { ...plan, query: { ...plan.query, include_fields: fields.join(',') }, fields };
}

/** A fan-out's parent listing only feeds keys and `$parent.` columns: ask for just those. */
function fanOutParent(
  child: TableDef,
  childColumns: ColumnDef[],
  catalog: Catalog,
  parentPlan: ApiTablePlan,
): ApiTablePlan {
  const parent = catalog.findTable(parentPlan.table);
  if (!parent?.api.includeFields) return parentPlan;
  const names = new Set([child.parent!.parentColumn, ...parent.primaryKey].map((n) => n.toLowerCase()));
  for (const c of childColumns) {
    if (c.source.startsWith('$parent.')) names.add(c.source.slice(8).toLowerCase());
  }
  const columns = parent.columns.filter((c) => names.has(c.name.toLowerCase()));
  return withFields(parentPlan, fieldsOf(parent, columns));
}

/*
 * The same subset of a table is the same array each time: staging pools databases and caches row
 * mappers by the identity of the column list, so a point query repeated must not make a new one.
 */
const subsets = new WeakMap<TableDef, Map<string, ColumnDef[]>>();
const SUBSETS_PER_TABLE = 64;

function subset(def: TableDef, columns: ColumnDef[]): ColumnDef[] {
  let byKey = subsets.get(def);
  if (!byKey) subsets.set(def, (byKey = new Map()));
  const key = columns.map((c) => c.name).join('\0');
  const hit = byKey.get(key);
  if (hit) return hit;
  if (byKey.size >= SUBSETS_PER_TABLE) byKey.clear();
  byKey.set(key, columns);
  return columns;
}

/** The columns staged for a plan's table: its projection, or every column. */
export function stagedColumns(def: TableDef, plan: ApiTablePlan | undefined): ColumnDef[] {
  if (!plan?.columns) return def.columns;
  const names = new Set(plan.columns.map((n) => n.toLowerCase()));
  return subset(
    def,
    def.columns.filter((c) => names.has(c.name.toLowerCase())),
  );
}

/** The plan reading every column of every table (the same object when it already does). */
export function unprojected<P extends { tables: TablePlan[] }>(plan: P): P {
  if (!plan.tables.some((t) => t.source === 'api' && (t.columns || t.fields || t.fanOut?.parent.fields))) {
    return plan;
  }
  return { ...plan, tables: plan.tables.map((t) => (t.source === 'api' ? everyField(t) : t)) };
}

function everyField(plan: ApiTablePlan): ApiTablePlan {
  const { columns: _columns, fields: _fields, ...rest } = plan;
  const { include_fields: _include, ...query } = plan.query;
  const out: ApiTablePlan = { ...rest, query };
  if (plan.fanOut) out.fanOut = { ...plan.fanOut, parent: everyField(plan.fanOut.parent) };
  return out;
}
