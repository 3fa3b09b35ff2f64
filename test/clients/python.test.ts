/**
 * Python's PostgreSQL drivers against `bcsql serve`, as analysts use them: psycopg2 (with
 * SQLAlchemy 1.4 and pandas on top) and psycopg 3, each driven by a probe script run with
 * Debian's /usr/bin/python3 and its python3-psycopg2, python3-psycopg, python3-sqlalchemy and
 * python3-pandas packages. The provider's own answers are the judge of the rows.
 */
import * as path from 'node:path';
import { run, START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

const PYTHON = '/usr/bin/python3';
let t: TestServer;
let psycopg2: Record<string, unknown>;
let psycopg3: Record<string, unknown>;

async function probe(script: string): Promise<Record<string, unknown>> {
  const r = await run(PYTHON, [path.join(__dirname, script), String(t.port)], '', {}, 120_000);
  if (r.code !== 0) throw new Error(`${script} exited with ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  t = await startTestServer();
  psycopg2 = await probe('psycopg2Probe.py');
  psycopg3 = await probe('psycopg3Probe.py');
}, START_TIMEOUT);

afterAll(async () => {
  await t?.close();
});

const ids = async (sql: string): Promise<number[]> =>
  (await t.conn.query(sql)).rows.map((r) => r.Id as number);

describe.each([
  ['psycopg2', () => psycopg2],
  ['psycopg 3', () => psycopg3],
])('%s', (_, results) => {
  it('runs a plain query', async () => {
    const direct = await t.conn.query('SELECT Id, Name FROM Products ORDER BY Id LIMIT 3');
    expect(results().plain).toEqual(direct.rows.map((r) => [r.Id, r.Name]));
  });

  it('runs a parameterised query', async () => {
    const expected = await ids('SELECT Id FROM Products WHERE Price > 50 AND IsVisible = 1 ORDER BY Id');
    expect(expected.length).toBeGreaterThan(3);
    expect(results().parameterised).toEqual(expected);
  });

  it('passes a list to = ANY(%s) (psycopg2 as an ARRAY literal, psycopg 3 as an array parameter)', async () => {
    const direct = await t.conn.query('SELECT Id, Name FROM Products WHERE Id IN (1, 2, 3) ORDER BY Id');
    expect(results().anyList).toEqual(direct.rows.map((r) => [r.Id, r.Name]));
  });

  it('reads a whole store table through a named (server-side) cursor in batches', async () => {
    const named = results().namedCursor as { first: number[]; ids: number[] };
    const expected = await ids(`SELECT Id FROM Products WHERE Id > ${named.first[0] - 1} ORDER BY Id`);
    expect(named.first).toEqual(expected.slice(0, 3));
    expect(named.ids).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });

  it('copies a query out as CSV with a header', async () => {
    const direct = await t.conn.query('SELECT Id, Name FROM Products WHERE Id <= 3 ORDER BY Id');
    const lines = (results().copy as string).split('\n');
    expect(lines[0]).toBe('Id,Name');
    expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(direct.rows.map((r) => String(r.Id)));
    direct.rows.forEach((r, i) => expect(lines[i + 1]).toContain(r.Name as string));
    expect(lines.slice(4)).toEqual(['']);
  });
});

describe('psycopg2 with SQLAlchemy and pandas', () => {
  it("streams a result with SQLAlchemy's stream_results", async () => {
    expect(psycopg2.streamResults).toEqual(await ids('SELECT Id FROM Customers ORDER BY Id'));
  });

  it('reads a data frame with pandas read_sql, with column names and numeric types', async () => {
    expect(psycopg2.readSql).toEqual({
      columns: ['Id', 'Name', 'Price'],
      ids: await ids('SELECT Id FROM Products ORDER BY Id LIMIT 5'),
      dtypes: ['int64', 'object', 'float64'],
    });
    expect(psycopg2.readSqlParams).toEqual([1, 2, 3, 4]);
  });
});

describe('psycopg 3', () => {
  it('gives the cursor its column names when it declares it with bound parameters', () => {
    expect((psycopg3.namedCursor as { names: string[] }).names).toEqual(['Id', 'Name']);
  });

  it('reads COPY rows one at a time with copy().rows()', async () => {
    const direct = await t.conn.query('SELECT Id, Name FROM Brands ORDER BY Id LIMIT 3');
    expect(psycopg3.copyRows).toEqual(direct.rows.map((r) => [String(r.Id), r.Name]));
  });

  it('calls a procedure as a function with bound arguments', () => {
    expect(psycopg3.procedure).toEqual(['s3']);
  });

  it('binds LIMIT and OFFSET cast to INTEGER, as SQLAlchemy 2 sends them through psycopg 3', async () => {
    const direct = await t.conn.query('SELECT Id FROM Products ORDER BY Id LIMIT 3 OFFSET 2');
    expect(psycopg3.limitCast).toEqual(direct.rows.map((r) => r.Id));
  });

  it('feeds pandas.read_sql over a psycopg 3 connection, with a list bound for = ANY', () => {
    expect(psycopg3.pandasReadSql).toEqual([2, 4]);
  });
});
