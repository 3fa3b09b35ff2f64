/**
 * COPY … TO STDOUT through `bcsql serve`, judged byte for byte against a real PostgreSQL server
 * (a throwaway cluster) running the same COPY over the same values: text, CSV and binary, with
 * HEADER, DELIMITER, NULL, QUOTE, ESCAPE and FORCE_QUOTE, in both option spellings.
 */
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

let t: TestServer;
let pg: PgCluster;
let serve: Client;
let real: Client;

/** Awkward values: tabs, newlines, quotes, delimiters, backslashes, NULL, empty, non-ASCII. */
const VALUES = `SELECT * FROM (VALUES
  (1, E'tab\\there', NULL::text, 'comma, "quoted"', E'line\\nbreak\\rcr', E'back\\\\slash', '', 1.50::numeric, true, DATE '2025-01-02'),
  (2, 'Zoë & Ñandú', 'NUL', 'semi;colon', 'pipe|bar', E'\\\\.', ' ', -3::numeric, false, NULL::date)
) AS v(id, tabbed, maybe, quoted, lines, slash, empty, amount, flag, day)`;

beforeAll(async () => {
  [t, pg] = await Promise.all([startTestServer(), startPgCluster()]);
  serve = new Client({ host: '127.0.0.1', port: t.port, user: 'analyst', database: 'bigcommerce' });
  real = new Client({ connectionString: pg.url });
  await Promise.all([serve.connect(), real.connect()]);
}, START_TIMEOUT);

afterAll(async () => {
  await Promise.all([serve?.end().catch(() => undefined), real?.end().catch(() => undefined)]);
  await Promise.all([t?.close(), pg?.stop()]);
});

async function copy(c: Client, sql: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = c.query(copyTo(sql));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sqlState(c: Client, sql: string): Promise<string> {
  return copy(c, sql).then(
    () => 'no error',
    (err: { code?: string }) => err.code ?? 'no code',
  );
}

describe('COPY TO STDOUT', () => {
  it.each([
    ['text, the default', ''],
    ['text with HEADER, DELIMITER and NULL', "WITH (FORMAT text, HEADER, DELIMITER '|', NULL 'NULL')"],
    ['CSV', '(FORMAT csv)'],
    ['CSV with HEADER and FORCE_QUOTE *', '(FORMAT csv, HEADER true, FORCE_QUOTE *)'],
    ['CSV with QUOTE, ESCAPE, NULL and a forced column', `(FORMAT csv, QUOTE '''', ESCAPE '\\', NULL 'NUL', FORCE_QUOTE (id, "empty"))`], // prettier-ignore
    ['CSV in the older spelling psql passes on', "CSV HEADER DELIMITER AS ';' NULL AS '-'"],
    ['binary', '(FORMAT binary)'],
  ])('writes %s exactly as PostgreSQL does', async (_, options) => {
    const sql = `COPY (${VALUES}) TO STDOUT ${options}`;
    const [ours, theirs] = await Promise.all([copy(serve, sql), copy(real, sql)]);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.toString('latin1')).toBe(theirs.toString('latin1'));
  });

  it('quotes a lone backslash-dot in a one-column CSV as PostgreSQL does', async () => {
    const sql = `COPY (SELECT x FROM (VALUES (E'\\\\.'), ('a')) v(x)) TO STDOUT CSV`;
    expect((await copy(serve, sql)).toString()).toBe((await copy(real, sql)).toString());
  });

  it('copies store rows as PostgreSQL copies the same rows from a table', async () => {
    const rows = await t.conn.query('SELECT Id, Name, Sku FROM Products ORDER BY Id');
    await real.query('CREATE TABLE "Products" ("Id" integer, "Name" text, "Sku" text)');
    for (const r of rows.rows) {
      await real.query('INSERT INTO "Products" VALUES ($1, $2, $3)', [r.Id, r.Name, r.Sku]);
    }
    for (const sql of [
      'COPY "Products" ("Id", "Name", "Sku") TO STDOUT WITH (FORMAT csv, HEADER)',
      'COPY (SELECT "Id", "Name" FROM "Products" WHERE "Id" <= 5 ORDER BY "Id") TO STDOUT',
    ]) {
      const ours = await copy(serve, sql);
      expect(ours.toString().split('\n').length).toBeGreaterThan(5);
      expect(ours.toString()).toBe((await copy(real, sql)).toString());
    }
    expect(rows.rowCount).toBeGreaterThan(10);
  });

  it.each([
    ['a two-character delimiter', "(FORMAT csv, DELIMITER ';;')"],
    ['an unknown format', '(FORMAT xml)'],
    ['QUOTE outside CSV', "(FORMAT text, QUOTE '\"')"],
    ['FORCE_QUOTE of a column not copied', '(FORMAT csv, FORCE_QUOTE (nope))'],
    ['an option given twice', '(FORMAT csv, FORMAT text)'],
    ['an unknown option', '(FORMAT csv, COLOUR red)'],
    ['a delimiter equal to the quote', "(FORMAT csv, DELIMITER '\"')"],
  ])('refuses %s with the SQLSTATE PostgreSQL gives', async (_, options) => {
    const sql = `COPY (SELECT 1 AS a) TO STDOUT ${options}`;
    const ours = await sqlState(serve, sql);
    expect(ours).not.toBe('no error');
    expect(ours).toBe(await sqlState(real, sql));
  });

  it('refuses COPY FROM as a read-only transaction would (25006), and files on the server (42501)', async () => {
    expect(await sqlState(serve, 'COPY "Products" FROM STDIN')).toBe('25006');
    await real.query('BEGIN READ ONLY');
    const realState = await real.query('COPY "Products" FROM STDIN').catch((e: { code: string }) => e.code);
    await real.query('ROLLBACK');
    expect(realState).toBe('25006');
    expect(await sqlState(serve, 'COPY "Products" TO \'/tmp/products.csv\'')).toBe('42501');
    expect(await sqlState(serve, 'COPY "Products" TO PROGRAM \'cat\'')).toBe('42501');
  });
});
