/** The tables statements can read from the store, by the exact name PostgreSQL resolves. */
import type { SystemTable } from '../../catalog/systemTables';
import type { Catalog } from '../../catalog/types';
import type { StoreShape } from './planFetches';

export function storeShapes(catalog: Catalog, systemTables: readonly SystemTable[]): Map<string, StoreShape> {
  const shapes = new Map<string, StoreShape>();
  for (const t of catalog.tables) {
    shapes.set(t.name, {
      name: t.name,
      columns: t.columns,
      primaryKey: t.primaryKey,
      view: t.type === 'VIEW',
    });
  }
  for (const s of systemTables)
    shapes.set(s.name, { name: s.name, columns: s.columns, primaryKey: [], view: false });
  return shapes;
}
