/**
 * `bcsql serve --read-write`: psql and node-postgres change the store through the provider, with
 * PostgreSQL's command tags; without the switch the endpoint stays read-only.
 */
import { Client } from 'pg';
import { run, START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

let rw: TestServer;
let ro: TestServer;
const clients: Client[] = [];

async function client(t: TestServer): Promise<Client> {
  const c = new Client({ host: '127.0.0.1', port: t.port, user: 'analyst', database: 'bigcommerce' });
  await c.connect();
  clients.push(c);
  return c;
}

function psql(t: TestServer, script: string) {
  return run(
    'psql',
    ['-X', '-v', 'ON_ERROR_STOP=0', '-h', '127.0.0.1', '-p', String(t.port), '-U', 'analyst', '-d', 'bigcommerce'], // prettier-ignore
    script,
    { PGCONNECT_TIMEOUT: '20' },
  );
}

beforeAll(async () => {
  rw = await startTestServer({ readWrite: true });
  ro = await startTestServer();
}, START_TIMEOUT);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await rw?.close();
  await ro?.close();
});

const writesTo = (t: TestServer) => t.sim.requests.filter((r) => r.kind === 'api' && r.method !== 'GET');

describe('node-postgres against bcsql serve --read-write', () => {
  it('inserts with RETURNING and gets the new ids, typed', async () => {
    const c = await client(rw);
    const r = await c.query(
      'INSERT INTO "Brands" ("Name", "PageTitle") VALUES ($1, $2), ($3, $4) RETURNING "Id", "Name"',
      ['Served A', 'a', 'Served B', 'b'],
    );
    expect(r.command).toBe('INSERT');
    expect(r.rowCount).toBe(2);
    expect(r.rows.map((row) => row.Name)).toEqual(['Served A', 'Served B']);
    // Ids are bigint, which node-postgres hands over as strings.
    expect(r.fields.find((f) => f.name === 'Id')?.dataTypeID).toBe(20);
    const back = await rw.conn.query('SELECT Name FROM Brands WHERE Id = ?', [r.rows[1].Id]);
    expect(back.rows).toEqual([{ Name: 'Served B' }]);
  });

  it('updates and deletes with the row counts in their tags', async () => {
    const c = await client(rw);
    const u = await c.query('UPDATE "Brands" SET "PageTitle" = "Name" || $1 WHERE "Name" LIKE $2', [
      '!',
      'Served %',
    ]);
    expect(u).toMatchObject({ command: 'UPDATE', rowCount: 2, rows: [] });
    const d = await c.query('DELETE FROM "Brands" WHERE "Name" = $1', ['Served A']);
    expect(d).toMatchObject({ command: 'DELETE', rowCount: 1 });
    const left = await rw.conn.query("SELECT PageTitle FROM Brands WHERE Name LIKE 'Served %'");
    expect(left.rows).toEqual([{ PageTitle: 'Served B!' }]);
  });

  it("passes the provider's errors on, before any request", async () => {
    const c = await client(rw);
    rw.sim.resetRequests();
    await expect(c.query('UPDATE "Products" SET "DateCreated" = now() WHERE "Id" = 1')).rejects.toThrow(
      /DateCreated is read-only/,
    );
    expect(writesTo(rw)).toEqual([]);
  });
});

describe('psql against bcsql serve --read-write', () => {
  it('prints the command tags and RETURNING rows', async () => {
    const r = await psql(
      rw,
      [
        'INSERT INTO "Brands" ("Name") VALUES (\'Psql One\'), (\'Psql Two\');',
        'UPDATE "Brands" SET "PageTitle" = \'p\' WHERE "Name" LIKE \'Psql %\';',
        'DELETE FROM "Brands" WHERE "Name" = \'Psql One\' RETURNING "Name";',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^INSERT 0 2$/m);
    expect(r.stdout).toMatch(/^UPDATE 2$/m);
    expect(r.stdout).toMatch(/ Psql One\n\(1 row\)\n\nDELETE 1$/m);
  });
});

describe('bcsql serve without --read-write', () => {
  it('refuses writes before they reach the provider', async () => {
    const c = await client(ro);
    ro.sim.resetRequests();
    await expect(c.query('DELETE FROM "Brands" WHERE "Id" = 1')).rejects.toMatchObject({
      code: '25006',
      message: expect.stringMatching(/read-only endpoint; start it with --read-write/),
    });
    expect(ro.sim.requests.filter((r) => r.kind === 'api')).toEqual([]);
  });
});
