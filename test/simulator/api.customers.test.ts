import { handleApi } from '../../src/simulator/api';
import { createStore, type ApiRecord } from '../../src/simulator/store';

const store = createStore({ seed: 5, products: 10, customers: 90, orders: 10, storeHash: 'cus5' });

function get(path: string, query = '') {
  return handleApi(store, { method: 'GET', path, query: new URLSearchParams(query), body: undefined });
}
const list = (path: string, query = '') =>
  get(path, query).body as { data: ApiRecord[]; meta: { pagination: Record<string, number> } };
const ids = (path: string, query: string) => list(path, `limit=250&${query}`).data.map((r) => r.id);

const customers = store.records('customers');
const addresses = store.records('customerAddresses');
const expectIds = (pred: (c: ApiRecord) => boolean) => customers.filter(pred).map((c) => c.id);

describe('GET /v3/customers', () => {
  it('pages customers in id order with meta.pagination', () => {
    const page = list('/v3/customers', 'page=2&limit=40');
    expect(page.data).toEqual(customers.slice(40, 80));
    expect(page.meta.pagination).toMatchObject({ total: 90, count: 40, total_pages: 3, current_page: 2 });
  });

  it('filters by id:in, email:in, company:in and customer_group_id:in', () => {
    expect(ids('/v3/customers', 'id:in=5,3,500')).toEqual([3, 5]);
    const [a, b] = customers;
    expect(
      ids('/v3/customers', `email:in=${encodeURIComponent(`${b.email},${String(a.email).toUpperCase()}`)}`),
    ).toEqual([1, 2]);
    const company = customers.find((c) => c.company !== '')!.company as string;
    expect(ids('/v3/customers', `company:in=${encodeURIComponent(company)}`)).toEqual(
      expectIds((c) => c.company === company),
    );
    expect(ids('/v3/customers', 'customer_group_id:in=2,3')).toEqual(
      expectIds((c) => c.customer_group_id === 2 || c.customer_group_id === 3),
    );
  });

  it('filters by full name with name:in and by any of several substrings with name:like', () => {
    const c = customers[10];
    const full = `${c.first_name} ${c.last_name}`;
    expect(ids('/v3/customers', `name:in=${encodeURIComponent(full)}`)).toEqual(
      expectIds((x) => `${x.first_name} ${x.last_name}` === full),
    );
    expect(ids('/v3/customers', 'name:like=smith,kim')).toEqual(
      expectIds((x) => /smith|kim/i.test(`${x.first_name} ${x.last_name}`)),
    );
  });

  it('filters by date_created:min and date_modified:max', () => {
    const cut = customers[45].date_created as string;
    expect(ids('/v3/customers', `date_created:min=${encodeURIComponent(cut)}`)).toEqual(
      expectIds((c) => Date.parse(c.date_created as string) >= Date.parse(cut)),
    );
    const day = (customers[30].date_modified as string).slice(0, 10);
    expect(ids('/v3/customers', `date_modified:max=${day}`)).toEqual(
      expectIds((c) => Date.parse(c.date_modified as string) <= Date.parse(`${day}T00:00:00Z`)),
    );
  });

  it('sorts by last_name and by date_created descending', () => {
    const byName = list('/v3/customers', 'sort=last_name:asc&limit=250').data.map(
      (c) => c.last_name as string,
    );
    expect(byName).toEqual([...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(ids('/v3/customers', 'sort=date_created:desc')[0]).toBe(90);
  });

  it('includes addresses matching address_count', () => {
    for (const c of list('/v3/customers', 'include=addresses&limit=250').data) {
      expect((c.addresses as ApiRecord[]).length).toBe(c.address_count);
    }
  });
});

describe('GET /v3/customers/addresses', () => {
  it('lists every address of every customer, paged', () => {
    const page = list('/v3/customers/addresses', 'limit=250');
    expect(page.data).toEqual(addresses);
    expect(page.meta.pagination.total).toBe(customers.reduce((n, c) => n + (c.address_count as number), 0));
  });

  it('filters by customer_id:in and id:in', () => {
    expect(list('/v3/customers/addresses', 'customer_id:in=2,4').data).toEqual(
      addresses.filter((a) => a.customer_id === 2 || a.customer_id === 4),
    );
    const some = addresses.slice(2, 4).map((a) => a.id);
    expect(ids('/v3/customers/addresses', `id:in=${some.join(',')}`)).toEqual(some);
  });
});

describe('GET /v2/customer_groups', () => {
  it('lists groups as a bare array and counts them', () => {
    const groups = get('/v2/customer_groups').body as ApiRecord[];
    expect(groups.map((g) => g.name)).toEqual(['Retail', 'Wholesale', 'VIP 15% & Free_Shipping', 'Guests']);
    expect(get('/v2/customer_groups/count').body).toEqual({ count: 4 });
  });

  it('filters by name:like, is_default and is_group_for_guests', () => {
    const names = (q: string) =>
      ((get('/v2/customer_groups', q).body as ApiRecord[] | undefined) ?? []).map((g) => g.id);
    expect(names('name:like=sale')).toEqual([2]);
    expect(names('is_default=true')).toEqual([1]);
    expect(names('is_group_for_guests=1')).toEqual([4]);
  });

  it('answers 204 with no body when no group matches', () => {
    expect(get('/v2/customer_groups', 'name=Nobody')).toEqual({ status: 204 });
  });

  it('returns a group by id and a v2 404 for a missing one', () => {
    expect((get('/v2/customer_groups/2').body as ApiRecord).name).toBe('Wholesale');
    expect(get('/v2/customer_groups/9')).toEqual({
      status: 404,
      body: [{ status: 404, message: 'The requested resource was not found.' }],
    });
  });
});
