/** A table as an assistant needs it: columns, keys, parent, and which WHERE terms go to the API. */
import type { Catalog, TableDef } from '../catalog/types';

export interface TableSchema {
  name: string;
  description: string;
  primaryKey: string[];
  endpoint: string;
  getById: string | null;
  pageSize: number | null;
  /** Child tables: WHERE on this column reads one list per parent instead of a fan-out. */
  parent: { table: string; column: string; parentColumn: string } | null;
  children: string[];
  columns: {
    name: string;
    type: string;
    nullable: boolean;
    description: string;
    references: string | null;
    /** Operators whose WHERE terms on this column are sent to the API. */
    apiFilters: string[];
  }[];
}

export function tableSchema(def: TableDef, catalog: Catalog): TableSchema {
  const filters = def.filters ?? {};
  const filterOps = (column: string) => {
    const key = Object.keys(filters).find((k) => k.toLowerCase() === column.toLowerCase());
    return key ? Object.keys(filters[key] ?? {}) : [];
  };
  const parentOps = (column: string) => (def.parent?.column === column ? ['=', 'IN'] : []);
  return {
    name: def.name,
    description: def.description,
    primaryKey: def.primaryKey,
    endpoint: `GET ${def.api.path}`,
    getById: def.get ? `GET ${def.get.path}` : null,
    pageSize: def.api.pagination === 'none' ? null : (def.api.maxPageSize ?? 250),
    parent: def.parent
      ? { table: def.parent.table, column: def.parent.column, parentColumn: def.parent.parentColumn }
      : null,
    children: catalog.tables.filter((t) => t.parent?.table === def.name).map((t) => t.name),
    columns: def.columns.map((c) => ({
      name: c.name,
      type: c.type,
      nullable: c.nullable !== false && !def.primaryKey.includes(c.name),
      description: c.description,
      references: c.references ? `${c.references.table}.${c.references.column}` : null,
      apiFilters: [...new Set([...parentOps(c.name), ...filterOps(c.name)])],
    })),
  };
}

/** The schema as compact text for a model. */
export function tableSchemaText(s: TableSchema): string {
  const lines = [`${s.name}: ${s.description}`, `primary key: ${s.primaryKey.join(', ')}`];
  lines.push(
    `endpoint: ${s.endpoint}${s.pageSize ? ` (pages of ${s.pageSize})` : ''}${s.getById ? `; by id: ${s.getById}` : ''}`,
  );
  if (s.parent) {
    lines.push(
      `child of ${s.parent.table}: WHERE ${s.parent.column} = … or IN (…) reads one list per ${s.parent.table} row; ` +
        `without it every ${s.parent.table} row is listed first and then one request per row (a fan-out). ` +
        `Joined to a filtered ${s.parent.table} on ${s.parent.column}, it is read per matching row.`,
    );
  }
  if (s.children.length > 0) lines.push(`child tables: ${s.children.join(', ')}`);
  lines.push('columns (name type [NOT NULL] [→ reference] [API filters: ops] — description):');
  for (const c of s.columns) {
    const parts = [`  ${c.name} ${c.type}`];
    if (!c.nullable) parts.push('NOT NULL');
    if (c.references) parts.push(`→ ${c.references}`);
    if (c.apiFilters.length > 0) parts.push(`[API filters: ${c.apiFilters.join(' ')}]`);
    lines.push(`${parts.join(' ')} — ${c.description}`);
  }
  lines.push('WHERE terms on other columns, and any OR or expression, are applied by SQLite after fetching.');
  return lines.join('\n');
}
