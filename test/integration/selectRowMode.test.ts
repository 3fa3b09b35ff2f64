/**
 * rowMode 'array' (as in node-postgres): rows as arrays in column order, so a result with two
 * columns of the same name (p.Id, v.Id) keeps both values; object rows keep the last one.
 */
import { simSetup, type SimSetup } from './simConnection';

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup({ products: 30 });
});
afterAll(() => s.close());

const JOIN =
  'SELECT p.Id, v.Id FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id = 1 ORDER BY v.Id';

async function variantIds(): Promise<number[]> {
  const { rows } = await s.conn.query('SELECT Id FROM ProductVariants WHERE ProductId = 1 ORDER BY Id');
  return rows.map((r) => r.Id as number);
}

describe("rowMode 'array'", () => {
  it('keeps both values of two columns named Id, in select-list order', async () => {
    const ids = await variantIds();
    // At least one variant id differs from the product's, so a lost value would show.
    expect(ids.some((id) => id !== 1)).toBe(true);
    const r = await s.conn.query(JOIN, undefined, { rowMode: 'array' });
    expect(r.fields).toEqual([
      { name: 'Id', dataType: 'integer' },
      { name: 'Id', dataType: 'integer' },
    ]);
    expect(r.rows).toEqual(ids.map((id) => [1, id]));
    expect(r.rowCount).toBe(ids.length);
  });

  it('keeps only the last value under a duplicated name in object mode, while fields list both', async () => {
    const ids = await variantIds();
    const r = await s.conn.query(JOIN);
    expect(r.fields.map((f) => f.name)).toEqual(['Id', 'Id']);
    expect(r.rows).toEqual(ids.map((id) => ({ Id: id })));
  });

  it('streams arrays with both values', async () => {
    const ids = await variantIds();
    const rows: unknown[][] = [];
    for await (const row of s.conn.stream(JOIN, undefined, { rowMode: 'array' })) rows.push(row);
    expect(rows).toEqual(ids.map((id) => [1, id]));
  });

  it('types values as object mode does: booleans stay booleans', async () => {
    const [obj] = (await s.conn.query('SELECT Id, IsVisible, Price FROM Products WHERE Id = 2')).rows;
    const r = await s.conn.query('SELECT Id, IsVisible, Price FROM Products WHERE Id = 2', undefined, {
      rowMode: 'array',
    });
    expect(r.rows).toEqual([[2, obj.IsVisible, obj.Price]]);
    expect(typeof r.rows[0][1]).toBe('boolean');
  });

  it("answers COUNT(*) from the API's total as a one-value array, in query() and stream()", async () => {
    s.sim.resetRequests();
    const r = await s.conn.query('SELECT COUNT(*) FROM Products', undefined, { rowMode: 'array' });
    expect(r.rows).toEqual([[30]]);
    expect(r.fields).toEqual([{ name: 'COUNT(*)', dataType: 'integer' }]);
    // One page of one product: the total came from the API's pagination, not from counting rows.
    expect(s.apiRequests().map((q) => q.query.limit)).toEqual(['1']);
    const streamed: unknown[][] = [];
    for await (const row of s.conn.stream('SELECT COUNT(*) AS n FROM Products', undefined, {
      rowMode: 'array',
    }))
      streamed.push(row);
    expect(streamed).toEqual([[30]]);
  });

  it('returns EXEC rows as arrays in the order of the procedure columns', async () => {
    const c = await s.connectWith({ OAuthClientId: s.sim.clientId, CallbackURL: 'http://localhost:33333' });
    const r = await c.query("EXEC GetOAuthAuthorizationURL @State = 'xyz'", undefined, { rowMode: 'array' });
    expect(r.command).toBe('EXEC');
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0];
    expect(row).toHaveLength(r.fields.length);
    const url = row[r.fields.findIndex((f) => f.name === 'URL')];
    expect(url).toEqual(expect.stringContaining('state=xyz'));
    const streamed: unknown[][] = [];
    for await (const x of c.stream("EXEC GetOAuthAuthorizationURL @State = 'xyz'", undefined, {
      rowMode: 'array',
    }))
      streamed.push(x);
    expect(streamed).toHaveLength(1);
    expect(streamed[0]).toHaveLength(r.fields.length);
  });

  it('runs a select list over a procedure and returns arrays', async () => {
    const c = await s.connectWith({ OAuthClientId: s.sim.clientId, CallbackURL: 'http://localhost:33333' });
    const r = await c.query(
      "SELECT State, State FROM GetOAuthAuthorizationURL WHERE State = 'abc'",
      undefined,
      {
        rowMode: 'array',
      },
    );
    expect(r.fields.map((f) => f.name)).toEqual(['State', 'State']);
    expect(r.rows).toEqual([['abc', 'abc']]);
  });
});
