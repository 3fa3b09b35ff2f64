import { handleApi } from '../../src/simulator/api';
import { createStore, type ApiRecord } from '../../src/simulator/store';

const store = createStore({ seed: 3, products: 40, customers: 30, orders: 130, storeHash: 'ord3' });

function get(path: string, query = '') {
  return handleApi(store, { method: 'GET', path, query: new URLSearchParams(query), body: undefined });
}
const page = (query: string) => (get('/v2/orders', query).body as ApiRecord[] | undefined) ?? [];
const ids = (query: string) => page(`limit=250&${query}`).map((o) => o.id);

const orders = store.records('orders');
const expectIds = (pred: (o: ApiRecord) => boolean) => orders.filter(pred).map((o) => o.id);
const ms = (o: ApiRecord, field: string) => Date.parse(o[field] as string);

describe('GET /v2/orders', () => {
  it('answers a bare array of 50 orders by default, in id order', () => {
    const first = get('/v2/orders');
    expect(first.status).toBe(200);
    expect(first.body).toEqual(orders.slice(0, 50));
  });

  it('pages with page and limit, and answers 204 with no body past the last page', () => {
    expect(page('page=3&limit=50').map((o) => o.id)).toEqual(orders.slice(100).map((o) => o.id));
    expect(get('/v2/orders', 'page=4&limit=50')).toEqual({ status: 204 });
  });

  it('clamps a limit above 250 to 250', () => {
    const big = createStore({ seed: 3, products: 5, customers: 5, orders: 300, storeHash: 'big' });
    const body = handleApi(big, {
      method: 'GET',
      path: '/v2/orders',
      query: new URLSearchParams('limit=500'),
      body: undefined,
    }).body as ApiRecord[];
    expect(body).toHaveLength(250);
  });

  it('answers 204 when no order matches', () => {
    expect(get('/v2/orders', 'customer_id=99999')).toEqual({ status: 204 });
  });

  it('filters by min_id and max_id', () => {
    expect(ids('min_id=125')).toEqual([125, 126, 127, 128, 129, 130]);
    expect(ids('min_id=10&max_id=12')).toEqual([10, 11, 12]);
  });

  it('filters by min_total and max_total on total_inc_tax', () => {
    const total = (o: ApiRecord) => Number(o.total_inc_tax);
    expect(ids('min_total=100&max_total=300')).toEqual(expectIds((o) => total(o) >= 100 && total(o) <= 300));
  });

  it('filters by customer_id (0 = guests), email, status_id, payment_method and channel_id', () => {
    const o = orders.find((x) => (x.customer_id as number) > 0)!;
    expect(ids(`customer_id=${o.customer_id}`)).toEqual(expectIds((x) => x.customer_id === o.customer_id));
    expect(ids('customer_id=0')).toEqual(expectIds((x) => x.customer_id === 0));
    const email = (o.billing_address as ApiRecord).email as string;
    expect(ids(`email=${encodeURIComponent(email)}`)).toEqual(
      expectIds((x) => (x.billing_address as ApiRecord).email === email),
    );
    expect(ids('status_id=10')).toEqual(expectIds((x) => x.status_id === 10));
    expect(ids(`payment_method=${encodeURIComponent('credit card')}`)).toEqual(
      expectIds((x) => x.payment_method === 'Credit Card'),
    );
    expect(ids('channel_id=664179')).toEqual(expectIds((x) => x.channel_id === 664179));
  });

  it('filters by creation date given in RFC 2822 or ISO 8601', () => {
    const cut = orders[64];
    const rfc = cut.date_created as string;
    const iso = new Date(ms(cut, 'date_created')).toISOString();
    const want = expectIds((o) => ms(o, 'date_created') >= ms(cut, 'date_created'));
    expect(ids(`min_date_created=${encodeURIComponent(rfc)}`)).toEqual(want);
    expect(ids(`min_date_created=${encodeURIComponent(iso)}`)).toEqual(want);
    expect(ids(`max_date_modified=${encodeURIComponent(rfc)}`)).toEqual(
      expectIds((o) => ms(o, 'date_modified') <= ms(cut, 'date_created')),
    );
  });

  it('has orders created in the same second, for tie tests', () => {
    expect(orders[24].date_created).toBe(orders[23].date_created);
  });

  it('filters by is_deleted (the seed has no archived orders)', () => {
    expect(ids('is_deleted=false')).toHaveLength(130);
    expect(get('/v2/orders', 'is_deleted=true').status).toBe(204);
  });

  it('sorts with sort=field:direction, ties broken by id', () => {
    const got = ids('sort=date_created:desc');
    const want = [...orders]
      .sort((a, b) => ms(b, 'date_created') - ms(a, 'date_created') || (a.id as number) - (b.id as number))
      .map((o) => o.id);
    expect(got).toEqual(want);
    expect(ids('sort=id:desc')[0]).toBe(130);
  });

  it('answers 400 in the v2 error shape when a filter value does not parse', () => {
    const reply = get('/v2/orders', 'min_id=seven');
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual([{ status: 400, message: expect.stringContaining('min_id') }]);
  });
});

describe('GET /v2/orders/count', () => {
  it('counts orders and tallies them per status', () => {
    const body = get('/v2/orders/count').body as { count: number; statuses: { id: number; count: number }[] };
    expect(body.count).toBe(130);
    const completed = body.statuses.find((s) => s.id === 10)!;
    expect(completed.count).toBe(orders.filter((o) => o.status_id === 10).length);
    expect(body.statuses.reduce((n, s) => n + s.count, 0)).toBe(130);
  });

  it('applies the same filters as the list', () => {
    const body = get('/v2/orders/count', 'min_id=101&status_id=2').body as { count: number };
    expect(body.count).toBe(orders.filter((o) => (o.id as number) >= 101 && o.status_id === 2).length);
  });
});

describe('GET /v2/orders/{id} and its sub-resources', () => {
  it('returns an order with v2 dates and money strings', () => {
    const o = get('/v2/orders/7').body as ApiRecord;
    expect(o).toEqual(orders[6]);
    expect(o.date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(o.total_inc_tax).toMatch(/^\d+\.\d{4}$/);
  });

  it('keeps order totals consistent with the lines', () => {
    for (const o of orders.slice(0, 40)) {
      const lines = get(`/v2/orders/${o.id}/products`).body as ApiRecord[];
      const sum = lines.reduce((n, l) => n + Math.round(Number(l.total_ex_tax) * 100), 0);
      expect(Math.round(Number(o.subtotal_ex_tax) * 100)).toBe(sum);
      const total =
        Math.round(Number(o.subtotal_ex_tax) * 100) +
        Math.round(Number(o.shipping_cost_ex_tax) * 100) -
        Math.round(Number(o.discount_amount) * 100) +
        Math.round(Number(o.total_tax) * 100);
      expect(Math.round(Number(o.total_inc_tax) * 100)).toBe(total);
      expect(o.items_total).toBe(lines.reduce((n, l) => n + (l.quantity as number), 0));
    }
  });

  it('answers 404 in the v2 shape for a missing order and its sub-resources', () => {
    for (const path of ['/v2/orders/999', '/v2/orders/999/products', '/v2/orders/999/coupons']) {
      expect(get(path)).toEqual({
        status: 404,
        body: [{ status: 404, message: 'The requested resource was not found.' }],
      });
    }
  });

  it('answers 204 for an order without coupons or shipments', () => {
    const plain = orders.find((o) => store.orderChildren(o.id as number, 'coupons')!.length === 0)!;
    expect(get(`/v2/orders/${plain.id}/coupons`)).toEqual({ status: 204 });
    const unshipped = orders.find((o) => o.date_shipped === '')!;
    expect(get(`/v2/orders/${unshipped.id}/shipments`)).toEqual({ status: 204 });
  });

  it('pages order products with page and limit', () => {
    const many = orders.find((o) => store.orderChildren(o.id as number, 'products')!.length >= 3)!;
    const all = store.orderChildren(many.id as number, 'products')!;
    expect(get(`/v2/orders/${many.id}/products`, 'limit=2&page=2').body).toEqual(all.slice(2, 4));
  });

  it('links shipments, shipping addresses and coupons to their order', () => {
    const shipped = orders.find((o) => store.orderChildren(o.id as number, 'shipments')!.length > 0)!;
    const [shipment] = get(`/v2/orders/${shipped.id}/shipments`).body as ApiRecord[];
    const [address] = get(`/v2/orders/${shipped.id}/shipping_addresses`).body as ApiRecord[];
    expect(shipment).toMatchObject({ order_id: shipped.id, order_address_id: address.id });
    const withCoupon = orders.find((o) => Number(o.coupon_discount) > 0)!;
    const [coupon] = get(`/v2/orders/${withCoupon.id}/coupons`).body as ApiRecord[];
    expect(coupon).toMatchObject({ order_id: withCoupon.id, discount: Number(withCoupon.coupon_discount) });
  });
});
