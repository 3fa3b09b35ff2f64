/**
 * A SELECT made ready to plan and run: parameters bound and comparisons typed by the columns they
 * compare with. A column's type is found by its table or alias (`t.Col`), or for a bare `Col` from
 * the statement's tables that have it, when they agree on its type.
 */
import type { Catalog } from '../catalog/types';
import type { SelectStatement } from '../sql/types';
import type { DataType, QueryParams } from '../types';
import { bindParameters, type BoundParameters } from './bindParameters';
import { typeComparisons, type ColumnTypeOf } from './typeComparisons';

type SystemColumns = { name: string; columns: { name: string; type: DataType }[] }[];

/**
 * A SELECT and its parameters as the engine runs and plans them: parameters bound, comparisons
 * typed by their columns (typeComparisons.ts). Pure, so EXPLAIN can show the same plan; throws
 * the same errors a query would, before any request.
 */
export function typedStatement(
  stmt: SelectStatement,
  params: QueryParams | undefined,
  catalog: Catalog,
  systemTables: SystemColumns,
): { stmt: SelectStatement; bound: BoundParameters } {
  const columns = statementColumnTypes(stmt, catalog, systemTables);
  const typed = typeComparisons(stmt.text, bindParameters(stmt, params), columns);
  return { stmt: { ...stmt, text: typed.text }, bound: typed.bound };
}

export function statementColumnTypes(
  stmt: SelectStatement,
  catalog: Catalog,
  systemTables: SystemColumns,
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
