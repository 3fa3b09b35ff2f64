/**
 * Sample requests for the endpoints behind the tables beyond the first 22, validated by
 * spec.test.ts against their OpenAPI 200 schemas: first pages, filtered pages, records by id,
 * and each per-parent endpoint for parents that have children and for ones that have none.
 */
import type { SimStore } from '../../src/simulator/store';

export interface ExtraSample {
  file: string;
  specPath: string;
  apiPath: string;
  query?: string;
}

/** Up to `n` ids that have children (a v2 list without any answers 204, not a body). */
function pick(ids: readonly number[], has: (id: number) => boolean, n = 8): number[] {
  return ids.filter(has).slice(0, n);
}

export function extraSamples(store: SimStore): ExtraSample[] {
  const out: ExtraSample[] = [];
  const add = (file: string, specPath: string, apiPath: string, query?: string) =>
    out.push({ file, specPath, apiPath, query });
  const x = store.extras;
  const orders = store.ids('orders');
  const OR = 'orders.v2.oas2.yml';
  const O3 = 'orders.v3.yml';
  for (const id of pick(orders, (id) => (x.orderChildren('messages', id) ?? []).length > 0)) {
    add(OR, '/orders/{order_id}/messages', `/v2/orders/${id}/messages`);
  }
  add(
    OR,
    '/orders/{order_id}/messages',
    `/v2/orders/${pick(orders, (id) => (x.orderChildren('messages', id) ?? []).length > 0)[0]}/messages`,
    'min_id=1',
  );
  for (const id of pick(orders, (id) => (x.orderChildren('taxes', id) ?? []).length > 1)) {
    add(OR, '/orders/{order_id}/taxes', `/v2/orders/${id}/taxes`);
  }
  const consigned = (part: (c: Record<string, unknown>) => unknown[]) => (id: number) =>
    part(x.consignments(id) ?? {}).length > 0;
  const withPickup = pick(
    orders,
    consigned((c) => c.pickups as unknown[]),
    3,
  );
  const withDownload = pick(
    orders,
    consigned((c) => c.downloads as unknown[]),
    3,
  );
  const withGift = pick(
    orders,
    consigned((c) => (c.email as { gift_certificates: unknown[] }).gift_certificates),
    3,
  );
  for (const id of new Set([...withPickup, ...withDownload, ...withGift])) {
    add(OR, '/orders/{order_id}/consignments', `/v2/orders/${id}/consignments`);
  }
  for (const id of pick(orders, (id) => (x.orderChildren('transactions', id) ?? []).length > 1)) {
    add(O3, '/orders/{order_id}/transactions', `/v3/orders/${id}/transactions`);
  }
  add(O3, '/orders/payment_actions/refunds', '/v3/orders/payment_actions/refunds', 'limit=250');
  add(
    O3,
    '/orders/payment_actions/refunds',
    '/v3/orders/payment_actions/refunds',
    `order_id:in=${x.refundIds()[0]}`,
  );
  const M = 'marketing.v2.yml';
  add(M, '/gift_certificates', '/v2/gift_certificates', 'limit=250');
  for (const g of x.giftCertificates.slice(0, 4))
    add(M, '/gift_certificates/{id}', `/v2/gift_certificates/${g.id}`);
  add('methods_payments.v2.yml', '/payments/methods', '/v2/payments/methods');

  const P = 'products_catalog.v3.yml';
  const products = store.ids('products');
  for (const kind of ['reviews', 'complex-rules', 'metafields'] as const) {
    for (const id of pick(products, (id) => (x.productChildren(kind, id) ?? []).length > 0, 5).concat(
      products[0],
    )) {
      add(P, `/catalog/products/{product_id}/${kind}`, `/v3/catalog/products/${id}/${kind}`);
    }
  }
  add(
    P,
    '/catalog/products/{product_id}/reviews',
    `/v3/catalog/products/${products[1]}/reviews`,
    'status=approved',
  );
  add(
    P,
    '/catalog/products/{product_id}/metafields',
    `/v3/catalog/products/${products[1]}/metafields`,
    'key:in=bin_location,item_code',
  );
  const PL = 'price_lists.v3.yml';
  add(PL, '/pricelists/assignments', '/v3/pricelists/assignments');
  add(PL, '/pricelists/assignments', '/v3/pricelists/assignments', 'price_list_id:in=1,2');
  for (const l of store.priceLists) {
    add(PL, '/pricelists/{price_list_id}/records', `/v3/pricelists/${l.id}/records`, 'limit=250');
  }
  add(
    PL,
    '/pricelists/{price_list_id}/records',
    '/v3/pricelists/1/records',
    `product_id:in=${products.slice(0, 40).join(',')}`,
  );
  add('inventory.v3.yml', '/inventory/items', '/v3/inventory/items', 'limit=250');
  add('inventory.v3.yml', '/inventory/items', '/v3/inventory/items', 'product_id:in=1,2,3&location_id:in=2');
  return out;
}
