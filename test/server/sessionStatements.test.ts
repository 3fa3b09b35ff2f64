/**
 * PREPARE / EXECUTE / DEALLOCATE as SQL, DECLARE / FETCH / MOVE / CLOSE cursors and EXPLAIN through
 * `bcsql serve` (node-postgres), with a real PostgreSQL server as the judge of command tags and
 * SQLSTATEs, and the provider's own answer as the judge of store rows.
 */
import { Client, types as pgTypes } from 'pg';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

let t: TestServer;
let pg: PgCluster;
let serve: Client;
let real: Client;

/** bigint and numeric as numbers, to compare with the provider's rows (both clients alike). */
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? Number : pgTypes.getTypeParser(oid, format as 'text'),
};

beforeAll(async () => {
  [t, pg] = await Promise.all([startTestServer(), startPgCluster()]);
  serve = new Client({ host: '127.0.0.1', port: t.port, user: 'analyst', database: 'bigcommerce', types });
  real = new Client({ connectionString: pg.url, types });
  await Promise.all([serve.connect(), real.connect()]);
}, START_TIMEOUT);

afterAll(async () => {
  await Promise.all([serve?.end().catch(() => undefined), real?.end().catch(() => undefined)]);
  await Promise.all([t?.close(), pg?.stop()]);
});

/** Runs a script statement by statement; each answers its command tag and row count, or its SQLSTATE. */
async function script(c: Client, statements: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const sql of statements) {
    try {
      const r = await c.query(sql);
      out.push(`${r.command} ${r.rowCount ?? ''} ${JSON.stringify(r.rows ?? [])}`);
    } catch (err) {
      out.push(`error ${(err as { code: string }).code}`);
    }
  }
  await c.query('ROLLBACK').catch(() => undefined);
  await c.query('DEALLOCATE ALL');
  await c.query('CLOSE ALL');
  return out;
}

const SERIES = "(VALUES (1, 'a'), (2, 'b'), (3, NULL), (4, 'd'), (5, 'e')) AS v(n, s)";

describe('SQL-level prepared statements', () => {
  it('prepares, executes with evaluated arguments and deallocates as PostgreSQL does', async () => {
    const steps = [
      `PREPARE q (integer, text) AS SELECT n, s, $2 AS tag FROM ${SERIES} WHERE n <= $1 ORDER BY n`,
      "EXECUTE q(2, 'x')",
      "EXECUTE q(1 + 2, upper('y'))",
      'EXECUTE q(1)',
      `PREPARE q AS SELECT 1`,
      'DEALLOCATE q',
      "EXECUTE q(2, 'x')",
      'DEALLOCATE nope',
      'PREPARE untyped AS SELECT $1::int * 2 AS twice',
      'EXECUTE untyped(21)',
      'DEALLOCATE ALL',
    ];
    const ours = await script(serve, steps);
    expect(ours).toEqual(await script(real, steps));
    expect(ours[1]).toBe('SELECT 2 [{"n":1,"s":"a","tag":"x"},{"n":2,"s":"b","tag":"x"}]');
  });

  it('executes a prepared statement over store tables with the same rows as the provider', async () => {
    await serve.query('PREPARE cheap (numeric) AS SELECT "Id", "Name" FROM "Products" WHERE "Price" < $1 ORDER BY "Id"'); // prettier-ignore
    const r = await serve.query('EXECUTE cheap(50)');
    const direct = await t.conn.query('SELECT Id, Name FROM Products WHERE Price < 50 ORDER BY Id');
    expect(r.rows.length).toBeGreaterThan(2);
    expect(r.rows).toEqual(direct.rows);
    await serve.query('DEALLOCATE cheap');
  });
});

describe('cursors', () => {
  it('declares, fetches, moves and closes as PostgreSQL does, within and across transactions', async () => {
    const steps = [
      `DECLARE outside CURSOR FOR SELECT * FROM ${SERIES}`,
      'BEGIN',
      `DECLARE c CURSOR FOR SELECT n, s FROM ${SERIES} ORDER BY n`,
      'FETCH 2 FROM c',
      'FETCH NEXT IN c',
      'MOVE 1 c',
      'FETCH FORWARD ALL FROM c',
      'FETCH c',
      `DECLARE c CURSOR FOR SELECT 1`,
      'ROLLBACK',
      'BEGIN',
      `DECLARE kept CURSOR WITH HOLD FOR SELECT n FROM ${SERIES} ORDER BY n`,
      `DECLARE gone NO SCROLL CURSOR FOR SELECT n FROM ${SERIES} ORDER BY n`,
      'FETCH 1 FROM kept',
      'COMMIT',
      'FETCH 1 FROM gone',
      'FETCH 2 FROM kept',
      'CLOSE kept',
      'FETCH 1 FROM kept',
      'BEGIN',
      `DECLARE b BINARY CURSOR FOR SELECT count(*) AS k FROM ${SERIES}`,
      'MOVE ALL IN b',
      'CLOSE ALL',
      'COMMIT',
    ];
    const ours = await script(serve, steps);
    expect(ours).toEqual(await script(real, steps));
    expect(ours[3]).toBe('FETCH 2 [{"n":1,"s":"a"},{"n":2,"s":"b"}]');
  });

  it('reads a store table forward in batches: the batches add up to the provider result', async () => {
    const direct = await t.conn.query('SELECT Id, Name, Price FROM Products ORDER BY Id');
    await serve.query('BEGIN');
    await serve.query('DECLARE p CURSOR FOR SELECT "Id", "Name", "Price" FROM "Products" ORDER BY "Id"');
    const rows: unknown[] = [];
    for (;;) {
      const r = await serve.query('FETCH 7 FROM p');
      expect(r.command).toBe('FETCH');
      rows.push(...r.rows);
      if (r.rowCount! < 7) break;
    }
    await serve.query('COMMIT');
    expect(rows.length).toBe(direct.rowCount);
    expect(rows).toEqual(direct.rows);
  });

  it('computes a cursor over a store query once, in PostgreSQL, and sends it a batch per FETCH', async () => {
    const stream = jest.spyOn(t.conn, 'stream');
    const query = jest.spyOn(t.conn, 'query');
    try {
      await serve.query('BEGIN');
      await serve.query('DECLARE s CURSOR FOR SELECT "Id", "Email" FROM "Customers" ORDER BY "Id"');
      const first = await serve.query('FETCH 3 FROM s');
      const second = await serve.query('FETCH 3 FROM s');
      await serve.query('COMMIT');
      expect(first.rows.map((r) => r.Id)).toEqual([1, 2, 3]);
      expect(second.rows.map((r) => r.Id)).toEqual([4, 5, 6]);
      // One fetch of the rows PostgreSQL needs, when the cursor opens; none per FETCH.
      expect(query).toHaveBeenCalledTimes(1);
      expect(stream).not.toHaveBeenCalled();
    } finally {
      await serve.query('ROLLBACK');
      stream.mockRestore();
      query.mockRestore();
    }
  });

  it('refuses to read backward (55000) and SCROLL cursors (0A000), leaving the session usable', async () => {
    const ours = await script(serve, [
      'BEGIN',
      `DECLARE c CURSOR FOR SELECT n FROM ${SERIES}`,
      'FETCH PRIOR FROM c',
      'ROLLBACK',
      `BEGIN`,
      `DECLARE c SCROLL CURSOR FOR SELECT n FROM ${SERIES}`,
      'ROLLBACK',
      'SELECT 1 AS one',
    ]);
    expect(ours).toEqual([
      'BEGIN  []',
      'DECLARE  []',
      'error 55000',
      'ROLLBACK  []',
      'BEGIN  []',
      'error 0A000',
      'ROLLBACK  []',
      'SELECT 1 [{"one":1}]',
    ]);
  });
});

describe('EXPLAIN', () => {
  it("answers the provider's plan for a store query, and PostgreSQL's plan for the rest", async () => {
    const plan = await serve.query('EXPLAIN SELECT "Id" FROM "Products" WHERE "Id" = 3');
    expect(plan.rows).toEqual([expect.objectContaining({ Table: 'Products', Mode: 'get', Requests: 1 })]);
    expect(plan.rows[0].Endpoint).toMatch(/^GET \/v3\/catalog\/products\/3/);
    const engine = await serve.query('EXPLAIN SELECT 1');
    expect(engine.rows[0]['QUERY PLAN']).toMatch(/^Result/);
  });
});
