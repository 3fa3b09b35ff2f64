import { handleApi, requiredScope } from '../../src/simulator/api';
import { createStore, type ApiRecord } from '../../src/simulator/store';

const store = createStore({ seed: 2, products: 20, customers: 20, orders: 20, storeHash: 'rt2' });

function call(method: string, path: string, query = '') {
  return handleApi(store, { method, path, query: new URLSearchParams(query), body: undefined });
}
const get = (path: string, query = '') => call('GET', path, query);

describe('simulator API routing', () => {
  it('answers 405 in the v3 error shape for writes to a read-only v3 resource', () => {
    const reply = call('POST', '/v3/channels');
    expect(reply.status).toBe(405);
    expect(reply.body).toMatchObject({ status: 405, title: expect.stringContaining('POST') });
    expect(reply.headers).toEqual({ Allow: 'GET, HEAD' });
  });

  it('names the write methods a path serves in Allow', () => {
    expect(call('PATCH', '/v3/catalog/products').headers).toEqual({ Allow: 'GET, HEAD, POST, PUT, DELETE' });
  });

  it('answers 405 in the v2 error shape for writes to a read-only v2 resource', () => {
    const reply = call('DELETE', '/v2/currencies/1');
    expect(reply.status).toBe(405);
    expect(reply.body).toEqual([{ status: 405, message: expect.stringContaining('DELETE') }]);
  });

  it('answers HEAD like GET', () => {
    expect(call('HEAD', '/v2/orders/1')).toEqual(get('/v2/orders/1'));
  });

  it('answers 404 for paths it does not serve, in the shape of their API version', () => {
    expect(get('/v3/catalog/brands/1/metafields')).toMatchObject({ status: 404, body: { status: 404 } });
    expect(get('/v2/banners')).toEqual({ status: 404, body: [{ status: 404, message: expect.any(String) }] });
    expect(get('/v3/catalog/products/abc').status).toBe(404);
  });

  it("accepts a trailing slash and v2's .json suffix", () => {
    expect(get('/v3/catalog/products/3/').status).toBe(200);
    expect(get('/v2/orders/3.json').body).toEqual(get('/v2/orders/3').body);
  });

  it('names the read and write scopes of each endpoint family', () => {
    const products = { read: 'store_v2_products_read_only', write: 'store_v2_products' };
    expect(requiredScope('GET', '/v3/catalog/products')).toEqual(products);
    expect(requiredScope('GET', '/v3/catalog/brands/4')).toEqual(products);
    expect(requiredScope('GET', '/v3/pricelists')).toEqual(products);
    expect(requiredScope('GET', '/v2/orders/5/products')).toEqual({
      read: 'store_v2_orders_read_only',
      write: 'store_v2_orders',
    });
    expect(requiredScope('GET', '/v3/customers/addresses')).toEqual({
      read: 'store_v2_customers_read_only',
      write: 'store_v2_customers',
    });
    expect(requiredScope('GET', '/v2/customer_groups')?.read).toBe('store_v2_customers_read_only');
    expect(requiredScope('GET', '/v2/store')?.read).toBe('store_v2_information_read_only');
    expect(requiredScope('GET', '/v2/currencies')?.read).toBe('store_v2_information_read_only');
    expect(requiredScope('GET', '/v2/tax_classes')?.read).toBe('store_v2_information_read_only');
    expect(requiredScope('GET', '/v2/coupons')?.read).toBe('store_v2_marketing_read_only');
    expect(requiredScope('GET', '/v3/channels/1')?.read).toBe('store_channel_settings_read_only');
  });

  it('names scopes for unserved paths of a known family, and none for unknown families', () => {
    expect(requiredScope('GET', '/v3/catalog/products/1/metafields')?.write).toBe('store_v2_products');
    expect(requiredScope('GET', '/v2/gift_certificates')?.write).toBe('store_v2_marketing');
    expect(requiredScope('GET', '/v3/nothing-here')).toBeNull();
  });
});

describe('simulator store-level endpoints', () => {
  it('returns the store object for /v2/store', () => {
    expect(get('/v2/store').body).toMatchObject({ id: 'rt2', currency: 'USD', default_channel_id: 1 });
  });

  it('lists currencies with USD as the default, and one by id', () => {
    const list = get('/v2/currencies').body as ApiRecord[];
    expect(list.filter((c) => c.is_default).map((c) => c.currency_code)).toEqual(['USD']);
    expect((get('/v2/currencies/2').body as ApiRecord).currency_code).toBe('EUR');
    expect(get('/v2/currencies/77').status).toBe(404);
  });

  it('lists tax classes with string ids, and one by id', () => {
    expect((get('/v2/tax_classes').body as ApiRecord[]).map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect((get('/v2/tax_classes/2').body as ApiRecord).name).toBe('Shipping');
  });

  it('filters coupons by code, type, exclude_type and id range, and counts them', () => {
    const ids = (q: string) =>
      ((get('/v2/coupons', q).body as ApiRecord[] | undefined) ?? []).map((c) => c.id);
    const all = store.coupons;
    expect(ids('code=TENOFF')).toEqual([2]);
    expect(ids('type=percentage_discount')).toEqual(
      all.filter((c) => c.type === 'percentage_discount').map((c) => c.id),
    );
    expect(ids('exclude_type=percentage_discount')).toEqual(
      all.filter((c) => c.type !== 'percentage_discount').map((c) => c.id),
    );
    expect(ids('min_id=3&max_id=5')).toEqual([3, 4, 5]);
    expect(get('/v2/coupons/count').body).toEqual({ count: all.length });
    expect(get('/v2/coupons/count', 'type=free_shipping').body).toEqual({ count: 1 });
  });

  it('filters channels by status:in, type:in, platform:in and available, and includes currencies', () => {
    const ids = (q: string) => (get('/v3/channels', q).body as { data: ApiRecord[] }).data.map((c) => c.id);
    expect(ids('type:in=marketplace,pos')).toEqual([664179, 667160]);
    expect(ids('status:in=archived')).toEqual([667161]);
    expect(ids('platform:in=amazon')).toEqual([664179]);
    expect(ids('available=false')).toEqual([667161]);
    const one = (get('/v3/channels/1', 'include=currencies').body as { data: ApiRecord }).data;
    expect(one.currencies).toEqual({
      channel_id: 1,
      enabled_currencies: ['USD', 'EUR', 'GBP'],
      default_currency: 'USD',
    });
  });

  it('filters price lists by name:like and id:in, with pagination but no links', () => {
    const body = get('/v3/pricelists', `name:like=${encodeURIComponent('_20')}`).body as {
      data: ApiRecord[];
      meta: { pagination: Record<string, unknown> };
    };
    expect(body.data.map((p) => p.name)).toEqual(["Employees' 20%", 'Clearance_2025']);
    expect(body.meta.pagination).not.toHaveProperty('links');
    expect((get('/v3/pricelists/2').body as { data: ApiRecord }).data.name).toBe('VIP');
  });
});
