import { loadCatalog } from '../../src/catalog/loadCatalog';
import type { ExecutionContext } from '../../src/engine/context';
import { executeWrite } from '../../src/engine/write/executeWrite';
import { nullLogger } from '../../src/log';
import type { ConnectionOptions } from '../../src/options/types';
import { parseStatement } from '../../src/sql/parseStatement';
import type { WriteStatement } from '../../src/sql/types';
import type { QueryParams } from '../../src/types';
import { WriteClient, type Fault } from './writeClient';

const catalog = loadCatalog();
const env = { systemTables: [] };

function products(n: number, brandOf = (i: number) => (i % 2 ? 3 : 4)) {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `P${i + 1}`,
    type: 'physical',
    weight: 1,
    price: 10 + i,
    brand_id: brandOf(i + 1),
    custom_url: { url: `/p${i + 1}/`, is_customized: false },
  }));
}

function setup(store: Record<string, Record<string, unknown>[]>, over: Partial<ConnectionOptions> = {}) {
  const client = new WriteClient(store);
  const ctx: ExecutionContext = {
    options: {
      Pushdown: true,
      MaxFanOut: 100,
      MaxConcurrentRequests: 4,
      StagingRowThreshold: 100000,
      ...over,
    } as ConnectionOptions,
    catalog,
    logger: nullLogger,
    auth: { storeHash: () => 'abc', accessToken: async () => 't', renewAfterUnauthorized: async () => false },
    client,
    warnings: [],
    oauthRequests: { count: 0 },
  };
  const run = (sql: string, params?: QueryParams) =>
    executeWrite(ctx, parseStatement(sql) as WriteStatement, params, env);
  return { client, run };
}

async function failure(
  p: Promise<unknown>,
): Promise<Record<string, unknown> & { code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, unknown> & { code: string; message: string };
  }
  throw new Error('expected the statement to fail');
}

describe('UPDATE', () => {
  it('updates products 10 per PUT with the new value computed from the current one', async () => {
    const { client, run } = setup({ '/v3/catalog/products': products(50) });
    const r = await run('UPDATE Products SET Price = Price * 2 WHERE BrandId = 3');
    expect(r.command).toBe('UPDATE');
    expect(r.rowCount).toBe(25);
    expect(client.writes.map((w) => w.method)).toEqual(Array(3).fill('PUT'));
    expect(client.writes.map((w) => (w.body as unknown[]).length)).toEqual([10, 10, 5]);
    const p3 = client.store['/v3/catalog/products'].find((p) => p.id === 3)!;
    expect(p3.price).toBe(24);
    expect(client.store['/v3/catalog/products'].find((p) => p.id === 2)!.price).toBe(11);
    // One list request for the WHERE, three writes.
    expect(r.requestCount).toBe(4);
  });

  it('sends only the key and the SET columns, nested at their source paths', async () => {
    const { client, run } = setup({ '/v3/catalog/products': products(2) });
    await run("UPDATE Products SET CustomUrl = '/new/', IsVisible = ? WHERE Id = 2", [true]);
    expect(client.writes[0].body).toEqual([{ id: 2, custom_url: { url: '/new/' }, is_visible: true }]);
  });

  it('answers RETURNING with the rows as BigCommerce returned them', async () => {
    const { run } = setup({ '/v3/catalog/products': products(3) });
    const r = await run("UPDATE Products SET Name = 'x' || Id WHERE Id IN (1, 3) RETURNING Id, Name, Price");
    expect(r.fields.map((f) => f.name)).toEqual(['Id', 'Name', 'Price']);
    expect(r.values).toEqual([
      [1, 'x1', 10],
      [3, 'x3', 12],
    ]);
  });

  it("sends one PUT per brand, to the brand's own path, carrying the name the API requires", async () => {
    const brands = [1, 2, 3].map((id) => ({ id, name: `B${id}` }));
    const { client, run } = setup({ '/v3/catalog/brands': brands });
    const r = await run("UPDATE Brands SET PageTitle = Name || ' page'");
    expect(r.rowCount).toBe(3);
    expect(client.writes.map((w) => `${w.method} ${w.path}`).sort()).toEqual([
      'PUT /v3/catalog/brands/1',
      'PUT /v3/catalog/brands/2',
      'PUT /v3/catalog/brands/3',
    ]);
    expect(client.writes.find((w) => w.path.endsWith('/2'))!.body).toEqual({
      name: 'B2',
      page_title: 'B2 page',
    });
  });

  it('reads the alias of the updated table in SET and WHERE', async () => {
    const { client, run } = setup({ '/v3/catalog/products': products(3) });
    const r = await run('UPDATE Products AS p SET p.Price = p.Price + 1 WHERE p.Id = 2');
    expect(r.rowCount).toBe(1);
    expect(client.writes[0].body).toEqual([{ id: 2, price: 12 }]);
  });

  it('touches nothing when the WHERE matches no row', async () => {
    const { client, run } = setup({ '/v3/catalog/products': products(5) });
    const r = await run('UPDATE Products SET Price = 1 WHERE BrandId = 99');
    expect(r.rowCount).toBe(0);
    expect(client.writes).toEqual([]);
  });
});

describe('INSERT and UPSERT', () => {
  it('creates one product per POST and returns the new ids', async () => {
    const { client, run } = setup({ '/v3/catalog/products': [] });
    const r = await run(
      "INSERT INTO Products (Name, Type, Weight, Price) VALUES ('A', 'physical', 1, 5), (?, 'digital', 0, ? + 1) RETURNING Id, Name, Price",
      ['B', 7],
    );
    expect(r.command).toBe('INSERT');
    expect(r.rowCount).toBe(2);
    expect(r.values).toEqual([
      [1000, 'A', 5],
      [1001, 'B', 8],
    ]);
    expect(client.writes.map((w) => w.method)).toEqual(['POST', 'POST']);
    expect(client.writes[1].body).toEqual({ name: 'B', type: 'digital', weight: 0, price: 8 });
  });

  it('creates customers 10 per POST', async () => {
    const { client, run } = setup({ '/v3/customers': [] });
    const values = Array.from({ length: 23 }, (_, i) => `('c${i}@test.example', 'F${i}', 'L')`).join(', ');
    const r = await run(`INSERT INTO Customers (Email, FirstName, LastName) VALUES ${values}`);
    expect(r.rowCount).toBe(23);
    expect(client.writes.map((w) => (w.body as unknown[]).length)).toEqual([10, 10, 3]);
    expect(client.store['/v3/customers']).toHaveLength(23);
  });

  it('copies rows with INSERT … SELECT', async () => {
    const { client, run } = setup({
      '/v3/catalog/brands': [
        { id: 1, name: 'Acme' },
        { id: 2, name: 'Beta' },
      ],
    });
    const r = await run("INSERT INTO Brands (Name) SELECT Name || ' copy' FROM Brands WHERE Id = 2");
    expect(r.rowCount).toBe(1);
    expect(client.writes).toEqual([
      { method: 'POST', path: '/v3/catalog/brands', body: { name: 'Beta copy' } },
    ]);
  });

  it('updates the rows whose key exists and creates the others', async () => {
    const { client, run } = setup({ '/v3/catalog/brands': [{ id: 1, name: 'Acme' }] });
    const r = await run(
      "UPSERT INTO Brands (Id, Name) VALUES (1, 'Acme 2'), (NULL, 'New') RETURNING Id, Name",
    );
    expect(r.command).toBe('UPSERT');
    expect(r.values).toEqual([
      [1, 'Acme 2'],
      [1000, 'New'],
    ]);
    expect(client.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      'PUT /v3/catalog/brands/1',
      'POST /v3/catalog/brands',
    ]);
  });
});

describe('DELETE', () => {
  it('deletes products by id:in, 250 per request, reading only what the WHERE needs', async () => {
    const { client, run } = setup({ '/v3/catalog/products': products(600, () => 3) });
    const r = await run('DELETE FROM Products WHERE BrandId = 3');
    expect(r.rowCount).toBe(600);
    expect(client.writes.map((w) => String(w.query?.['id:in']).split(',').length)).toEqual([250, 250, 100]);
    expect(client.store['/v3/catalog/products']).toEqual([]);
  });

  it('returns the deleted rows as they were', async () => {
    const { run } = setup({
      '/v3/catalog/brands': [
        { id: 1, name: 'Acme' },
        { id: 2, name: 'Beta' },
      ],
    });
    const r = await run('DELETE FROM Brands WHERE Name = ? RETURNING Id, Name', ['Beta']);
    expect(r.values).toEqual([[2, 'Beta']]);
  });
});

describe('checks before any request', () => {
  const cases: [sql: string, code: string, message: string][] = [
    [
      "INSERT INTO Products (Id, Name, Type, Weight, Price) VALUES (1, 'a', 'physical', 1, 1)",
      'ERR_READ_ONLY_COLUMN',
      'Products.Id is read-only',
    ],
    [
      "UPDATE Products SET DateModified = '2024-01-01' WHERE Id = 1",
      'ERR_READ_ONLY_COLUMN',
      'Products.DateModified is read-only',
    ],
    ["INSERT INTO Products (Name) VALUES ('a')", 'ERR_MISSING_COLUMN', 'must give Type, Weight, Price'],
    [
      "INSERT INTO OrderStatuses (Name) VALUES ('a')",
      'ERR_READ_ONLY_TABLE',
      'OrderStatuses cannot be inserted into',
    ],
    ["UPDATE Products SET Nmae = 'a'", 'ERR_UNKNOWN_COLUMN', 'did you mean "Name"'],
    ["INSERT INTO Prodcts (Name) VALUES ('a')", 'ERR_UNKNOWN_TABLE', 'did you mean "Products"'],
    ['DELETE FROM Products WHERE Id = 1 RETURNING Nope', 'ERR_UNKNOWN_COLUMN', 'no column "Nope"'],
  ];
  it.each(cases)('%s fails with %s', async (sql, code, message) => {
    const { client, run } = setup({ '/v3/catalog/products': products(2) });
    const err = await failure(run(sql));
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
    expect(client.requestCount).toBe(0);
  });

  it('refuses to write when MaxFanOut cut the read of the rows to change short', async () => {
    const store = {
      '/v3/catalog/products': products(3),
      ...Object.fromEntries(
        [1, 2, 3].map((p) => [
          `/v3/catalog/products/${p}/custom-fields`,
          [{ id: p * 10, name: 'n', value: 'v' }],
        ]),
      ),
    };
    const { client, run } = setup(store, { MaxFanOut: 2 });
    const err = await failure(run("UPDATE ProductCustomFields SET Value = 'x'"));
    expect(err.code).toBe('ERR_INCOMPLETE_RESULT');
    expect(err.message).toContain('MaxFanOut');
    expect(client.writes).toEqual([]);
  });

  it('refuses a value of the wrong type naming the row and column', async () => {
    const { client, run } = setup({ '/v3/catalog/products': [] });
    const err = await failure(
      run("INSERT INTO Products (Name, Type, Weight, Price) VALUES ('a', 'physical', 1, 'cheap')"),
    );
    expect(err).toMatchObject({ code: 'ERR_INVALID_VALUE', property: 'Price', row: 1 });
    expect(client.writes).toEqual([]);
  });
});

describe('outcomes', () => {
  function faulty(store: Record<string, Record<string, unknown>[]>, fault: (i: number) => Fault | undefined) {
    const s = setup(store, { MaxConcurrentRequests: 1 });
    s.client.fault = (_call, i) => fault(i);
    return s;
  }

  it('never resends a create whose answer was lost, and names the rows whose outcome is unknown', async () => {
    const { client, run } = faulty({ '/v3/catalog/brands': [] }, (i) =>
      i === 1 ? 'timeout-after-apply' : undefined,
    );
    const err = await failure(run("INSERT INTO Brands (Name) VALUES ('a'), ('b'), ('c')"));
    expect(err.code).toBe('ERR_WRITE_OUTCOME_UNKNOWN');
    expect(err).toMatchObject({ applied: [1000], unknown: [2] });
    expect(err.failed).toEqual([{ row: 3, message: 'not sent: an earlier request of the statement failed' }]);
    expect(err.message).toContain('row 2');
    expect(client.writes).toHaveLength(2);
    // The store holds exactly what happened: a, and b (applied before the answer was lost), once each.
    expect(client.store['/v3/catalog/brands'].map((b) => b.name)).toEqual(['a', 'b']);
  });

  it('reports a 5xx on a create as unknown too', async () => {
    const { run } = faulty({ '/v3/catalog/brands': [] }, () => '500-after-apply');
    const err = await failure(run("INSERT INTO Brands (Name) VALUES ('a')"));
    expect(err).toMatchObject({ code: 'ERR_WRITE_OUTCOME_UNKNOWN', applied: [], unknown: [1], status: 500 });
  });

  it("fails with ERR_PARTIAL_WRITE listing applied ids and refused rows with BigCommerce's message on a 207", async () => {
    const { client, run } = faulty({ '/v3/catalog/products': products(12) }, (i) =>
      i === 0 ? { partial: [1] } : undefined,
    );
    const err = await failure(run('UPDATE Products SET Price = Price + 1'));
    expect(err.code).toBe('ERR_PARTIAL_WRITE');
    expect((err.applied as number[]).sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(err.failed).toEqual([{ row: 2, status: 207, message: 'price: must be at least 0' }]);
    expect(client.store['/v3/catalog/products'].find((p) => p.id === 2)!.price).toBe(11);
  });

  it("shows BigCommerce's field errors when a 422 refuses everything", async () => {
    const { client, run } = faulty({ '/v3/catalog/brands': [] }, () => ({
      status: 422,
      errors: { name: 'must be unique' },
    }));
    const err = await failure(run("INSERT INTO Brands (Name) VALUES ('a'), ('b')"));
    expect(err.code).toBe('ERR_API_INVALID_REQUEST');
    expect(err.message).toContain('name: must be unique');
    expect(err.message).toContain('nothing was written');
    expect(client.writes).toHaveLength(1);
  });

  it('reports the rows a later request refused after earlier ones were written', async () => {
    const { run } = faulty({ '/v3/catalog/brands': [] }, (i) =>
      i === 1 ? { status: 422, errors: { name: 'too long' } } : undefined,
    );
    const err = await failure(run("INSERT INTO Brands (Name) VALUES ('a'), ('b'), ('c')"));
    expect(err.code).toBe('ERR_PARTIAL_WRITE');
    expect(err.applied).toEqual([1000]);
    expect((err.failed as { row: number; status?: number }[]).map((f) => [f.row, f.status])).toEqual([
      [2, 422],
      [3, undefined],
    ]);
  });
});

describe('child tables and v2 tables', () => {
  it('adds a product image by URL to the product the row names', async () => {
    const { client, run } = setup({ '/v3/catalog/products/7/images': [] });
    const r = await run(
      "INSERT INTO ProductImages (ProductId, ImageUrl, IsThumbnail) VALUES (7, 'https://img.test/a.png', TRUE) RETURNING Id, ProductId, ImageUrl",
    );
    expect(client.writes).toEqual([
      {
        method: 'POST',
        path: '/v3/catalog/products/7/images',
        body: { image_url: 'https://img.test/a.png', is_thumbnail: true },
      },
    ]);
    expect(r.values).toEqual([[1000, 7, 'https://img.test/a.png']]);
  });

  it('creates an order with its items from a JSON LinkedProducts column', async () => {
    const { client, run } = setup({ '/v2/orders': [] });
    const items = JSON.stringify([{ product_id: 3, quantity: 2 }]);
    const r = await run(
      "INSERT INTO Orders (LinkedProducts, BillingAddressFirstName, StatusId) VALUES (?, 'Ann', 11) RETURNING Id",
      [items],
    );
    expect(r.values).toEqual([[1000]]);
    expect(client.writes[0]).toEqual({
      method: 'POST',
      path: '/v2/orders',
      body: {
        products: [{ product_id: 3, quantity: 2 }],
        billing_address: { first_name: 'Ann' },
        status_id: 11,
      },
    });
  });

  it('archives orders with one DELETE each, sent concurrently', async () => {
    const orders = [1, 2, 3, 4, 5].map((id) => ({ id, status_id: id === 5 ? 5 : 11 }));
    const { client, run } = setup({ '/v2/orders': orders });
    const r = await run('DELETE FROM Orders WHERE StatusId = 11');
    expect(r.rowCount).toBe(4);
    expect(client.writes.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
      [1, 2, 3, 4].map((id) => `DELETE /v2/orders/${id}`),
    );
    expect(client.store['/v2/orders'].map((o) => o.id)).toEqual([5]);
  });

  it("updates an order's status and staff notes with one PUT to the order", async () => {
    const { client, run } = setup({ '/v2/orders': [{ id: 9, status_id: 1, staff_notes: '' }] });
    await run("UPDATE Orders SET StatusId = 2, StaffNotes = 'packed' WHERE Id = 9");
    expect(client.writes).toEqual([
      { method: 'PUT', path: '/v2/orders/9', body: { status_id: 2, staff_notes: 'packed' } },
    ]);
  });

  it('upserts price list records 1000 per PUT, keyed by variant and currency', async () => {
    const { client, run } = setup({ '/v3/pricelists/2/records': [] });
    const values = Array.from({ length: 1500 }, (_, i) => `(2, ${i + 1}, 'USD', ${i + 0.5})`).join(', ');
    const r = await run(
      `INSERT INTO PriceListRecords (PriceListId, VariantId, Currency, Price) VALUES ${values}`,
    );
    expect(r.rowCount).toBe(1500);
    expect(client.writes.map((w) => [w.method, w.path, (w.body as unknown[]).length])).toEqual([
      ['PUT', '/v3/pricelists/2/records', 1000],
      ['PUT', '/v3/pricelists/2/records', 500],
    ]);
    expect((client.writes[0].body as unknown[])[0]).toEqual({ variant_id: 1, currency: 'USD', price: 0.5 });
  });

  it('upserts price list records through the batch PUT that already creates or updates', async () => {
    const { client, run } = setup({
      '/v3/pricelists/2/records': [{ price_list_id: 2, variant_id: 1, currency: 'USD', price: 1 }],
    });
    const r = await run(
      "UPSERT INTO PriceListRecords (PriceListId, VariantId, Currency, Price) VALUES (2, 1, 'USD', 5), (2, 2, 'USD', 6)",
    );
    expect(r.rowCount).toBe(2);
    expect(client.writes.map((w) => `${w.method} ${w.path}`)).toEqual(['PUT /v3/pricelists/2/records']);
    expect(client.store['/v3/pricelists/2/records'].map((x) => [x.variant_id, x.price])).toEqual([
      [1, 5],
      [2, 6],
    ]);
  });

  it('refuses a row whose parent key is NULL before any request', async () => {
    const { client, run } = setup({});
    const err = await failure(
      run("INSERT INTO ProductImages (ProductId, ImageUrl) VALUES (NULL, 'https://img.test/a.png')"),
    );
    expect(err).toMatchObject({ code: 'ERR_MISSING_COLUMN', property: 'ProductId', row: 1 });
    expect(client.writes).toEqual([]);
  });
});
