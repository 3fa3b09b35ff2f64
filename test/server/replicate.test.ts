/**
 * REPLICATE through `bcsql serve`: psql and node-postgres send it; it syncs the serve connection's
 * own replica and answers a row per table with the tag REPLICATE n. It is refused, with a
 * SQLSTATE and nothing written, when the client names a target, inside a transaction block, and
 * when the server has no replica.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { connect, type Connection } from '../../src';
import { startServer, type PgServer } from '../../src/server/PgServer';
import { startSimulator, type Simulator } from '../../src/simulator';
import { CACHE_DIR, run, START_TIMEOUT } from './serverHarness';

let sim: Simulator;
let conn: Connection;
let server: PgServer;
let plain: PgServer;
let dir: string;
let file: string;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: false, products: 30, customers: 5, orders: 20 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-serve-replicate-'));
  file = path.join(dir, 'served.db');
  conn = await connect({
    AuthScheme: 'PersonalAccessToken',
    StoreId: sim.storeHash,
    OAuthAccessToken: sim.accessToken,
    ApiBaseURL: sim.apiBaseUrl,
    CacheLocation: file,
  });
  const common = {
    connection: conn,
    host: '127.0.0.1',
    port: 0,
    cacheDir: CACHE_DIR,
    secrets: [sim.accessToken],
  };
  server = await startServer({ ...common, replica: true });
  plain = await startServer(common);
}, START_TIMEOUT);

afterAll(async () => {
  await server?.close();
  await plain?.close();
  await conn?.close();
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const apiRequests = () => sim.requests.filter((r) => r.kind === 'api').length;

function psql(port: number, script: string) {
  return run(
    'psql',
    ['-X', '-v', 'ON_ERROR_STOP=0', '-v', 'VERBOSITY=verbose', '-h', '127.0.0.1', '-p', String(port), '-U', 'analyst', '-d', 'bigcommerce', '-A', '-F', '|'], // prettier-ignore
    script,
    { PGCONNECT_TIMEOUT: '20', PGAPPNAME: 'psql-replicate-test' },
  );
}

function rowCount(table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('REPLICATE through bcsql serve', () => {
  it('runs from psql into the connection’s replica and answers a row per table', async () => {
    sim.resetRequests();
    const r = await psql(server.port, 'REPLICATE TABLES ("Products", "Orders");\n');
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Table|Mode|Inserted|Updated|Deleted|Rows|Requests|Seconds');
    expect(lines[1]).toMatch(/^Products\|full\|30\|0\|0\|30\|\d+\|[\d.]+$/);
    expect(lines[2]).toMatch(/^Orders\|full\|20\|0\|0\|20\|\d+\|[\d.]+$/);
    expect(lines[3]).toBe('(2 rows)');
    expect(apiRequests()).toBeGreaterThan(0);
    expect(rowCount('Products')).toBe(30);
    expect(rowCount('Orders')).toBe(20);
  });

  it('answers node-postgres with the tag REPLICATE n, run once through the extended protocol', async () => {
    const id = sim.store.ids('products')[2];
    sim.store.mutate({ resource: 'products', action: 'modify', id });
    const c = new Client({ host: '127.0.0.1', port: server.port, user: 'analyst', database: 'bigcommerce' });
    await c.connect();
    try {
      sim.resetRequests();
      // A named statement: Parse, Describe and Execute; Describe must not run it a second time.
      const r = await c.query({ name: 'sync-products', text: 'REPLICATE "Products"' });
      expect(r.command).toBe('REPLICATE');
      expect(r.rowCount).toBe(1);
      expect(r.fields.map((f) => f.name)).toEqual([
        'Table', 'Mode', 'Inserted', 'Updated', 'Deleted', 'Rows', 'Requests', 'Seconds',
      ]); // prettier-ignore
      // Counts are bigint, which node-postgres hands over as strings.
      expect(r.rows[0]).toMatchObject({
        Table: 'Products',
        Mode: 'incremental',
        Inserted: '0',
        Updated: '1',
      });
      // One incremental sync: the change listing and the count.
      expect(apiRequests()).toBe(2);
    } finally {
      await c.end();
    }
  });

  it('refuses a target named by the client, and writes nothing there', async () => {
    const elsewhere = path.join(dir, 'elsewhere.db');
    sim.resetRequests();
    const r = await psql(server.port, `REPLICATE INTO '${elsewhere}' ALL;\n`);
    expect(r.stderr).toMatch(/ERROR: {2}0A000: REPLICATE INTO is not accepted by bcsql serve/);
    expect(fs.existsSync(elsewhere)).toBe(false);
    expect(apiRequests()).toBe(0);
  });

  it('refuses REPLICATE inside a transaction block, then runs it after ROLLBACK', async () => {
    sim.resetRequests();
    const r = await psql(server.port, 'BEGIN;\nREPLICATE "Orders";\nROLLBACK;\nREPLICATE "Orders";\n');
    expect(r.stderr).toMatch(/ERROR: {2}25001: REPLICATE cannot run inside a transaction block/);
    expect(r.stdout).toMatch(/^Orders\|incremental\|0\|0\|0\|20\|2\|/m);
    expect(apiRequests()).toBe(2);
  });

  it('is refused by a server started without a replica', async () => {
    sim.resetRequests();
    const r = await psql(plain.port, 'REPLICATE "Products";\n');
    expect(r.stderr).toMatch(
      /ERROR: {2}0A000: REPLICATE through bcsql serve .* CacheLocation=<file> or CacheConnection/,
    );
    expect(apiRequests()).toBe(0);
  });
});
