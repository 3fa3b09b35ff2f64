import { handleApi } from '../../src/simulator/api';
import * as customerRecords from '../../src/simulator/api/records/customers';
import * as orderRecords from '../../src/simulator/api/records/orders';
import * as productRecords from '../../src/simulator/api/records/products';
import { createStore, type ApiRecord, type MutableResource, type SimStore } from '../../src/simulator/store';

const opts = { seed: 7, products: 300, customers: 200, orders: 400, storeHash: 'idx7' };
const LATER = Date.UTC(2030, 0, 2, 3, 4, 5);

function get(s: SimStore, path: string, query: string): unknown {
  return handleApi(s, { method: 'GET', path, query: new URLSearchParams(query), body: undefined }).body;
}

const TABLE: Record<MutableResource, 'products' | 'customers' | 'orders'> = {
  products: 'products',
  customers: 'customers',
  orders: 'orders',
};

/** A store with every kind of edit: modified, appended and deleted records in each resource. */
function editedStore(): SimStore {
  const s = createStore(opts);
  for (const resource of ['products', 'customers', 'orders'] as const) {
    s.mutate({ resource, action: 'modify', id: 5, at: LATER });
    s.mutate({ resource, action: 'modify', id: 40, at: LATER + 1000 });
    s.mutate({ resource, action: 'append', at: LATER + 2000 });
    s.mutate({ resource, action: 'delete', id: 7 });
  }
  return s;
}

describe('simulator: the index of modification dates', () => {
  it.each(['products', 'customers', 'orders'] as const)(
    'gives every live %s record the date_modified its record carries, edits included',
    (resource) => {
      const s = editedStore();
      const records = s.records(TABLE[resource]);
      expect(records).toHaveLength(opts[resource]);
      for (const r of records) {
        expect(s.modifiedMs(resource, r.id as number)).toBe(Date.parse(r.date_modified as string));
      }
    },
  );

  it('answers date filters with the same records as filtering every record would', () => {
    const s = editedStore();
    const all = s.records('products');
    const cut = [...all.map((r) => Date.parse(r.date_modified as string))].sort((a, b) => a - b)[150];
    const since = new Date(cut).toISOString().replace('.000Z', 'Z');
    const expected = all.filter((r) => Date.parse(r.date_modified as string) >= cut).map((r) => r.id);
    const page = get(s, '/v3/catalog/products', `date_modified:min=${since}&limit=250`) as {
      data: ApiRecord[];
      meta: { pagination: { total: number } };
    };
    expect(page.meta.pagination.total).toBe(expected.length);
    expect(page.data.map((r) => r.id)).toEqual(expected);
    const orders = s.records('orders');
    const orderCut = Date.parse(orders[200].date_modified as string);
    const v2since = new Date(orderCut).toISOString();
    const v2 = get(s, '/v2/orders', `min_date_modified=${v2since}&limit=250`) as ApiRecord[];
    const v2expected = orders
      .filter((o) => Date.parse(o.date_modified as string) >= orderCut)
      .map((o) => o.id);
    expect(v2.map((o) => o.id)).toEqual(v2expected.slice(0, 250));
    const count = get(s, '/v2/orders/count', `min_date_modified=${v2since}`) as { count: number };
    expect(count.count).toBe(v2expected.length);
  });

  it('builds only the records a date filter returns', () => {
    const s = editedStore();
    const products = jest.spyOn(productRecords, 'buildProduct');
    const customers = jest.spyOn(customerRecords, 'buildCustomer');
    const orders = jest.spyOn(orderRecords, 'buildOrder');
    const models = jest.spyOn(orderRecords, 'orderModel');
    try {
      const since = new Date(LATER).toISOString();
      const p = get(s, '/v3/catalog/products', `date_modified:min=${since}&limit=250`) as {
        data: ApiRecord[];
      };
      const c = get(s, '/v3/customers', `date_modified:min=${since}&limit=250`) as { data: ApiRecord[] };
      const o = get(s, '/v2/orders', `min_date_modified=${since}&limit=250`) as ApiRecord[];
      for (const list of [p.data, c.data, o])
        expect(list.map((r) => r.id)).toEqual([5, 40, expect.any(Number)]);
      expect(products).toHaveBeenCalledTimes(3);
      expect(customers).toHaveBeenCalledTimes(3);
      expect(orders).toHaveBeenCalledTimes(3);
      // An order's date is drawn late in its model: the first filter draws each model once.
      models.mockClear();
      get(s, '/v2/orders', `min_date_modified=${since}&limit=250`);
      expect(models).toHaveBeenCalledTimes(3);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('remembers the dates of orders already built, so a scan then a date filter builds no order twice', () => {
    const s = createStore(opts);
    get(s, '/v2/orders', 'limit=250&page=1');
    get(s, '/v2/orders', 'limit=250&page=2');
    const models = jest.spyOn(orderRecords, 'orderModel');
    try {
      const reply = handleApi(s, {
        method: 'GET',
        path: '/v2/orders',
        query: new URLSearchParams('min_date_modified=2035-01-01'),
        body: undefined,
      });
      expect(reply.status).toBe(204);
      expect(models).not.toHaveBeenCalled();
    } finally {
      jest.restoreAllMocks();
    }
  });
});
