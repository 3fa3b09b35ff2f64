/**
 * Each table's rows as the simulator's store holds them, with the parent row for `$parent.`
 * columns: what the differential tests stage directly in SQLite to compare query results with.
 */
import type { SimStore } from '../../src/simulator';
import type { Row } from '../../src/types';

export interface SeedRecord {
  record: Record<string, unknown>;
  parent?: Row;
}

export function seedRecords(store: SimStore, table: string): SeedRecord[] {
  const perProduct = (fn: (id: number) => Record<string, unknown>[]) =>
    store.ids('products').flatMap((id) => fn(id).map((record) => ({ record, parent: { Id: id } })));
  const plain = (rows: Record<string, unknown>[]) => rows.map((record) => ({ record }));
  const extra = store.extras.rows(table);
  if (extra) {
    return extra.map(({ record, parentId, parent }) =>
      parent
        ? { record, parent }
        : parentId === undefined
          ? { record }
          : { record, parent: { Id: parentId } },
    );
  }
  switch (table) {
    case 'ProductCustomFields':
      return perProduct((id) => store.productCustomFields(id));
    case 'ProductVariants':
      return perProduct((id) => store.productVariants(id));
    case 'ProductImages':
      return perProduct((id) => store.productImages(id));
    case 'ProductOptions':
      return perProduct((id) => store.productOptions(id));
    case 'OrderItems':
      return plain(store.records('orderProducts'));
    case 'Stores':
      return plain(store.records('store'));
    default: {
      const name = (table[0].toLowerCase() + table.slice(1)) as Parameters<SimStore['records']>[0];
      return plain(store.records(name));
    }
  }
}
