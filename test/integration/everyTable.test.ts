/**
 * Every table of the catalog against the demo store (the simulator's defaults, as `bcsql --demo`
 * serves it): it is listed in sys_tables and has rows; a lookup by its key or by its parent's key
 * costs one request; a token without its scope gets ERR_API_FORBIDDEN naming that scope.
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import type { TableDef } from '../../src/catalog/types';
import { simSetup, type SimSetup } from './simConnection';

const tables = loadCatalog().tables;
const byName = (names: (t: TableDef) => boolean) => tables.filter(names).map((t) => [t.name, t] as const);

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup();
});
afterAll(() => s.close());

/** A value of `column` from the table's first row, found without pushdown tricks. */
async function firstValue(table: string, column: string): Promise<unknown> {
  const r = await s.conn.query(`SELECT ${column} FROM ${table} LIMIT 1`);
  expect(r.rowCount).toBe(1);
  return r.rows[0][column];
}

describe('the demo store', () => {
  it('lists at least 66 tables and views besides the system tables, every one of the catalog', async () => {
    const r = await s.conn.query("SELECT COUNT(*) AS n FROM sys_tables WHERE TableType <> 'SYSTEM TABLE'");
    expect(r.rows[0].n).toBeGreaterThanOrEqual(66);
    expect(r.rows[0].n).toBe(tables.length);
  });

  it.each(byName(() => true))('has rows in %s', async (name) => {
    const r = await s.conn.query(`SELECT * FROM ${name} LIMIT 5`);
    expect(r.rowCount).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
  });
});

describe('lookups by key cost one request', () => {
  it.each(byName((t) => !!t.get && t.primaryKey.length === 1))('%s WHERE <key> = …', async (name, def) => {
    const key = def.primaryKey[0];
    const value = await firstValue(name, key);
    s.sim.resetRequests();
    const r = await s.conn.query(`SELECT * FROM ${name} WHERE ${key} = ?`, [value]);
    expect(s.apiRequests()).toHaveLength(1);
    expect(r.rowCount).toBe(1);
  });

  it.each(byName((t) => !!t.parent && t.api.path.includes('{')))(
    '%s WHERE <parent key> = …',
    async (name, def) => {
      const column = def.parent!.column;
      const value = await firstValue(name, column);
      s.sim.resetRequests();
      const r = await s.conn.query(`SELECT * FROM ${name} WHERE ${column} = ?`, [value]);
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
        await expect(c.query(`SELECT * FROM ${name} LIMIT 1`)).rejects.toMatchObject({
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
