/**
 * postgres.js (porsager/postgres) against `bcsql serve`: an array parameter for = ANY, and COPY …
 * TO STDOUT read as a stream with `.readable()`, compared with the provider's own rows.
 */
import postgres from 'postgres';
import { START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

let t: TestServer;
let sql: postgres.Sql;
beforeAll(async () => {
  t = await startTestServer();
  sql = postgres({ host: '127.0.0.1', port: t.port, user: 'analyst', database: 'bigcommerce', max: 1 });
}, START_TIMEOUT);
afterAll(async () => {
  await sql?.end();
  await t?.close();
});

describe('postgres.js through bcsql serve', () => {
  it('binds a JavaScript array for = ANY and gets the provider rows', async () => {
    const direct = await t.conn.query('SELECT Id, Name FROM Brands WHERE Id IN (1, 3, 4) ORDER BY Id');
    const rows = await sql`SELECT "Id", "Name" FROM "Brands" WHERE "Id" = ANY(${[1, 3, 4]}) ORDER BY "Id"`;
    expect(rows.map((r) => ({ Id: Number(r.Id), Name: r.Name as string }))).toEqual(direct.rows);
  });

  it('streams COPY … TO STDOUT as CSV with .readable(), the same rows as the provider', async () => {
    const direct = await t.conn.query('SELECT Id, Name FROM Brands ORDER BY Id');
    const stream =
      await sql`COPY (SELECT "Id", "Name" FROM "Brands" ORDER BY "Id") TO STDOUT (FORMAT csv)`.readable();
    let text = '';
    for await (const chunk of stream) text += (chunk as Buffer).toString('utf8');
    const expected = direct.rows.map(
      (r) =>
        `${r.Id},${/[",\n]/.test(String(r.Name)) ? `"${String(r.Name).replace(/"/g, '""')}"` : r.Name}\n`,
    );
    expect(text).toBe(expected.join(''));
  });
});
