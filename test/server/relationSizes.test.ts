/**
 * Table sizes as tools read them (psql `\dt+`, pg_table_size): the engine's store tables are empty,
 * so sizes are estimated from the API's row counts (reltuples) times a typical row width, never by
 * scanning the store.
 */
import { run, servedClient } from './serverHarness';

const harness = servedClient();

describe('relation sizes through bcsql serve', () => {
  it('estimates a store table from its row count, with count requests only', async () => {
    harness.t.sim.resetRequests();
    const r = await harness.c.query(
      `SELECT c.reltuples::bigint AS n, pg_catalog.pg_table_size(c.oid) AS size, pg_total_relation_size(c.oid) AS total FROM pg_catalog.pg_class c WHERE c.relname = 'Products' AND c.relnamespace = 'public'::regnamespace`,
    );
    const products = (await harness.t.conn.query('SELECT COUNT(*) AS n FROM Products')).rows[0].n as number;
    expect(Number(r.rows[0].n)).toBe(products);
    expect(Number(r.rows[0].size)).toBeGreaterThan(products * 8);
    expect(Number(r.rows[0].total)).toBe(Number(r.rows[0].size));
    // Counting is one request per table with limit=1 (v3) or a /count path (v2), never pages.
    const api = harness.t.sim.requests.filter((q) => q.kind === 'api');
    expect(api.length).toBeGreaterThan(0);
    expect(api.every((q) => q.query.limit === '1' || q.path.endsWith('/count'))).toBe(true);
  });

  it('shows store tables with a size in psql \\dt+', async () => {
    const psql = await run('psql', ['-X', '-h', '127.0.0.1', '-p', String(harness.t.port), '-U', 'analyst', '-d', 'bigcommerce', '-c', '\\dt+ "Products"']); // prettier-ignore
    expect(psql.stderr).toBe('');
    const line = psql.stdout.split('\n').find((l) => /\| Products +\|/.test(l));
    expect(line).toBeDefined();
    expect(line).toMatch(/\| \d+ kB +\|/);
  });
});
