/**
 * Customer group, coupon, price list and price record writes against the simulator's API,
 * checked against customers.v2.yml, marketing.v2.yml and price_lists.v3.yml.
 */
import { createStore, type ApiRecord } from '../../src/simulator/store';
import { caller, data, expectSpec } from './writeHelpers';

function fresh() {
  const store = createStore({ seed: 6, products: 30, customers: 5, orders: 5, storeHash: 'wm6' });
  return { store, call: caller(store) };
}

describe('simulator customer group and coupon writes', () => {
  it('creates, changes and deletes a customer group; a taken name is 409', () => {
    const { store, call } = fresh();
    const made = call('POST', '/v2/customer_groups', { name: 'Trade', is_default: false });
    expect(made.status).toBe(200);
    expectSpec(made, 'customers.v2.yml', '/customer_groups', 'POST');
    const id = (made.body as ApiRecord).id as number;
    expect(call('PUT', `/v2/customer_groups/${id}`, { name: 'Trade Plus' }).status).toBe(200);
    expect(call('GET', `/v2/customer_groups/${id}`).body).toMatchObject({ name: 'Trade Plus' });
    expect(call('POST', '/v2/customer_groups', { name: String(store.customerGroups[0].name) }).status).toBe(
      409,
    );
    expect(call('DELETE', `/v2/customer_groups/${id}`).status).toBe(204);
    expect(call('GET', `/v2/customer_groups/${id}`).status).toBe(404);
  });

  it('creates a coupon with 201, changes it, and deletes coupons by id and by id:in', () => {
    const { store, call } = fresh();
    const made = call('POST', '/v2/coupons', {
      name: 'Spring 10',
      code: 'SPRING10',
      type: 'percentage_discount',
      amount: '10',
      applies_to: { entity: 'categories', ids: [0] },
    });
    expect(made.status).toBe(201);
    expectSpec(made, 'marketing.v2.yml', '/coupons', 'POST');
    const id = (made.body as ApiRecord).id as number;
    expect(call('PUT', `/v2/coupons/${id}`, { enabled: false }).status).toBe(200);
    const listed = call('GET', '/v2/coupons', undefined, 'limit=250').body as ApiRecord[];
    expect(listed.find((c) => c.id === id)).toMatchObject({ code: 'SPRING10', enabled: false });
    const clash = call('POST', '/v2/coupons', {
      name: 'Other',
      code: 'SPRING10',
      type: 'free_shipping',
      amount: '0',
      applies_to: { entity: 'categories', ids: [0] },
    });
    expect(clash.status).toBe(409);
    const n = store.coupons.length;
    expect(call('DELETE', '/v2/coupons', undefined, `id:in=1,${id}`).status).toBe(204);
    expect(store.coupons).toHaveLength(n - 2);
    expect(call('DELETE', `/v2/coupons/${id}`).status).toBe(404);
  });
});

describe('simulator price list writes', () => {
  it('creates, renames and deletes price lists', () => {
    const { call } = fresh();
    const made = call('POST', '/v3/pricelists', { name: 'Gold Tier' });
    expect(made.status).toBe(200);
    expectSpec(made, 'price_lists.v3.yml', '/pricelists', 'POST');
    const id = data(made).id as number;
    expect(data(call('PUT', `/v3/pricelists/${id}`, { name: 'Gold Tier 2', active: false }))).toMatchObject({
      name: 'Gold Tier 2',
      active: false,
    });
    expect(call('POST', '/v3/pricelists', { name: 'Gold Tier 2' }).status).toBe(409);
    expect(call('DELETE', `/v3/pricelists/${id}`).status).toBe(204);
    expect(call('GET', `/v3/pricelists/${id}`).status).toBe(404);
    expect(call('GET', `/v3/pricelists/${id}/records`).status).toBe(404);
  });

  it('upserts records in batches, saving the good rows of a batch and naming the bad ones', () => {
    const { store, call } = fresh();
    const list = data(call('POST', '/v3/pricelists', { name: 'Wholesale 2' })).id as number;
    const [v1, v2] = store.productVariants(2);
    const put = call('PUT', `/v3/pricelists/${list}/records`, [
      { variant_id: v1.id, currency: 'USD', price: 9.99 },
      { variant_id: 99999, currency: 'USD', price: 1 },
    ]);
    expect(put.status).toBe(422);
    expectSpec(put, 'price_lists.v3.yml', '/pricelists/{price_list_id}/records', 'PUT');
    expect((put.body as { batch_errors: ApiRecord[] }).batch_errors).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ variant_id: 99999 }) }),
    ]);
    const records = () => data<ApiRecord[]>(call('GET', `/v3/pricelists/${list}/records`));
    expect(records().map((r) => [r.variant_id, r.price])).toEqual([[v1.id, 9.99]]);
    expect(
      call('PUT', `/v3/pricelists/${list}/records`, [{ variant_id: v1.id, currency: 'USD', price: 8 }])
        .status,
    ).toBe(200);
    expect(records().map((r) => r.price)).toEqual([8]);
    const dup = call('POST', `/v3/pricelists/${list}/records`, [
      { variant_id: v1.id, currency: 'USD', price: 7 },
    ]);
    expect(dup.status).toBe(422);
    if (v2) {
      expect(
        call('POST', `/v3/pricelists/${list}/records`, [{ sku: String(v2.sku), currency: 'USD', price: 7 }])
          .status,
      ).toBe(200);
    }
    expect(
      call('DELETE', `/v3/pricelists/${list}/records`, undefined, `variant_id:in=${String(v1.id)}`).status,
    ).toBe(204);
    expect(records().some((r) => r.variant_id === v1.id)).toBe(false);
    const tooMany = Array.from({ length: 1001 }, () => ({ variant_id: v1.id, currency: 'USD', price: 1 }));
    expect(call('PUT', `/v3/pricelists/${list}/records`, tooMany).status).toBe(413);
  });

  it('changes a seeded record by upsert and serves it in place', () => {
    const { store, call } = fresh();
    const seeded = store.extras.priceListRecords(1)![0];
    const reply = call('PUT', '/v3/pricelists/1/records', [
      { variant_id: seeded.variant_id, currency: 'usd', price: 1.23 },
    ]);
    expect(reply.status).toBe(200);
    const after = data<ApiRecord[]>(call('GET', '/v3/pricelists/1/records', undefined, 'limit=250'));
    expect(after.filter((r) => r.variant_id === seeded.variant_id).map((r) => r.price)).toEqual([1.23]);
  });
});
