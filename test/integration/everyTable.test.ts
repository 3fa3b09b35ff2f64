/**
 * Every table of the catalog against the demo store (the simulator's defaults, as `bcsql --demo`
 * serves it): it is listed in sys_tables and has rows; a lookup by its key or by its parent's key
 * costs one request; a token without its scope gets ERR_API_FORBIDDEN naming that scope.
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import type { TableDef } from '../../src/catalog/types';
import { requiredWhere, simSetup, type SimSetup } from './simConnection';

const tables = loadCatalog().tables;
const byName = (names: (t: TableDef) => boolean) => tables.filter(names).map((t) => [t.name, t] as const);

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup();
});
afterAll(() => s.close());

const required = (def: TableDef) => requiredWhere(s.sim, def);

/** Values of `columns` from the table's first row, found without pushdown tricks. */
async function firstValues(def: TableDef, columns: string[]): Promise<unknown[]> {
  const r = await s.conn.query(`SELECT ${columns.join(', ')} FROM ${def.name}${required(def)} LIMIT 1`);
  expect(r.rowCount).toBe(1);
  return columns.map((c) => r.rows[0][c]);
}

describe('the demo store', () => {
  it('lists at least 66 tables and views besides the system tables, every one of the catalog', async () => {
    const r = await s.conn.query("SELECT COUNT(*) AS n FROM sys_tables WHERE TableType <> 'SYSTEM TABLE'");
    expect(r.rows[0].n).toBeGreaterThanOrEqual(66);
    expect(r.rows[0].n).toBe(tables.length);
  });

  it.each(byName(() => true))('has rows in %s', async (name, def) => {
    const r = await s.conn.query(`SELECT * FROM ${name}${required(def)} LIMIT 5`);
    expect(r.rowCount).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
  });
});

describe('lookups by key cost one request', () => {
  it.each(byName((t) => !!t.get && t.primaryKey.length === 1))('%s WHERE <key> = …', async (name, def) => {
    const key = def.primaryKey[0];
    const [value] = await firstValues(def, [key]);
    s.sim.resetRequests();
    const r = await s.conn.query(`SELECT * FROM ${name} WHERE ${key} = ?`, [value]);
    expect(s.apiRequests()).toHaveLength(1);
    expect(r.rowCount).toBe(1);
  });

  it.each(byName((t) => (!!t.parent || !!t.lookup) && t.api.path.includes('{')))(
    '%s WHERE <every key of its path> = …',
    async (name, def) => {
      const columns = def.lookup
        ? [def.lookup.column]
        : [def.parent!.column, ...Object.keys(def.parent!.pathKeys ?? {})];
      const values = await firstValues(def, columns);
      s.sim.resetRequests();
      const where = columns.map((c) => `${c} = ?`).join(' AND ');
      const r = await s.conn.query(`SELECT * FROM ${name} WHERE ${where}`, values);
      expect(s.apiRequests()).toHaveLength(1);
      expect(r.rowCount).toBeGreaterThan(0);
    },
  );
});

describe('scopes', () => {
  it.each(byName((t) => t.api.scope !== undefined))(
    '%s needs its scope and names it when the token lacks it',
    async (name, def) => {
      // A child table lists its parent first: the token may read the parent, just not the table.
      const parentScope = def.parent
        ? tables.find((t) => t.name === def.parent!.table)!.api.scope
        : undefined;
      const other =
        def.api.scope === 'store_v2_content_read_only'
          ? 'store_v2_orders_read_only'
          : 'store_v2_content_read_only';
      const scope = parentScope && parentScope !== def.api.scope ? parentScope : other;
      const c = await s.connectWith({ OAuthAccessToken: s.sim.issueToken({ scope }) });
      try {
        await expect(c.query(`SELECT * FROM ${name}${required(def)} LIMIT 1`)).rejects.toMatchObject({
          code: 'ERR_API_FORBIDDEN',
          message: expect.stringContaining(def.api.scope!),
        });
      } finally {
        await c.close();
      }
    },
  );

  it('lets any token of the app read a table whose endpoint names no scope (Webhooks)', async () => {
    const c = await s.connectWith({
      OAuthAccessToken: s.sim.issueToken({ scope: 'store_v2_content_read_only' }),
    });
    try {
      expect((await c.query('SELECT * FROM Webhooks')).rowCount).toBeGreaterThan(0);
    } finally {
      await c.close();
    }
  });
});

describe('a lookup-only table', () => {
  it('refuses a query without its key with ERR_KEY_REQUIRED, naming the column and showing an example', async () => {
    for (const sql of [
      'SELECT * FROM AbandonedCarts',
      "SELECT * FROM AbandonedCarts WHERE CartId = 'x'",
      "SELECT * FROM AbandonedCarts WHERE Token LIKE 'a%'",
    ]) {
      s.sim.resetRequests();
      await expect(s.conn.query(sql)).rejects.toMatchObject({
        code: 'ERR_KEY_REQUIRED',
        message: expect.stringMatching(
          /Token in WHERE .*e\.g\. SELECT \* FROM AbandonedCarts WHERE Token = /,
        ),
      });
      expect(s.apiRequests()).toHaveLength(0);
    }
  });

  it('sends one request per token and answers no row for a token the store does not know', async () => {
    const tokens = (s.sim.store.extras.rows('AbandonedCarts') ?? []).map((r) => String(r.parent!.Token));
    s.sim.resetRequests();
    const r = await s.conn.query(
      'SELECT Token, CartId FROM AbandonedCarts WHERE Token IN (?, ?, ?) ORDER BY Token',
      [tokens[0], tokens[1], '00000000-0000-4000-8000-000000000000'],
    );
    expect(s.apiRequests()).toHaveLength(3);
    expect(r.rows.map((x) => x.Token)).toEqual([tokens[0], tokens[1]].sort());
    expect(r.rows.every((x) => typeof x.CartId === 'string' && x.CartId !== '')).toBe(true);
  });

  it('is listed in sys_tables whatever it needs', async () => {
    const r = await s.conn.query("SELECT TableName FROM sys_tables WHERE TableName = 'AbandonedCarts'");
    expect(r.rows).toEqual([{ TableName: 'AbandonedCarts' }]);
  });
});

describe('a child table whose path has two keys', () => {
  it("lists only the given orders' shipping addresses, then one request per address", async () => {
    const ids = (await s.conn.query('SELECT Id FROM Orders ORDER BY Id LIMIT 6')).rows.map(
      (r) => r.Id as number,
    );
    const addresses = await s.conn.query(
      `SELECT OrderId, Id FROM OrderShippingAddresses WHERE OrderId IN (${ids.join(',')})`,
    );
    s.sim.resetRequests();
    const r = await s.conn.query(
      `SELECT OrderId, ShippingAddressId FROM ShippingConsignmentQuotes WHERE OrderId IN (${ids.join(',')})`,
    );
    const paths = s.apiRequests().map((q) => q.path.replace(/^\/stores\/[^/]+/, ''));
    expect(paths.filter((p) => /^\/v2\/orders\/\d+\/shipping_addresses$/.test(p))).toHaveLength(ids.length);
    expect(paths.filter((p) => p.endsWith('/shipping_quotes')).sort()).toEqual(
      addresses.rows.map((a) => `/v2/orders/${a.OrderId}/shipping_addresses/${a.Id}/shipping_quotes`).sort(),
    );
    expect(paths).toHaveLength(ids.length + addresses.rowCount);
    expect(r.rowCount).toBeGreaterThan(0);
    for (const row of r.rows) expect(ids).toContain(row.OrderId);
  });

  it('without a key reads orders, their addresses, then quotes, bounded by MaxFanOut and saying so', async () => {
    const c = await s.connectWith({ MaxFanOut: 3 });
    try {
      s.sim.resetRequests();
      const r = await c.query('SELECT OrderId FROM ShippingConsignmentQuotes');
      const paths = s.apiRequests().map((q) => q.path.replace(/^\/stores\/[^/]+/, ''));
      expect(paths.filter((p) => p === '/v2/orders')).toHaveLength(1);
      const addresses = paths.filter((p) => /^\/v2\/orders\/\d+\/shipping_addresses$/.test(p));
      expect(addresses).toHaveLength(3);
      expect(paths.filter((p) => p.endsWith('/shipping_quotes')).length).toBeLessThanOrEqual(3);
      expect(paths).toHaveLength(paths.filter((p) => p.endsWith('/shipping_quotes')).length + 4);
      expect(r.warnings.some((w) => /MaxFanOut.*Put OrderId in WHERE/.test(w))).toBe(true);
    } finally {
      await c.close();
    }
  });
});
