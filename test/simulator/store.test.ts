import { handleApi } from '../../src/simulator/api';
import { createStore, type ApiRecord, type SeedTable } from '../../src/simulator/store';

const opts = { seed: 42, products: 60, customers: 40, orders: 80, storeHash: 'st42' };

const TABLES: SeedTable[] = [
  'products',
  'productVariants',
  'productImages',
  'productCustomFields',
  'productOptions',
  'brands',
  'categories',
  'categoryTrees',
  'treeCategories',
  'customers',
  'customerAddresses',
  'customerGroups',
  'orders',
  'orderProducts',
  'orderShippingAddresses',
  'orderShipments',
  'orderCoupons',
  'coupons',
  'currencies',
  'taxClasses',
  'store',
  'channels',
  'priceLists',
];

describe('simulator store: determinism', () => {
  it('builds identical records for the same seed', () => {
    const a = createStore(opts);
    const b = createStore(opts);
    for (const t of TABLES) expect(b.records(t)).toEqual(a.records(t));
  });

  it('builds different products, customers and orders for a different seed', () => {
    const a = createStore(opts);
    const b = createStore({ ...opts, seed: 43 });
    for (const t of ['products', 'customers', 'orders', 'orderProducts'] as const) {
      expect(b.records(t)).not.toEqual(a.records(t));
    }
  });

  it('builds the same record whether asked for alone or within a list', () => {
    const s = createStore(opts);
    expect(s.product(17)).toEqual(s.records('products')[16]);
    expect(s.order(33)).toEqual(s.records('orders')[32]);
    expect(s.customer(5)).toEqual(s.records('customers')[4]);
  });

  it('gives each table a row count that matches the options', () => {
    const s = createStore(opts);
    expect(s.records('products')).toHaveLength(60);
    expect(s.records('customers')).toHaveLength(40);
    expect(s.records('orders')).toHaveLength(80);
    expect(s.records('store')).toHaveLength(1);
  });

  it('hands out copies, so a caller changing a record cannot change the store', () => {
    const s = createStore(opts);
    s.records('brands')[0].name = 'Changed';
    (s.records('store')[0] as ApiRecord).name = 'Changed';
    expect(s.brands[0].name).toBe('Acme');
    expect(s.storeInfo.name).toBe('Simulated Store');
  });
});

describe('simulator store: realistic and edge-case data', () => {
  const s = createStore({ ...opts, products: 300, customers: 200, orders: 400 });
  const products = s.records('products');

  it('has the fixed edge-case products: %, _, quotes, unicode and a zero price', () => {
    const byId = (id: number) => products.find((p) => p.id === id)!;
    expect(byId(3).name).toBe('100% Cotton Tote Bag');
    expect(byId(5).name).toBe('Snake_Case Mug');
    expect(byId(7).name).toBe(`O'Brien's "Best" Teapot`);
    expect(byId(11).name).toBe('Crème Brûlée Café Mug ☕');
    expect(byId(13)).toMatchObject({ name: 'Free Sample Pack', price: 0 });
  });

  it('gives every product a unique name and sku', () => {
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
  });

  it('keeps names unique beyond the word-list combinations', () => {
    // 30 adjectives × 15 materials × 36 nouns = 16,200 combinations; ids past that get a series.
    const big = createStore({ ...opts, products: 17000 });
    const names = new Set(big.ids('products').map((id) => big.product(id)!.name));
    expect(names.size).toBe(17000);
  });

  it('gives products 1–4 variants, 0–3 images and 0–2 custom fields with globally unique ids', () => {
    const variants = s.records('productVariants');
    const images = s.records('productImages');
    const fields = s.records('productCustomFields');
    for (const p of products) {
      const n = variants.filter((v) => v.product_id === p.id).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
    }
    for (const rows of [variants, images, fields, s.records('productOptions')]) {
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    }
    expect(Math.max(...products.map((p) => s.productImages(p.id as number).length))).toBe(3);
    expect(Math.max(...products.map((p) => s.productCustomFields(p.id as number).length))).toBe(2);
  });

  it("builds variants from the product's option values", () => {
    for (const p of products.slice(0, 80)) {
      const optionValues = new Set(
        s.productOptions(p.id as number).flatMap((o) => (o.option_values as ApiRecord[]).map((v) => v.id)),
      );
      for (const v of s.productVariants(p.id as number)) {
        for (const ov of v.option_values as ApiRecord[]) expect(optionValues.has(ov.id)).toBe(true);
      }
      const simple = s.productVariants(p.id as number).length === 1;
      expect(p.base_variant_id).toBe(simple ? s.productVariants(p.id as number)[0].id : null);
    }
  });

  it('files products under existing categories and brands (0 = no brand)', () => {
    const categoryIds = new Set(s.categories.map((c) => c.id));
    for (const p of products) {
      for (const c of p.categories as number[]) expect(categoryIds.has(c)).toBe(true);
      expect(p.brand_id as number).toBeLessThanOrEqual(s.brands.length);
    }
    expect(products.some((p) => p.brand_id === 0)).toBe(true);
  });

  it('has a visibility mix and some null-valued fields', () => {
    expect(new Set(products.map((p) => p.is_visible))).toEqual(new Set([true, false]));
    expect(s.records('productVariants').some((v) => v.price === null)).toBe(true);
    expect(products.some((p) => p.preorder_release_date === null)).toBe(true);
  });

  it('makes customer address_count match the addresses', () => {
    for (const c of s.records('customers')) {
      expect(s.customerAddresses(c.id as number)).toHaveLength(c.address_count as number);
    }
  });

  it('points orders at existing customers (or 0 for guests) with the customer’s email', () => {
    const customers = new Map(s.records('customers').map((c) => [c.id, c]));
    const orders = s.records('orders');
    expect(orders.some((o) => o.customer_id === 0)).toBe(true);
    for (const o of orders) {
      if (o.customer_id === 0) continue;
      expect((o.billing_address as ApiRecord).email).toBe(customers.get(o.customer_id)!.email);
    }
  });

  it('gives orders 1–5 lines that name existing products', () => {
    const names = new Map(products.map((p) => [p.id, p.name]));
    for (const o of s.records('orders')) {
      const lines = s.orderChildren(o.id as number, 'products')!;
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(5);
      for (const l of lines) expect(l.name).toBe(names.get(l.product_id));
    }
  });

  it('uses BigCommerce status ids with their names, spread over about two years', () => {
    const orders = s.records('orders');
    const names: Record<number, string> = { 2: 'Shipped', 10: 'Completed', 11: 'Awaiting Fulfillment' };
    for (const o of orders)
      if (names[o.status_id as number]) expect(o.status).toBe(names[o.status_id as number]);
    const times = orders.map((o) => Date.parse(o.date_created as string));
    const spanDays = (Math.max(...times) - Math.min(...times)) / 86_400_000;
    expect(spanDays).toBeGreaterThan(600);
    expect(spanDays).toBeLessThan(740);
  });

  it('has shipments only for shipped orders, and some coupons', () => {
    for (const o of s.records('orders')) {
      const shipments = s.orderChildren(o.id as number, 'shipments')!;
      if (shipments.length > 0) expect(o.date_shipped).not.toBe('');
    }
    expect(s.records('orderShipments').length).toBeGreaterThan(0);
    expect(s.records('orderCoupons').length).toBeGreaterThan(0);
  });

  it('serves an empty store without failing', () => {
    const empty = createStore({ ...opts, products: 0, customers: 0, orders: 3 });
    expect(empty.records('products')).toEqual([]);
    const lines = empty.records('orderProducts');
    expect(lines.every((l) => l.product_id === 0)).toBe(true);
    expect(empty.records('orders').every((o) => o.customer_id === 0)).toBe(true);
  });

  it('rejects sizes that are not whole numbers of 0 or more', () => {
    expect(() => createStore({ ...opts, products: -1 })).toThrow(/products/);
    expect(() => createStore({ ...opts, orders: 1.5 })).toThrow(/orders/);
  });
});

describe('simulator store: mutate()', () => {
  const ids = (s: ReturnType<typeof createStore>) =>
    handleApi(s, {
      method: 'GET',
      path: '/v3/catalog/products',
      query: new URLSearchParams('limit=3'),
      body: undefined,
    }).body as { data: ApiRecord[]; meta: { pagination: { total: number } } };

  it('alternates by default between deleting the first product and restoring it', () => {
    const s = createStore(opts);
    expect(s.mutate()).toEqual({ resource: 'products', action: 'delete-first', id: 1, total: 59 });
    expect(ids(s).data.map((p) => p.id)).toEqual([2, 3, 4]);
    expect(ids(s).meta.pagination.total).toBe(59);
    expect(s.product(1)).toBeUndefined();
    expect(s.mutate()).toEqual({ resource: 'products', action: 'restore', id: 1, total: 60 });
    expect(ids(s).data.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(s.version).toBe(2);
  });

  it('shifts pages so a scan straddling a delete skips a record and one straddling a restore repeats one', () => {
    const s = createStore(opts);
    const page = (n: number) =>
      (
        handleApi(s, {
          method: 'GET',
          path: '/v3/catalog/products',
          query: new URLSearchParams(`limit=10&page=${n}`),
          body: undefined,
        }).body as { data: ApiRecord[] }
      ).data.map((p) => p.id as number);
    const first = page(1);
    s.mutate({ action: 'delete-first' });
    const skipped = [...first, ...page(2)];
    expect(skipped).not.toContain(11);
    expect(new Set(skipped).size).toBe(20);
    const before = page(1);
    s.mutate({ action: 'restore' });
    const repeated = [...before, ...page(2)];
    expect(repeated.filter((id) => id === 11)).toHaveLength(2);
  });

  it('appends a record with the next id to products, customers or orders', () => {
    const s = createStore(opts);
    expect(s.mutate({ resource: 'orders', action: 'append' })).toEqual({
      resource: 'orders',
      action: 'append',
      id: 81,
      total: 81,
    });
    expect(s.order(81)).toMatchObject({ id: 81 });
    expect(s.mutate({ resource: 'customers', action: 'append' }).id).toBe(41);
    expect(s.records('customers')).toHaveLength(41);
  });

  it('removes a deleted product’s sub-resources and reports nothing to restore when none was deleted', () => {
    const s = createStore(opts);
    s.mutate({ action: 'delete-first' });
    expect(s.productVariants(1)).toEqual([]);
    expect(s.records('productVariants').some((v) => v.product_id === 1)).toBe(false);
    s.mutate({ action: 'restore' });
    expect(s.mutate({ action: 'restore' })).toMatchObject({ id: null, total: 60 });
    expect(s.version).toBe(2);
  });
});

describe('simulator store: scale', () => {
  it('creates a 100,000-row store and serves its last pages', () => {
    const s = createStore({
      seed: 1,
      products: 100_000,
      customers: 100_000,
      orders: 100_000,
      storeHash: 'big',
    });
    const get = (path: string, query: string) =>
      handleApi(s, { method: 'GET', path, query: new URLSearchParams(query), body: undefined });
    const last = get('/v3/catalog/products', 'limit=250&page=400').body as {
      data: ApiRecord[];
      meta: { pagination: Record<string, number> };
    };
    expect(last.meta.pagination).toMatchObject({ total: 100_000, total_pages: 400, count: 250 });
    expect(last.data[249].id).toBe(100_000);
    expect((get('/v2/orders', 'limit=250&page=400').body as ApiRecord[])[249].id).toBe(100_000);
    expect((get('/v2/orders/count', '').body as { count: number }).count).toBe(100_000);
    expect((get('/v3/customers', 'id:in=99999,100000').body as { data: ApiRecord[] }).data).toHaveLength(2);
  });
});
