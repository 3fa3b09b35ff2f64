/**
 * v2 order writes against the simulator's API, checked against orders.v2.oas2.yml: create with
 * products, update, archive, shipments and shipping addresses, with later reads serving them.
 */
import { createStore, type ApiRecord } from '../../src/simulator/store';
import { caller, expectSpec } from './writeHelpers';

const O = 'orders.v2.oas2.yml';

function fresh() {
  const store = createStore({ seed: 5, products: 20, customers: 10, orders: 30, storeHash: 'wo5' });
  return { store, call: caller(store) };
}

const BILLING = {
  first_name: 'Grace',
  last_name: 'Hopper',
  street_1: '1 Navy Way',
  city: 'Arlington',
  state: 'Virginia',
  zip: '22201',
  country: 'United States',
  country_iso2: 'US',
  email: 'grace@test.example',
};

describe('simulator order writes', () => {
  it('creates an order with catalog and custom products, totals from their prices', () => {
    const { store, call } = fresh();
    const product = store.product(3)!;
    const reply = call('POST', '/v2/orders', {
      billing_address: BILLING,
      products: [
        { product_id: 3, quantity: 2 },
        { name: 'Gift wrap', quantity: 1, price_inc_tax: 4.5, price_ex_tax: 4.5 },
      ],
      staff_notes: 'phone order',
      shipping_addresses: [{ ...BILLING, city: 'Richmond', shipping_method: 'Free Shipping' }],
    });
    expect(reply.status).toBe(200);
    // custom_status: in orderCollection_Resp's example, not in order_Resp (as spec.test.ts allows).
    expectSpec(reply, O, '/orders', 'POST', ['$.custom_status']);
    const order = reply.body as ApiRecord;
    expect(order).toMatchObject({
      id: 31,
      status_id: 1,
      status: 'Pending',
      staff_notes: 'phone order',
      items_total: 3,
    });
    const total = Math.round((Number(product.calculated_price) * 2 + 4.5) * 100) / 100;
    expect(Number(order.total_inc_tax)).toBeCloseTo(total, 2);
    expect(call('GET', '/v2/orders/31').body).toEqual(order);
    const lines = call('GET', '/v2/orders/31/products').body as ApiRecord[];
    expect(lines.map((l) => [l.product_id, l.name, l.quantity])).toEqual([
      [3, product.name, 2],
      [0, 'Gift wrap', 1],
    ]);
    expect((call('GET', '/v2/orders/count').body as { count: number }).count).toBe(31);
    const shipTo = call('GET', '/v2/orders/31/shipping_addresses').body as ApiRecord[];
    expect(shipTo).toEqual([expect.objectContaining({ order_id: 31, city: 'Richmond', zip: '22201' })]);
    expect(order.shipping_address_count).toBe(1);
  });

  it('refuses an order without products, or with a product that does not exist, with 400', () => {
    const { store, call } = fresh();
    expect(call('POST', '/v2/orders', { billing_address: BILLING, products: [] }).status).toBe(400);
    expect(
      call('POST', '/v2/orders', { billing_address: BILLING, products: [{ product_id: 999, quantity: 1 }] })
        .status,
    ).toBe(400);
    const invalid = call('POST', '/v2/orders', {
      products: [{ product_id: 1, quantity: 1 }],
      billing_address: { zip: 5 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual(expect.arrayContaining([expect.objectContaining({ status: 400 })]));
    expect(store.ids('orders')).toHaveLength(30);
  });

  it('updates status, notes and the billing address, and counts by status follow', () => {
    const { call } = fresh();
    const before = call('GET', '/v2/orders/4').body as ApiRecord;
    const reply = call('PUT', '/v2/orders/4', {
      status_id: 5,
      staff_notes: 'cancelled by phone',
      billing_address: { city: 'Boston' },
    });
    expect(reply.status).toBe(200);
    expectSpec(reply, O, '/orders/{order_id}', 'PUT', ['$.custom_status']);
    const after = call('GET', '/v2/orders/4').body as ApiRecord;
    expect(after).toMatchObject({ status_id: 5, status: 'Cancelled', staff_notes: 'cancelled by phone' });
    expect(after.billing_address).toEqual({ ...(before.billing_address as ApiRecord), city: 'Boston' });
    expect(Date.parse(String(after.date_modified))).toBeGreaterThan(Date.parse(String(before.date_modified)));
    const listed = call('GET', '/v2/orders', '', 'status_id=5') as { body: ApiRecord[] };
    expect(listed.body.some((o) => o.id === 4)).toBe(true);
    expect(call('PUT', '/v2/orders/4', { status_id: 99 }).status).toBe(400);
    expect(call('PUT', '/v2/orders/999', { staff_notes: 'x' }).status).toBe(404);
  });

  it('archives on DELETE: served by id with is_deleted, listed only when asked for', () => {
    const { call } = fresh();
    expect(call('DELETE', '/v2/orders/6').status).toBe(204);
    expect(call('GET', '/v2/orders/6').body).toMatchObject({ id: 6, is_deleted: true });
    const ids = (q: string) =>
      ((call('GET', '/v2/orders', undefined, q).body as ApiRecord[]) ?? []).map((o) => o.id);
    expect(ids('limit=250')).not.toContain(6);
    expect(ids('is_deleted=true')).toEqual([6]);
    expect((call('GET', '/v2/orders/count').body as { count: number }).count).toBe(29);
    expect(call('DELETE', '/v2/orders/999').status).toBe(404);
  });

  it('creates, changes and deletes a shipment, and changes a shipping address', () => {
    const { store, call } = fresh();
    const oid = store
      .ids('orders')
      .find((id) => (store.orderChildren(id, 'shipping_addresses') ?? []).length > 0)!;
    const address = store.orderChildren(oid, 'shipping_addresses')![0];
    const line = store.orderChildren(oid, 'products')![0];
    const made = call('POST', `/v2/orders/${oid}/shipments`, {
      order_address_id: address.id,
      tracking_number: 'TRACK-1',
      items: [{ order_product_id: line.id, quantity: 1 }],
    });
    expect(made.status).toBe(201);
    expectSpec(made, O, '/orders/{order_id}/shipments', 'POST');
    const sid = (made.body as ApiRecord).id as number;
    const changed = call('PUT', `/v2/orders/${oid}/shipments/${sid}`, { tracking_number: 'TRACK-2' });
    expectSpec(changed, O, '/orders/{order_id}/shipments/{shipment_id}', 'PUT');
    expect(call('GET', `/v2/orders/${oid}/shipments/${sid}`).body).toMatchObject({
      tracking_number: 'TRACK-2',
    });
    expect(call('DELETE', `/v2/orders/${oid}/shipments/${sid}`).status).toBe(204);
    expect(call('GET', `/v2/orders/${oid}/shipments/${sid}`).status).toBe(404);
    const moved = call('PUT', `/v2/orders/${oid}/shipping_addresses/${String(address.id)}`, { city: 'Reno' });
    expect(moved.status).toBe(200);
    expect((call('GET', `/v2/orders/${oid}/shipping_addresses`).body as ApiRecord[])[0].city).toBe('Reno');
    expect(call('POST', `/v2/orders/${oid}/shipments`, { order_address_id: 12345, items: [] }).status).toBe(
      400,
    );
  });
});
