import { loadCatalog } from '../../src/catalog/loadCatalog';
import { fillPath, keyRows, pathKeys } from '../../src/engine/childKeys';

const catalog = loadCatalog();
const def = (name: string) => catalog.findTable(name)!;

describe('child path keys', () => {
  it('name the parent key first, then the further keys of a path under a child table', () => {
    expect(pathKeys(def('OrderItems'))).toEqual([['OrderId', 'Id']]);
    expect(pathKeys(def('ShippingConsignmentQuotes'))).toEqual([
      ['ShippingAddressId', 'Id'],
      ['OrderId', 'OrderId'],
    ]);
    expect(pathKeys(def('AbandonedCarts'))).toEqual([['Token', 'Token']]);
    expect(pathKeys(def('Products'))).toEqual([]);
  });

  it('fill every placeholder from a parent row, encoded, and give up when a key is missing', () => {
    const quotes = def('ShippingConsignmentQuotes');
    expect(fillPath(quotes, quotes.api.path, { Id: 7, OrderId: 5 })).toBe(
      '/v2/orders/5/shipping_addresses/7/shipping_quotes',
    );
    expect(fillPath(quotes, quotes.api.path, { Id: 7 })).toBeUndefined();
    const carts = def('AbandonedCarts');
    expect(fillPath(carts, carts.api.path, { Token: 'a/b?c' })).toBe('/v3/abandoned-carts/a%2Fb%3Fc');
  });

  it('combine every value of each key, one row per combination', () => {
    expect(
      keyRows([
        ['Id', [7, 8]],
        ['OrderId', [5]],
      ]),
    ).toEqual([
      { Id: 7, OrderId: 5 },
      { Id: 8, OrderId: 5 },
    ]);
  });
});
