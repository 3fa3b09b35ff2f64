import { executeSelect, streamSelect } from '../../src/engine/executeSelect';
import type { ExecutionContext } from '../../src/engine/context';
import { shapeResult, shapeRow, type RowMode } from '../../src/engine/rowShape';
import type { SelectStatement } from '../../src/sql/types';
import { FakeRestClient, context, lit, multi, param, select, term } from './fixtures';

const products = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  name: `Product ${i + 1}`,
  sku: `SKU-${i + 1}`,
  price: (i + 1) * 1.5,
  is_visible: i % 2 === 0,
  date_modified: `2024-05-${String(i + 1).padStart(2, '0')}T10:00:00+00:00`,
  custom_url: { url: `/p${i + 1}/` },
  images: [],
}));
const orders = [
  {
    id: 1,
    customer_id: 3,
    status_id: 11,
    date_created: 'Tue, 13 Mar 2018 16:18:59 +0000',
    total_inc_tax: '10.5000',
    is_deleted: false,
  },
  { id: 2, customer_id: 4, status_id: 10, date_created: '', total_inc_tax: '0.0000', is_deleted: false },
];
const data = {
  '/v3/catalog/products': products,
  '/v2/orders': orders,
  '/v2/orders/1/products': [
    { id: 10, name: 'a', quantity: 1 },
    { id: 11, name: 'b', quantity: 3 },
  ],
  '/v2/orders/2/products': [{ id: 12, name: 'c', quantity: 2 }],
};
const env = { systemTables: [] };

function run(
  stmt: SelectStatement,
  params?: unknown[] | Record<string, unknown>,
  client = new FakeRestClient(data),
  over = {},
) {
  const ctx = context(client, over);
  return executeSelect(ctx, stmt, params, env).then((r) => ({
    ...shapeResult(r, undefined),
    calls: client.calls,
  }));
}

/** Every row of streamSelect, shaped as Connection.stream shapes them. */
async function streamed(ctx: ExecutionContext, stmt: SelectStatement, rowMode?: RowMode) {
  const s = await streamSelect(ctx, stmt, undefined, env);
  try {
    const rows = [];
    for await (const v of s.values()) rows.push(shapeRow(v, s.fields, rowMode));
    return rows;
  } finally {
    s.close();
  }
}

describe('executeSelect', () => {
  it('answers a point query with one GET and typed values', async () => {
    const r = await run(
      select('Products', 'SELECT Id, Name, IsVisible, DateModified, Price FROM Products WHERE Id = 3', {
        conjuncts: [term('Id', '=', lit(3))],
      }),
    );
    expect(r.calls).toEqual([{ kind: 'request', path: '/v3/catalog/products/3', query: {} }]);
    expect(r.rows).toEqual([
      { Id: 3, Name: 'Product 3', IsVisible: true, DateModified: '2024-05-03T10:00:00Z', Price: 4.5 },
    ]);
    expect(r.fields).toEqual([
      { name: 'Id', dataType: 'integer' },
      { name: 'Name', dataType: 'string' },
      { name: 'IsVisible', dataType: 'boolean' },
      { name: 'DateModified', dataType: 'datetime' },
      { name: 'Price', dataType: 'decimal' },
    ]);
    expect(r).toMatchObject({ command: 'SELECT', rowCount: 1, requestCount: 1 });
  });

  it('returns no rows when the GET by id answers 404', async () => {
    const r = await run(
      select('Products', 'SELECT * FROM Products WHERE Id = 999', { conjuncts: [term('Id', '=', lit(999))] }),
    );
    expect(r.rows).toEqual([]);
    expect(r.fields.map((f) => f.name)).toContain('CustomUrl');
  });

  it('binds ? parameters in SQLite and in the pushed filter alike', async () => {
    const r = await run(
      select('Products', 'SELECT Id FROM Products WHERE Id IN (?, ?) ORDER BY Id', {
        conjuncts: [term('Id', 'IN', param(0), param(1))],
        orderBy: true,
      }),
      [2, 5],
    );
    expect(r.rows).toEqual([{ Id: 2 }, { Id: 5 }]);
    expect(r.calls[0].query).toEqual({ 'id:in': '2,5' });
  });

  it('binds @name parameters from an object', async () => {
    const stmt = select(
      'Products',
      'SELECT Name FROM Products WHERE Price > @min AND IsVisible = @vis ORDER BY Id LIMIT 2',
      {
        conjuncts: [
          term('Price', '>', { kind: 'named', name: 'min' }),
          term('IsVisible', '=', { kind: 'named', name: 'vis' }),
        ],
        limit: lit(2),
        orderBy: true,
      },
    );
    const r = await run(stmt, { min: 20, vis: true });
    expect(r.rows).toEqual([{ Name: 'Product 15' }, { Name: 'Product 17' }]);
  });

  it('infers the types of expressions from their values', async () => {
    const r = await run(
      multi(
        ['Products'],
        'SELECT COUNT(*) AS n, AVG(Price) AS avg, MAX(Name) AS top, NULL AS nada FROM Products',
      ),
    );
    expect(r.rows).toEqual([{ n: 20, avg: 15.75, top: 'Product 9', nada: null }]);
    expect(r.fields).toEqual([
      { name: 'n', dataType: 'integer' },
      { name: 'avg', dataType: 'decimal' },
      { name: 'top', dataType: 'string' },
      { name: 'nada', dataType: 'string' },
    ]);
  });

  it('answers COUNT(*) from the API total under the name SQLite gives the column', async () => {
    const r = await run(
      select('Orders', 'SELECT COUNT(*) AS total FROM Orders', { countStar: true, aggregates: true }),
    );
    expect(r.calls).toEqual([{ kind: 'count', path: '/v2/orders', query: {} }]);
    expect(r.rows).toEqual([{ total: 2 }]);
    expect(r.fields).toEqual([{ name: 'total', dataType: 'integer' }]);
  });

  it('normalises v2 dates and money', async () => {
    const r = await run(multi(['Orders'], 'SELECT Id, DateCreated, TotalIncTax FROM Orders ORDER BY Id'));
    expect(r.rows).toEqual([
      { Id: 1, DateCreated: '2018-03-13T16:18:59Z', TotalIncTax: 10.5 },
      { Id: 2, DateCreated: null, TotalIncTax: 0 },
    ]);
  });

  it('stops after LIMIT rows when nothing else filters', async () => {
    const r = await run(select('Products', 'SELECT Name FROM Products LIMIT 3', { limit: lit(3) }));
    expect(r.calls).toEqual([expect.objectContaining({ kind: 'list', limit: 3, pageSize: 3 })]);
    expect(r.rowCount).toBe(3);
  });

  it('lists a child table per parent key from WHERE and fills the parent key column', async () => {
    const r = await run(
      select('OrderItems', 'SELECT OrderId, Name FROM OrderItems WHERE OrderId IN (1, 2, 3) ORDER BY Id', {
        conjuncts: [term('OrderId', 'IN', lit(1), lit(2), lit(3))],
      }),
    );
    expect(r.calls.map((c) => c.path).sort()).toEqual([
      '/v2/orders/1/products',
      '/v2/orders/2/products',
      '/v2/orders/3/products',
    ]);
    expect(r.rows).toEqual([
      { OrderId: 1, Name: 'a' },
      { OrderId: 1, Name: 'b' },
      { OrderId: 2, Name: 'c' },
    ]);
  });

  it('fans out over every parent when the parent key is not in WHERE', async () => {
    const r = await run(multi(['OrderItems'], 'SELECT SUM(Quantity) AS q FROM OrderItems'));
    expect(r.rows).toEqual([{ q: 6 }]);
    expect(r.warnings).toEqual([]);
    expect(r.calls.map((c) => c.path).sort()).toEqual([
      '/v2/orders',
      '/v2/orders/1/products',
      '/v2/orders/2/products',
    ]);
  });

  it('stops fanning out once a pushed LIMIT has enough rows', async () => {
    const stmt = select('OrderItems', 'SELECT * FROM OrderItems LIMIT 2', { limit: lit(2) });
    const r = await run(stmt, undefined, new FakeRestClient(data), { MaxConcurrentRequests: 1 });
    expect(r.rowCount).toBe(2);
    expect(r.calls.map((c) => c.path)).toEqual(['/v2/orders', '/v2/orders/1/products']);
  });

  it('warns when MaxFanOut cuts the fan-out short', async () => {
    const r = await run(
      multi(['OrderItems'], 'SELECT SUM(Quantity) AS q FROM OrderItems'),
      undefined,
      new FakeRestClient(data),
      {
        MaxFanOut: 1,
      },
    );
    expect(r.rows).toEqual([{ q: 4 }]);
    expect(r.warnings).toEqual([expect.stringMatching(/only the first 1 Orders \(MaxFanOut\).*incomplete/)]);
  });

  it('joins tables fetched concurrently', async () => {
    const r = await run(
      multi(
        ['Orders', 'OrderItems'],
        'SELECT o.Id, COUNT(*) AS items FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id GROUP BY o.Id ORDER BY o.Id',
      ),
    );
    expect(r.rows).toEqual([
      { Id: 1, items: 2 },
      { Id: 2, items: 1 },
    ]);
  });

  it('stages pages handed over through onRecords exactly once', async () => {
    const client = new FakeRestClient(data, { streamPages: 3 });
    const r = await run(multi(['Products'], 'SELECT COUNT(*) AS n FROM Products'), undefined, client);
    expect(r.rows).toEqual([{ n: 20 }]);
  });

  it('gives the same rows with staging moved to disk', async () => {
    const stmt = multi(['Products'], 'SELECT Id FROM Products ORDER BY Id DESC LIMIT 2');
    const r = await run(stmt, undefined, new FakeRestClient(data, { streamPages: 4 }), {
      StagingRowThreshold: 5,
    });
    expect(r.rows).toEqual([{ Id: 20 }, { Id: 19 }]);
  });

  it("returns values in column order, shaped as arrays with rowMode 'array' keeping both values of a duplicated name", async () => {
    const stmt = multi(
      ['Products'],
      'SELECT a.Id, b.Id, a.IsVisible FROM Products a JOIN Products b ON b.Id = a.Id + 1 WHERE a.Id <= 2 ORDER BY a.Id',
    );
    const ctx = context(new FakeRestClient(data));
    const r = await executeSelect(ctx, stmt, undefined, env);
    expect(r.fields.map((f) => f.name)).toEqual(['Id', 'Id', 'IsVisible']);
    expect(shapeResult(r, 'array').rows).toEqual([
      [1, 2, true],
      [2, 3, false],
    ]);
    // Object rows have one key per name: the last column's value is the one kept.
    const objects = await run(stmt);
    expect(objects.rows).toEqual([
      { Id: 2, IsVisible: true },
      { Id: 3, IsVisible: false },
    ]);
  });

  describe('errors, all before any HTTP request', () => {
    it('names an unknown column with a did-you-mean', async () => {
      const client = new FakeRestClient(data);
      await expect(
        run(multi(['Products'], 'SELECT Nme FROM Products'), undefined, client),
      ).rejects.toMatchObject({
        code: 'ERR_UNKNOWN_COLUMN',
        message: expect.stringContaining('no column "Nme"; did you mean "Name"?'),
      });
      await expect(
        run(multi(['Products'], 'SELECT p.Prise FROM Products p'), undefined, client),
      ).rejects.toMatchObject({
        code: 'ERR_UNKNOWN_COLUMN',
        message: expect.stringContaining('did you mean "Price"?'),
      });
      expect(client.calls).toEqual([]);
    });

    it('names a quoted unknown column, not SQLite\'s "should this be a string literal"', async () => {
      const client = new FakeRestClient(data);
      for (const sql of [
        'SELECT "Nme" FROM Products',
        'SELECT [Nme] FROM Products',
        'SELECT "Na.me" FROM Products',
      ]) {
        const err = await run(multi(['Products'], sql), undefined, client).catch((e: unknown) => e);
        expect(err).toMatchObject({
          code: 'ERR_UNKNOWN_COLUMN',
          message: expect.stringContaining('did you mean "Name"?'),
        });
        expect((err as Error).message).not.toMatch(/string literal/);
      }
      await expect(
        run(multi(['Products'], 'SELECT "Nme" FROM Products'), undefined, client),
      ).rejects.toMatchObject({
        message: expect.stringContaining('no column "Nme";'),
        property: 'Nme',
      });
      expect(client.calls).toEqual([]);
    });

    it("reports other SQLite errors as ERR_SQL with SQLite's message", async () => {
      const client = new FakeRestClient(data);
      await expect(
        run(multi(['Products'], 'SELECT nosuchfn(Id) FROM Products'), undefined, client),
      ).rejects.toMatchObject({
        code: 'ERR_SQL',
        message: expect.stringContaining('no such function: nosuchfn'),
      });
      expect(client.calls).toEqual([]);
    });

    it('refuses a missing ? value', async () => {
      const client = new FakeRestClient(data);
      const stmt = select('Products', 'SELECT * FROM Products WHERE Id = ?', {
        conjuncts: [term('Id', '=', param(0))],
      });
      await expect(run(stmt, [], client)).rejects.toMatchObject({ code: 'ERR_MISSING_PARAMETER' });
      await expect(run(stmt, undefined, client)).rejects.toMatchObject({ code: 'ERR_MISSING_PARAMETER' });
      await expect(run(stmt, [1, 2], client)).rejects.toMatchObject({ code: 'ERR_EXTRA_PARAMETER' });
      expect(client.calls).toEqual([]);
    });

    it('refuses a missing @name value', async () => {
      const stmt = select('Products', 'SELECT * FROM Products WHERE Id = @id', {
        conjuncts: [term('Id', '=', { kind: 'named', name: 'id' })],
      });
      await expect(run(stmt, { other: 1 })).rejects.toMatchObject({
        code: 'ERR_MISSING_PARAMETER',
        message: expect.stringContaining('@id'),
      });
    });

    it('fails the whole statement when a table cannot be fetched', async () => {
      const client = new FakeRestClient(data, { failOn: /orders/ });
      await expect(
        run(multi(['Products', 'Orders'], 'SELECT * FROM Products, Orders'), undefined, client),
      ).rejects.toMatchObject({
        code: 'ERR_API',
      });
    });
  });
});

describe('streamSelect', () => {
  it('yields the rows one at a time', async () => {
    const ctx = context(new FakeRestClient(data));
    const stmt = multi(['Products'], 'SELECT Id, IsVisible FROM Products WHERE Id <= 3 ORDER BY Id');
    expect(await streamed(ctx, stmt)).toEqual([
      { Id: 1, IsVisible: true },
      { Id: 2, IsVisible: false },
      { Id: 3, IsVisible: true },
    ]);
  });

  it("yields arrays with rowMode 'array'", async () => {
    const ctx = context(new FakeRestClient(data));
    const stmt = multi(['Products'], 'SELECT a.Id, b.Id FROM Products a, Products b WHERE b.Id = a.Id + 10 AND a.Id <= 2 ORDER BY a.Id'); // prettier-ignore
    expect(await streamed(ctx, stmt, 'array')).toEqual([
      [1, 11],
      [2, 12],
    ]);
  });

  it('can be closed after the first row, leaving the staging usable by the next statement', async () => {
    const ctx = context(new FakeRestClient(data));
    const stmt = multi(['Products'], 'SELECT Id FROM Products ORDER BY Id');
    const s = await streamSelect(ctx, stmt, undefined, env);
    expect((await s.values().next()).value).toEqual([1]);
    s.close();
    expect(await streamed(ctx, stmt)).toHaveLength(20);
  });

  it('streams from on-disk staging above the threshold', async () => {
    const ctx = context(new FakeRestClient(data, { streamPages: 5 }), { StagingRowThreshold: 4 });
    expect(await streamed(ctx, multi(['Products'], 'SELECT * FROM Products'))).toHaveLength(20);
  });
});
