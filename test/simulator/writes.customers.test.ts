/**
 * Customer, address, brand and brand image writes against the simulator's API, checked against
 * customers.v3.yml and brands_catalog.v3.yml, with later reads serving the new state.
 */
import { handleApi } from '../../src/simulator/api';
import { createStore, type ApiRecord, type SimStore } from '../../src/simulator/store';
import { caller, data, expectSpec } from './writeHelpers';

const C = 'customers.v3.yml';
const B = 'brands_catalog.v3.yml';

function fresh() {
  const store = createStore({ seed: 4, products: 5, customers: 30, orders: 5, storeHash: 'wc4' });
  return { store, call: caller(store) };
}

const ADDRESS = {
  first_name: 'Ada',
  last_name: 'Byron',
  address1: '12 Queen Street',
  city: 'Leeds',
  state_or_province: 'West Yorkshire',
  postal_code: 'LS1 2AB',
  country_code: 'GB',
};
const person = (n: number) => ({ first_name: 'Ada', last_name: `Byron ${n}`, email: `ada${n}@test.example` });

describe('simulator customer writes', () => {
  it('creates a batch of customers with their addresses and never serves the password back', () => {
    const { call } = fresh();
    const reply = call('POST', '/v3/customers', [
      { ...person(1), addresses: [ADDRESS], authentication: { new_password: 'Sup3r-secret!' } },
      person(2),
    ]);
    expect(reply.status).toBe(200);
    expectSpec(reply, C, '/customers', 'POST');
    expect(JSON.stringify(reply.body)).not.toContain('Sup3r-secret!');
    const made = data<ApiRecord[]>(reply);
    expect(made.map((c) => [c.id, c.email, c.address_count])).toEqual([
      [31, 'ada1@test.example', 1],
      [32, 'ada2@test.example', 0],
    ]);
    const listed = data<ApiRecord[]>(call('GET', '/v3/customers', undefined, 'id:in=31,32'));
    expect(listed).toEqual(made);
    const addresses = data<ApiRecord[]>(
      call('GET', '/v3/customers/addresses', undefined, 'customer_id:in=31,32'),
    );
    expect(addresses).toEqual([expect.objectContaining({ ...ADDRESS, customer_id: 31 })]);
  });

  it('refuses a batch with an email already in use (or twice in it) with 422 and creates none of it', () => {
    const { store, call } = fresh();
    const taken = data<ApiRecord[]>(call('GET', '/v3/customers', undefined, 'id:in=3'))[0].email;
    const reply = call('POST', '/v3/customers', [person(1), { ...person(2), email: taken }, person(1)]);
    expect(reply.status).toBe(422);
    expectSpec(reply, C, '/customers', 'POST');
    expect(reply.body).toMatchObject({
      errors: {
        '1.email': expect.stringContaining('customer 3'),
        '2.email': expect.stringContaining('row 0'),
      },
    });
    expect(store.ids('customers')).toHaveLength(30);
  });

  it('updates a batch, or none of it when a row names an unknown customer', () => {
    const { call } = fresh();
    const reply = call('PUT', '/v3/customers', [
      { id: 2, company: 'Acme Ltd', customer_group_id: 3 },
      { id: 4, notes: 'VIP' },
    ]);
    expect(reply.status).toBe(200);
    expectSpec(reply, C, '/customers', 'PUT');
    const after = data<ApiRecord[]>(call('GET', '/v3/customers', undefined, 'id:in=2,4'));
    expect(after.map((c) => [c.company, c.customer_group_id, c.notes])).toEqual([
      ['Acme Ltd', 3, expect.any(String)],
      [expect.any(String), expect.any(Number), 'VIP'],
    ]);
    const refused = call('PUT', '/v3/customers', [
      { id: 5, company: 'Nope' },
      { id: 999, company: 'Nope' },
    ]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ errors: { '1.id': expect.stringContaining('999') } });
    expect(data<ApiRecord[]>(call('GET', '/v3/customers', undefined, 'id:in=5'))[0].company).not.toBe('Nope');
  });

  it('refuses more than 10 customers per call with 413', () => {
    const { store, call } = fresh();
    const rows = Array.from({ length: 11 }, (_, i) => person(i));
    expect(call('POST', '/v3/customers', rows).status).toBe(413);
    expect(call('PUT', '/v3/customers', rows).status).toBe(413);
    expect(store.ids('customers')).toHaveLength(30);
  });

  it('deletes by id:in, and deletes nothing when id:in is missing (204 all the same, as documented)', () => {
    const { store, call } = fresh();
    expect(call('DELETE', '/v3/customers').status).toBe(204);
    expect(store.ids('customers')).toHaveLength(30);
    expect(call('DELETE', '/v3/customers', undefined, 'id:in=1,2,999').status).toBe(204);
    expect(
      data<ApiRecord[]>(call('GET', '/v3/customers', undefined, 'id:in=1,2,3')).map((c) => c.id),
    ).toEqual([3]);
    expect(
      data<ApiRecord[]>(call('GET', '/v3/customers/addresses', undefined, 'customer_id:in=1,2')),
    ).toEqual([]);
  });

  it('adds, changes and deletes addresses, keeping address_count in step', () => {
    const { call } = fresh();
    const added = call('POST', '/v3/customers/addresses', [{ ...ADDRESS, customer_id: 6 }]);
    expect(added.status).toBe(200);
    expectSpec(added, C, '/customers/addresses', 'POST');
    const id = data<ApiRecord[]>(added)[0].id as number;
    const count = () =>
      data<ApiRecord[]>(call('GET', '/v3/customers', undefined, 'id:in=6'))[0].address_count;
    const n = Number(count());
    expect(call('PUT', '/v3/customers/addresses', [{ id, city: 'York' }]).status).toBe(200);
    const mine = () =>
      data<ApiRecord[]>(call('GET', '/v3/customers/addresses', undefined, 'customer_id:in=6'));
    expect(mine().find((a) => a.id === id)?.city).toBe('York');
    expect(call('DELETE', '/v3/customers/addresses', undefined, `id:in=${id}`).status).toBe(204);
    expect(mine().some((a) => a.id === id)).toBe(false);
    expect(count()).toBe(n - 1);
    expect(call('POST', '/v3/customers/addresses', [{ ...ADDRESS, customer_id: 999 }]).status).toBe(422);
  });
});

describe('simulator brand writes', () => {
  it('creates, renames and deletes brands, never reusing an id', () => {
    const { store, call } = fresh();
    const n = store.brands.length;
    const made = call('POST', '/v3/catalog/brands', { name: 'Quillfeather Goods' });
    expect(made.status).toBe(200);
    expectSpec(made, B, '/catalog/brands', 'POST');
    expect(data(made)).toMatchObject({
      id: n + 1,
      name: 'Quillfeather Goods',
      custom_url: { url: '/brands/quillfeather-goods.html' },
    });
    const renamed = call('PUT', `/v3/catalog/brands/${n + 1}`, { name: 'Quillfeather Co', page_title: 'S' });
    expectSpec(renamed, B, '/catalog/brands/{brand_id}', 'PUT');
    expect(data(call('GET', `/v3/catalog/brands/${n + 1}`))).toMatchObject({
      name: 'Quillfeather Co',
      page_title: 'S',
    });
    expect(call('DELETE', `/v3/catalog/brands/${n + 1}`).status).toBe(204);
    expect(call('GET', `/v3/catalog/brands/${n + 1}`).status).toBe(404);
    expect(data(call('POST', '/v3/catalog/brands', { name: 'Quillfeather Two' })).id).toBe(n + 2);
  });

  it('refuses a duplicate name with 409 and deletes several by id:in', () => {
    const { store, call } = fresh();
    const taken = store.brands[0].name;
    const clash = call('POST', '/v3/catalog/brands', { name: taken });
    expect(clash.status).toBe(409);
    expectSpec(clash, B, '/catalog/brands', 'POST');
    expect(call('DELETE', '/v3/catalog/brands', undefined, 'id:in=1,2').status).toBe(204);
    const left = data<ApiRecord[]>(call('GET', '/v3/catalog/brands', undefined, 'id:in=1,2,3'));
    expect(left.map((b) => b.id)).toEqual([3]);
    expect(call('POST', '/v3/catalog/brands', { page_title: 'no name' }).status).toBe(422);
  });
});

describe('simulator brand image writes', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const upload = (store: SimStore, id: number, data: Buffer, filename = 'logo.png') =>
    handleApi(store, {
      method: 'POST',
      path: `/v3/catalog/brands/${id}/image`,
      query: new URLSearchParams(),
      body: undefined,
      form: [{ name: 'image_file', filename, contentType: 'image/png', data }],
    });

  it('takes an image upload, answers its URL as the spec says, and deletes it', () => {
    const { store, call } = fresh();
    const reply = upload(store, 2, png, 'Big Logo.png');
    expect(reply.status).toBe(200);
    expectSpec(reply, B, '/catalog/brands/{brand_id}/image', 'POST');
    const url = data(reply).image_url as string;
    expect(url).toMatch(/\/big-logo__\d+\.png$/);
    expect(data(call('GET', '/v3/catalog/brands/2')).image_url).toBe(url);
    expect(call('DELETE', '/v3/catalog/brands/2/image').status).toBe(204);
    expect(data(call('GET', '/v3/catalog/brands/2')).image_url).toBe('');
  });

  it('refuses a file that is not an image, or no file, with 422; an unknown brand with 404', () => {
    const { store, call } = fresh();
    expect(upload(store, 2, Buffer.from('plain text')).status).toBe(422);
    expect(upload(store, 9999, png).status).toBe(404);
    expect(call('POST', '/v3/catalog/brands/2/image').status).toBe(422);
  });
});
