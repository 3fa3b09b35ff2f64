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
  for (const kind of ['channel', 'category']) {
    const path = `/catalog/products/${kind}-assignments`;
    add(P, path, `/v3${path}`, 'limit=250');
    add(P, path, `/v3${path}`, `product_id:in=1,2,3&${kind}_id:in=1,2,3,664179`);
  }
  for (const c of store.channels) {
    add('channels.v3.yml', '/channels/{channel_id}/listings', `/v3/channels/${c.id}/listings`, 'limit=250');
  }
  const listed = x.channelListings(664179);
  add('channels.v3.yml', '/channels/{channel_id}/listings', '/v3/channels/664179/listings', 'limit=5');
  const after = Buffer.from(`id:${listed[4].listing_id as number}`).toString('base64');
  add(
    'channels.v3.yml',
    '/channels/{channel_id}/listings',
    '/v3/channels/664179/listings',
    `limit=5&after=${after}`,
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

  const SC = 'store_content.v2.yml';
  add(SC, '/blog/posts', '/v2/blog/posts');
  add(SC, '/blog/posts', '/v2/blog/posts', 'is_published=true');
  for (const p of x.sets.blogPosts.slice(0, 3)) add(SC, '/blog/posts/{id}', `/v2/blog/posts/${p.id}`);
  add(SC, '/blog/posts/count', '/v2/blog/posts/count');
  add(SC, '/blog/tags', '/v2/blog/tags');
  add('pages.v3.yml', '/content/pages', '/v3/content/pages', 'include=body');
  add('pages.v3.yml', '/content/pages', '/v3/content/pages', 'name:like=us');
  for (const p of x.sets.pages) add('pages.v3.yml', '/content/pages/{pageId}', `/v3/content/pages/${p.id}`);
  add('redirects.v3.yml', '/storefront/redirects', '/v3/storefront/redirects');
  add('redirects.v3.yml', '/storefront/redirects', '/v3/storefront/redirects', 'include=to_url');
  const SH = 'shipping.v2.yml';
  add(SH, '/shipping/zones', '/v2/shipping/zones');
  for (const z of x.sets.shippingZones) {
    add(SH, '/shipping/zones/{id}', `/v2/shipping/zones/${z.id}`);
    add(SH, '/shipping/zones/{zone_id}/methods', `/v2/shipping/zones/${z.id}/methods`);
  }
  add('promotions.v3.yml', '/promotions', '/v3/promotions');
  for (const p of x.sets.promotions) add('promotions.v3.yml', '/promotions/{id}', `/v3/promotions/${p.id}`);
  add('store_logs.v3.yml', '/store/systemlogs', '/v3/store/systemlogs');
  add('store_logs.v3.yml', '/store/systemlogs', '/v3/store/systemlogs', 'severity:min=3&type:not=email');
  add('webhooks.v3.yml', '/hooks', '/v3/hooks');
  for (const h of x.sets.webhooks) add('webhooks.v3.yml', '/hooks/{webhook_id}', `/v3/hooks/${h.id}`);
  const SU = 'subscribers.v3.yml';
  add(SU, '/customers/subscribers', '/v3/customers/subscribers', 'limit=250');
  for (const r of x.sets.subscribers.slice(0, 3)) {
    add(SU, '/customers/subscribers/{subscriber_id}', `/v3/customers/subscribers/${r.id}`);
  }
  const C3 = 'customers.v3.yml';
  add(C3, '/customers/attributes', '/v3/customers/attributes');
  add(C3, '/customers/attribute-values', '/v3/customers/attribute-values', 'limit=250');
  add(C3, '/customers/attribute-values', '/v3/customers/attribute-values', 'customer_id:in=1,2,3,4');
  add(C3, '/customers/form-field-values', '/v3/customers/form-field-values', 'limit=250');
  const W = 'wishlists.v3.yml';
  add(W, '/wishlists', '/v3/wishlists', 'limit=250');
  for (const w of x.sets.wishlists.slice(0, 3)) add(W, '/wishlists/{wishlist_id}', `/v3/wishlists/${w.id}`);
  // Quotes of storefront orders' addresses (others answer 204, no body); abandoned carts by token.
  const quoted = orders.filter((id) => x.shippingQuote(id, id)).slice(0, 6);
  for (const id of quoted) {
    add(
      OR,
      '/orders/{order_id}/shipping_addresses/{shipping_address_id}/shipping_quotes',
      `/v2/orders/${id}/shipping_addresses/${id}/shipping_quotes`,
    );
  }
  for (const row of (x.rows('AbandonedCarts') ?? []).slice(0, 4)) {
    add('abandoned_carts.v3.yml', '/abandoned-carts/{token}', `/v3/abandoned-carts/${row.parent!.Token}`);
  }
  return out;
}
