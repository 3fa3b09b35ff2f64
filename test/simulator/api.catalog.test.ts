import { handleApi } from '../../src/simulator/api';
import { createStore, type ApiRecord } from '../../src/simulator/store';

const store = createStore({ seed: 11, products: 120, customers: 10, orders: 10, storeHash: 'cat11' });

function get(path: string, query = '') {
  return handleApi(store, { method: 'GET', path, query: new URLSearchParams(query), body: undefined });
}

interface V3List {
  data: ApiRecord[];
  meta: { pagination: Record<string, unknown> & { links: Record<string, string> } };
}
const list = (path: string, query = '') => get(path, query).body as V3List;
const ids = (path: string, query: string) => list(path, `limit=250&${query}`).data.map((r) => r.id);
const products = store.records('products');
const expectIds = (pred: (p: ApiRecord) => boolean) => products.filter(pred).map((p) => p.id);

describe('GET /v3/catalog/products', () => {
  it('pages with meta.pagination totals, counts and links', () => {
    const page = list('/v3/catalog/products', 'page=2&limit=50');
    expect(page.data.map((p) => p.id)).toEqual(products.slice(50, 100).map((p) => p.id));
    expect(page.meta.pagination).toEqual({
      total: 120,
      count: 50,
      per_page: 50,
      current_page: 2,
      total_pages: 3,
      links: { previous: '?page=1&limit=50', current: '?page=2&limit=50', next: '?page=3&limit=50' },
    });
  });

  it('reports a short last page without a next link', () => {
    const last = list('/v3/catalog/products', 'page=3&limit=50');
    expect(last.meta.pagination).toMatchObject({ count: 20, current_page: 3, total_pages: 3 });
    expect(last.meta.pagination.links.next).toBeUndefined();
  });

  it('answers a page past the end with no data and the same totals', () => {
    const past = list('/v3/catalog/products', 'page=9&limit=50');
    expect(past.data).toEqual([]);
    expect(past.meta.pagination).toMatchObject({ total: 120, count: 0, current_page: 9, total_pages: 3 });
  });

  it('uses 50 records per page by default and clamps a larger limit to 250', () => {
    expect(list('/v3/catalog/products').meta.pagination.per_page).toBe(50);
    const big = list('/v3/catalog/products', 'limit=1000');
    expect(big.meta.pagination.per_page).toBe(250);
    expect(big.data).toHaveLength(120);
  });

  it('filters by id with every suffix', () => {
    expect(ids('/v3/catalog/products', 'id=7')).toEqual([7]);
    expect(ids('/v3/catalog/products', 'id:in=3,1,200,2')).toEqual([1, 2, 3]);
    expect(ids('/v3/catalog/products', 'id:not_in=1,2').slice(0, 2)).toEqual([3, 4]);
    expect(ids('/v3/catalog/products', 'id:min=118')).toEqual([118, 119, 120]);
    expect(ids('/v3/catalog/products', 'id:max=2')).toEqual([1, 2]);
    expect(ids('/v3/catalog/products', 'id:greater=118')).toEqual([119, 120]);
    expect(ids('/v3/catalog/products', 'id:less=3')).toEqual([1, 2]);
  });

  it('filters by price with :min, :max, :greater and :less', () => {
    expect(ids('/v3/catalog/products', 'price:min=100')).toEqual(
      expectIds((p) => (p.price as number) >= 100),
    );
    expect(ids('/v3/catalog/products', 'price:max=20')).toEqual(expectIds((p) => (p.price as number) <= 20));
    expect(ids('/v3/catalog/products', 'price:greater=0&price:less=10')).toEqual(
      expectIds((p) => (p.price as number) > 0 && (p.price as number) < 10),
    );
    expect(ids('/v3/catalog/products', 'price=0')).toEqual([13]);
  });

  it('matches names exactly but case-insensitively, quotes and unicode included', () => {
    expect(ids('/v3/catalog/products', `name=${encodeURIComponent(`o'brien's "BEST" teapot`)}`)).toEqual([7]);
    expect(ids('/v3/catalog/products', `name=${encodeURIComponent('Crème Brûlée Café Mug ☕')}`)).toEqual([
      11,
    ]);
    expect(ids('/v3/catalog/products', 'name=Mug')).toEqual([]);
  });

  it('filters by sku, sku:in, brand, visibility, featured, type and condition', () => {
    const [a, b] = products;
    expect(ids('/v3/catalog/products', `sku=${a.sku}`)).toEqual([a.id]);
    expect(ids('/v3/catalog/products', `sku:in=${b.sku},${a.sku}`)).toEqual([a.id, b.id]);
    expect(ids('/v3/catalog/products', 'brand_id=3')).toEqual(expectIds((p) => p.brand_id === 3));
    expect(ids('/v3/catalog/products', 'is_visible=false')).toEqual(expectIds((p) => p.is_visible === false));
    expect(ids('/v3/catalog/products', 'is_featured=1')).toEqual(expectIds((p) => p.is_featured === true));
    expect(ids('/v3/catalog/products', 'type=digital')).toEqual(expectIds((p) => p.type === 'digital'));
    expect(ids('/v3/catalog/products', 'condition=used')).toEqual(expectIds((p) => p.condition === 'Used'));
  });

  it('filters by category membership with categories and categories:in', () => {
    const has = (p: ApiRecord, c: number) => (p.categories as number[]).includes(c);
    expect(ids('/v3/catalog/products', 'categories=21')).toEqual(expectIds((p) => has(p, 21)));
    expect(ids('/v3/catalog/products', 'categories:in=3,4')).toEqual(
      expectIds((p) => has(p, 3) || has(p, 4)),
    );
  });

  it('filters by inventory level with ranges, lists and the out_of_stock flag', () => {
    const level = (p: ApiRecord) => p.inventory_level as number;
    expect(ids('/v3/catalog/products', 'inventory_level:greater=100')).toEqual(
      expectIds((p) => level(p) > 100),
    );
    expect(ids('/v3/catalog/products', 'inventory_level:in=0')).toEqual(expectIds((p) => level(p) === 0));
    expect(ids('/v3/catalog/products', 'out_of_stock=1')).toEqual(
      expectIds((p) => p.inventory_tracking !== 'none' && level(p) === 0),
    );
  });

  it('filters by date_modified with :min and :max in any accepted date format', () => {
    const cut = products[60].date_modified as string;
    const ms = Date.parse(cut);
    expect(ids('/v3/catalog/products', `date_modified:min=${encodeURIComponent(cut)}`)).toEqual(
      expectIds((p) => Date.parse(p.date_modified as string) >= ms),
    );
    expect(ids('/v3/catalog/products', `date_modified:max=${ms / 1000}`)).toEqual(
      expectIds((p) => Date.parse(p.date_modified as string) <= ms),
    );
  });

  it('has products sharing one date_modified second (a bulk edit), for tie tests', () => {
    const ties = products.filter((p) => p.date_modified === products[39].date_modified);
    expect(ties.length).toBeGreaterThan(1);
    expect(
      ids(
        '/v3/catalog/products',
        `date_modified=${encodeURIComponent(products[39].date_modified as string)}`,
      ),
    ).toEqual(ties.map((p) => p.id));
  });

  it('finds products by keyword in name or sku', () => {
    expect(ids('/v3/catalog/products', 'keyword=teapot')).toEqual(
      expectIds((p) => /teapot/i.test(`${p.name} ${p.sku} ${p.description}`)),
    );
  });

  it('ignores filters the endpoint does not support, as BigCommerce does', () => {
    expect(list('/v3/catalog/products', 'colour=red&name:like=mug').meta.pagination.total).toBe(120);
  });

  it('answers 422 naming the filter when a value does not parse', () => {
    const reply = get('/v3/catalog/products', 'id:min=abc');
    expect(reply.status).toBe(422);
    expect((reply.body as { title: string }).title).toContain('id:min');
  });

  it('sorts by price descending with ties broken by id', () => {
    const got = list('/v3/catalog/products', 'sort=price&direction=desc&limit=250').data;
    const want = [...products].sort(
      (a, b) => (b.price as number) - (a.price as number) || (a.id as number) - (b.id as number),
    );
    expect(got.map((p) => p.id)).toEqual(want.map((p) => p.id));
  });

  it('sorts by id descending', () => {
    expect(ids('/v3/catalog/products', 'sort=id&direction=desc').slice(0, 3)).toEqual([120, 119, 118]);
  });

  it('adds sub-resources with include', () => {
    const p = list('/v3/catalog/products', 'id=4&include=variants,images,custom_fields,options').data[0];
    expect(p.variants).toEqual(store.productVariants(4));
    expect(p.images).toEqual(store.productImages(4));
    expect(p.custom_fields).toEqual(store.productCustomFields(4));
    expect((p.options as ApiRecord[]).map((o) => o.id)).toEqual(store.productOptions(4).map((o) => o.id));
  });

  it('returns only id and the requested fields with include_fields, and drops fields with exclude_fields', () => {
    expect(list('/v3/catalog/products', 'id=5&include_fields=name,price').data[0]).toEqual({
      id: 5,
      name: 'Snake_Case Mug',
      price: products[4].price,
    });
    const trimmed = list('/v3/catalog/products', 'id=5&exclude_fields=description,id').data[0];
    expect(trimmed.id).toBe(5);
    expect(trimmed).not.toHaveProperty('description');
  });
});

describe('GET /v3/catalog/products/{id} and sub-resources', () => {
  it('returns one product in {data, meta}', () => {
    expect(get('/v3/catalog/products/13').body).toEqual({ data: products[12], meta: {} });
  });

  it('answers 404 with status and title for a missing product', () => {
    const reply = get('/v3/catalog/products/999');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ status: 404, title: expect.stringContaining('product') });
  });

  it('lists variants, images, custom fields and options of a product, paged', () => {
    const variants = list('/v3/catalog/products/4/variants');
    expect(variants.data).toEqual(store.productVariants(4));
    expect(variants.meta.pagination.total).toBe(store.productVariants(4).length);
    expect(list('/v3/catalog/products/4/images').data).toEqual(store.productImages(4));
    expect(list('/v3/catalog/products/4/custom-fields').data).toEqual(store.productCustomFields(4));
    expect(list('/v3/catalog/products/4/options').data).toEqual(store.productOptions(4));
  });

  it('answers 404 for sub-resources of a missing product', () => {
    expect(get('/v3/catalog/products/999/variants').status).toBe(404);
    expect(get('/v3/catalog/products/999/images').status).toBe(404);
  });

  it('returns one variant by id and 404 for an id of another product', () => {
    const v = store.productVariants(4)[0];
    expect((get(`/v3/catalog/products/4/variants/${v.id}`).body as { data: ApiRecord }).data).toEqual(v);
    expect(get(`/v3/catalog/products/5/variants/${v.id}`).status).toBe(404);
  });
});

describe('GET /v3/catalog/variants', () => {
  const all = store.records('productVariants');

  it('lists every variant of every product, in id order', () => {
    const page = list('/v3/catalog/variants', 'limit=250');
    expect(page.meta.pagination.total).toBe(all.length);
    expect(page.data).toEqual(all.slice(0, 250));
  });

  it('filters by product_id:in, sku and id', () => {
    expect(ids('/v3/catalog/variants', 'product_id:in=4,6')).toEqual(
      all.filter((v) => v.product_id === 4 || v.product_id === 6).map((v) => v.id),
    );
    expect(ids('/v3/catalog/variants', `sku=${all[3].sku}`)).toEqual([all[3].id]);
    expect(ids('/v3/catalog/variants', `id=${all[5].id}`)).toEqual([all[5].id]);
  });
});

describe('GET /v3/catalog/brands', () => {
  it('filters by name:like with SQL LIKE wildcards', () => {
    const names = (q: string) => list('/v3/catalog/brands', q).data.map((b) => b.name);
    expect(names('name:like=ACME')).toEqual(['Acme']);
    expect(names('name:like=under_score')).toEqual(['under_score Labs']);
    expect(names(`name:like=${encodeURIComponent('100%')}`)).toEqual(['100% Natural Co']);
    expect(names(`name:like=${encodeURIComponent('zo_ &')}`)).toEqual(['Zoë & Ñandú']);
  });

  it('filters by id range and exact name', () => {
    expect(ids('/v3/catalog/brands', 'id:greater=27')).toEqual([28, 29, 30]);
    expect(ids('/v3/catalog/brands', `name=${encodeURIComponent("o'reilly outfitters")}`)).toEqual([13]);
  });

  it('sorts by name in either direction', () => {
    const names = list('/v3/catalog/brands', 'sort=name&direction=desc&limit=250').data.map(
      (b) => b.name as string,
    );
    expect(names).toEqual([...names].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
  });

  it('returns a brand by id and 404 for a missing one', () => {
    expect((get('/v3/catalog/brands/1').body as { data: ApiRecord }).data.name).toBe('Acme');
    expect(get('/v3/catalog/brands/77').status).toBe(404);
  });
});

describe('GET /v3/catalog/categories and trees', () => {
  it('filters categories by parent_id and name:like', () => {
    expect(ids('/v3/catalog/categories', 'parent_id=8')).toEqual([9, 10, 11]);
    expect(ids('/v3/catalog/categories', 'parent_id:in=1,2')).toEqual([2, 3, 4, 5]);
    expect(ids('/v3/catalog/categories', `name:like=${encodeURIComponent("'")}`)).toEqual([9, 10, 11]);
    expect(ids('/v3/catalog/categories', 'is_visible=false')).toEqual([22]);
  });

  it('sorts categories by name', () => {
    const names = list('/v3/catalog/categories', 'sort=name&limit=250').data.map((c) => c.name as string);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('returns a category by id and 404 for a missing one', () => {
    expect((get('/v3/catalog/categories/21').body as { data: ApiRecord }).data.name).toBe(
      'Clearance 50% Off',
    );
    expect(get('/v3/catalog/categories/99').status).toBe(404);
  });

  it('lists the default tree and its categories with tree filters', () => {
    expect(list('/v3/catalog/trees').data).toEqual([{ id: 1, name: 'Default', channels: [1] }]);
    const cats = list('/v3/catalog/trees/categories', 'category_id:in=1,8&tree_id:in=1').data;
    expect(cats.map((c) => c.category_id)).toEqual([1, 8]);
    expect(cats[0]).toMatchObject({ tree_id: 1, url: { path: '/home-kitchen/', is_customized: false } });
  });
});
