/**
 * Every table's write section is checked against BigCommerce's OpenAPI specs: the endpoints and
 * methods exist, id lists go to a parameter the endpoint lists, array bodies go where the spec
 * takes arrays, and every writable column is a field the request bodies take.
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import type { TableDef } from '../../src/catalog/types';
import { bodyFields, findWriteEndpoint, requiredBodyFields, typeOf } from './openapi';

const catalog = loadCatalog();
const writable = catalog.tables.filter((t) => t.write).map((t) => [t.name, t] as [string, TableDef]);
const KINDS = ['insert', 'update', 'delete'] as const;

describe('write sections', () => {
  it('cover every table the provider promises to write', () => {
    expect(writable.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        'Brands', 'Categories', 'Coupons', 'CustomerAddresses', 'CustomerGroups', 'Customers', 'OrderShipments',
        'Orders', 'PriceListRecords', 'PriceLists', 'ProductCustomFields', 'ProductImages', 'ProductVariants', 'Products',
      ]), // prettier-ignore
    );
  });
});

describe.each(writable)('table %s', (_name, table) => {
  const ops = KINDS.flatMap((k) => (table.write![k] ? [[k, table.write![k]!] as const] : []));

  it('writes through operations the OpenAPI specs define', () => {
    const missing = ops
      .filter(([, op]) => !findWriteEndpoint(op.method, op.path))
      .map(([k, op]) => `${k}: ${op.method} ${op.path}`);
    expect(missing).toEqual([]);
  });

  it('sends id lists only to a query parameter the delete endpoint lists', () => {
    const del = table.write!.delete;
    if (del?.idParam) expect(findWriteEndpoint(del.method, del.path)!.params.has(del.idParam)).toBe(true);
  });

  it('sends an array body exactly where the spec takes one', () => {
    for (const [, op] of ops.filter(([k]) => k !== 'delete')) {
      const ep = findWriteEndpoint(op.method, op.path)!;
      expect([op.path, typeOf(ep.doc, ep.body) === 'array']).toEqual([op.path, op.body === 'array']);
    }
  });

  it('lets INSERT and UPDATE set only fields the request bodies take', () => {
    const fields = new Set(
      ops
        .filter(([k]) => k !== 'delete')
        .flatMap(([, op]) => [...bodyFields(findWriteEndpoint(op.method, op.path)!)]),
    );
    const strays = table.columns
      .filter((c) => c.readOnly === false && !fields.has(c.source.split('.')[0]))
      .map((c) => `${c.name} ← ${c.source}`);
    expect(strays).toEqual([]);
  });

  it('puts in every update body the fields the spec requires there', () => {
    const op = table.write!.update;
    if (!op) return;
    const sent = new Set(
      table.columns
        .filter((c) => table.primaryKey.includes(c.name) || op.carry?.includes(c.name))
        .map((c) => c.source.split('.')[0]),
    );
    const missing = requiredBodyFields(findWriteEndpoint(op.method, op.path)!).filter((f) => !sent.has(f));
    expect(missing).toEqual([]);
  });
});
