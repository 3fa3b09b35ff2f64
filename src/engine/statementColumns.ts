/**
 * The declared type of a column a statement names, for typeComparisons: `t.Col` by the table or
 * alias `t`, a bare `Col` by the statement's tables that have it when they agree on its type.
 */
import type { Catalog } from '../catalog/types';
import type { SelectStatement } from '../sql/types';
import type { DataType } from '../types';
import type { ColumnTypeOf } from './typeComparisons';

export function statementColumnTypes(
  stmt: SelectStatement,
  catalog: Catalog,
  systemTables: { name: string; columns: { name: string; type: DataType }[] }[],
): ColumnTypeOf {
  const same = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();
  const tables = stmt.tables.map((ref) => ({
    ref,
    columns:
      catalog.findTable(ref.name)?.columns ?? systemTables.find((t) => same(t.name, ref.name))?.columns ?? [],
  }));
  return ({ qualifier, name }) => {
    const typeIn = (t: (typeof tables)[number]) => t.columns.find((c) => same(c.name, name))?.type;
    if (qualifier) {
      const owner = tables.find((t) => same(t.ref.alias, qualifier) || same(t.ref.name, qualifier));
      const type = owner && typeIn(owner);
      if (type) return type;
    }
    const types = new Set(tables.map(typeIn).filter((t) => t !== undefined));
    return types.size === 1 ? [...types][0] : undefined;
  };
}
