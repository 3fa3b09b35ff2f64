/**
 * Product writes against the simulator's API: what each endpoint answers (checked against
 * products_catalog.v3.yml), and that later reads serve the new state.
 */
import { createStore, type ApiRecord } from '../../src/simulator/store';
import { caller, data, expectSpec } from './writeHelpers';

const P = 'products_catalog.v3.yml';
const V = 'product-variants_catalog.v3.yml';

function fresh() {
  const store = createStore({ seed: 3, products: 40, customers: 5, orders: 5, storeHash: 'wp3' });
  return { store, call: caller(store) };
}

const NEW = { name: 'Walnut Desk Organiser', type: 'physical', weight: 2, price: 24.5, categories: [1] };

describe('simulator product writes', () => {
  it('creates a product with the next id, a base variant, and the images and custom fields sent', () => {
    const { store, call } = fresh();
    const reply = call('POST', '/v3/catalog/products', {
      ...NEW,
      images: [{ image_url: 'https://example.com/desk.jpg', is_thumbnail: true }],
      custom_fields: [{ name: 'Wood', value: 'Walnut' }],
    });
    expect(reply.status).toBe(200);
    expectSpec(reply, P, '/catalog/products', 'POST');
    const made = data(reply);
    expect(made).toMatchObject({ id: 41, name: NEW.name, price: 24.5, calculated_price: 24.5 });
    expect(data(call('GET', '/v3/catalog/products/41'))).toEqual(made);
    const variants = data<ApiRecord[]>(call('GET', '/v3/catalog/products/41/variants'));
    expect(variants).toHaveLength(1);
    expect(made.base_variant_id).toBe(variants[0].id);
    expect(data<ApiRecord[]>(call('GET', '/v3/catalog/variants', undefined, 'product_id:in=41'))).toEqual(
      variants,
    );
    expect(data<ApiRecord[]>(call('GET', '/v3/catalog/products/41/images'))[0].image_url).toBe(
      'https://example.com/desk.jpg',
    );
    expect(data<ApiRecord[]>(call('GET', '/v3/catalog/products/41/custom-fields'))).toEqual([
      { id: expect.any(Number), name: 'Wood', value: 'Walnut' },
    ]);
    expect(store.ids('products')).toHaveLength(41);
  });

  it('updates a batch of products, stamps date_modified, and variants without a price of their own follow', () => {
    const { call } = fresh();
    const before = data(call('GET', '/v3/catalog/products/2'));
    const reply = call('PUT', '/v3/catalog/products', [
      { id: 2, price: 77.5, sale_price: 0, is_visible: false },
      { id: 3, name: 'Renamed Tote' },
    ]);
    expect(reply.status).toBe(200);
    expectSpec(reply, P, '/catalog/products', 'PUT');
    const after = data(call('GET', '/v3/catalog/products/2'));
    expect(after).toMatchObject({
      price: 77.5,
      calculated_price: 77.5,
      is_visible: false,
      name: before.name,
    });
    expect(Date.parse(String(after.date_modified))).toBeGreaterThan(Date.parse(String(before.date_modified)));
    expect(data(call('GET', '/v3/catalog/products/3')).name).toBe('Renamed Tote');
    const list = data<ApiRecord[]>(call('GET', '/v3/catalog/products', undefined, 'id:in=2,3'));
    expect(list.map((p) => [p.price, p.name])).toEqual([
      [77.5, before.name],
      [expect.any(Number), 'Renamed Tote'],
    ]);
    // date_modified filters see the write (the store's index of modification dates).
    const since = encodeURIComponent(String(after.date_modified));
    const changed = data<ApiRecord[]>(
      call('GET', '/v3/catalog/products', undefined, `date_modified:min=${since}`),
    );
    expect(changed.map((p) => p.id)).toEqual([2, 3]);
    for (const v of data<ApiRecord[]>(call('GET', '/v3/catalog/products/2/variants'))) {
      if (v.price === null) expect(v.calculated_price).toBe(77.5);
    }
  });

  it('answers 207 for a batch where some rows fail, applying exactly the others', () => {
    const { call } = fresh();
    const taken = data(call('GET', '/v3/catalog/products/5')).name;
    const reply = call('PUT', '/v3/catalog/products', [
      { id: 1, price: 10 },
      { id: 9999, price: 11 },
      { id: 2, name: taken },
      { id: 4, price: 12 },
    ]);
    expect(reply.status).toBe(207);
    expectSpec(reply, P, '/catalog/products', 'PUT');
    const body = reply.body as { data: ApiRecord[]; errors: { errors: Record<string, unknown> } };
    expect(body.data.map((p) => p.id)).toEqual([1, 4]);
    expect(body.errors.errors).toEqual({
      '1': { status: 404, title: expect.stringContaining('9999') },
      '2': { status: 409, title: expect.stringContaining('duplicate') },
    });
    expect(data(call('GET', '/v3/catalog/products/1')).price).toBe(10);
    expect(data(call('GET', '/v3/catalog/products/2')).name).not.toBe(taken);
    expect(call('GET', '/v3/catalog/products/9999').status).toBe(404);
  });

  it('answers the one failure itself when no row of a batch could be saved', () => {
    const { call } = fresh();
    const reply = call('PUT', '/v3/catalog/products', [{ id: 9999, price: 1 }]);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ status: 404, errors: { '0': { status: 404 } } });
  });

  it('refuses a body the spec does not allow with 422 naming each field, and changes nothing', () => {
    const { call } = fresh();
    const before = data(call('GET', '/v3/catalog/products/1'));
    const reply = call('PUT', '/v3/catalog/products', [
      { id: 1, price: -5 },
      { price: 3 },
      { id: 2, weight: 'heavy' },
    ]);
    expect(reply.status).toBe(422);
    expectSpec(reply, P, '/catalog/products', 'PUT');
    expect((reply.body as { errors: Record<string, string> }).errors).toEqual({
      '0.price': 'must be >= 0',
      '1.id': "must have required property 'id'",
      '2.weight': 'must be number',
    });
    expect(data(call('GET', '/v3/catalog/products/1'))).toEqual(before);
    const missing = call('POST', '/v3/catalog/products', { name: 'No price', type: 'physical', weight: 1 });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ errors: { price: "must have required property 'price'" } });
  });

  it('refuses a batch of more than 10 products with the documented 413, applying none of it', () => {
    const { call } = fresh();
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, price: 1 }));
    const reply = call('PUT', '/v3/catalog/products', rows);
    expect(reply.status).toBe(413);
    expectSpec(reply, P, '/catalog/products', 'PUT');
    expect(data(call('GET', '/v3/catalog/products/1')).price).not.toBe(1);
  });

  it('refuses a duplicate name on create with 409 and creates nothing', () => {
    const { store, call } = fresh();
    const name = data(call('GET', '/v3/catalog/products/7')).name;
    const reply = call('POST', '/v3/catalog/products', { ...NEW, name });
    expect(reply.status).toBe(409);
    expectSpec(reply, P, '/catalog/products', 'POST');
    expect(store.ids('products')).toHaveLength(40);
    expect(call('POST', '/v3/catalog/products', { ...NEW, brand_id: 999 }).status).toBe(409);
  });

  it('deletes by id:in (ignoring unknown ids) and by id, and the products and their variants are gone', () => {
    const { call } = fresh();
    expect(call('DELETE', '/v3/catalog/products', undefined, 'id:in=1,2,9999').status).toBe(204);
    expect(call('DELETE', '/v3/catalog/products/3').status).toBe(204);
    expect(call('DELETE', '/v3/catalog/products/3').status).toBe(404);
    for (const id of [1, 2, 3]) expect(call('GET', `/v3/catalog/products/${id}`).status).toBe(404);
    const list = call('GET', '/v3/catalog/products', undefined, 'limit=1');
    expect((list.body as { meta: { pagination: { total: number } } }).meta.pagination.total).toBe(37);
    expect(data<ApiRecord[]>(call('GET', '/v3/catalog/variants', undefined, 'product_id:in=1,2,3'))).toEqual(
      [],
    );
  });

  it('refuses a delete without a filter or with more than 250 ids', () => {
    const { store, call } = fresh();
    expect(call('DELETE', '/v3/catalog/products').status).toBe(422);
    const ids = Array.from({ length: 251 }, (_, i) => i + 1).join(',');
    expect(call('DELETE', '/v3/catalog/products', undefined, `id:in=${ids}`).status).toBe(413);
    expect(store.ids('products')).toHaveLength(40);
  });

  it('writes variants one at a time and in batches of up to 50', () => {
    const { call } = fresh();
    const v = data<ApiRecord[]>(call('GET', '/v3/catalog/products/2/variants'))[0];
    const one = call('PUT', `/v3/catalog/products/2/variants/${v.id}`, { price: 5.25, inventory_level: 9 });
    expect(one.status).toBe(200);
    expectSpec(one, V, '/catalog/products/{product_id}/variants/{variant_id}', 'PUT');
    expect(data(one)).toMatchObject({ price: 5.25, calculated_price: 5.25, inventory_level: 9 });
    const batch = call('PUT', '/v3/catalog/variants', [
      { id: v.id, sku: 'NEW-SKU' },
      { id: 123456, sku: 'X' },
    ]);
    expect(batch.status).toBe(207);
    const listed = data<ApiRecord[]>(call('GET', '/v3/catalog/variants', undefined, 'product_id:in=2'));
    expect(listed.find((x) => x.id === v.id)).toMatchObject({ sku: 'NEW-SKU', price: 5.25 });
    const rows = Array.from({ length: 51 }, () => ({ id: v.id }));
    expect(call('PUT', '/v3/catalog/variants', rows).status).toBe(413);
  });

  it('adds an image by URL, changes a custom field, and deletes the image', () => {
    const { call } = fresh();
    const image = call('POST', '/v3/catalog/products/4/images', { image_url: 'https://example.com/a.png' });
    expect(image.status).toBe(200);
    expectSpec(image, P, '/catalog/products/{product_id}/images', 'POST');
    const id = data(image).id as number;
    expect(data(call('GET', `/v3/catalog/products/4/images/${id}`)).image_url).toBe(
      'https://example.com/a.png',
    );
    const field = call('POST', '/v3/catalog/products/4/custom-fields', { name: 'Care', value: 'Hand wash' });
    const fid = data(field).id as number;
    call('PUT', `/v3/catalog/products/4/custom-fields/${fid}`, { value: 'Machine wash' });
    expect(data(call('GET', `/v3/catalog/products/4/custom-fields/${fid}`)).value).toBe('Machine wash');
    expect(call('DELETE', `/v3/catalog/products/4/images/${id}`).status).toBe(204);
    expect(call('GET', `/v3/catalog/products/4/images/${id}`).status).toBe(404);
    expect(call('POST', '/v3/catalog/products/4/images', {}).status).toBe(200);
    expect(call('POST', '/v3/catalog/products/9999/images', { image_url: 'x' }).status).toBe(404);
  });
});
