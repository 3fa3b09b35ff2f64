/**
 * psql, the PostgreSQL project's own client (installed by .ci/run from Debian's
 * postgresql-client), against `bcsql serve` over the demo store.
 */
import { run, START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
}, START_TIMEOUT);

afterAll(async () => {
  await t?.close();
});

/** psql reading a script on stdin, as a person pasting statements would. */
function psql(script: string, extra: string[] = []) {
  return run(
    'psql',
    ['-X', '-v', 'ON_ERROR_STOP=0', '-h', '127.0.0.1', '-p', String(t.port), '-U', 'analyst', '-d', 'bigcommerce', ...extra], // prettier-ignore
    script,
    { PGCONNECT_TIMEOUT: '20', PGAPPNAME: 'psql-test' },
  );
}

describe('psql', () => {
  it('connects and runs a query', async () => {
    const r = await psql('SELECT 1 AS one;\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/ one \n-+\n +1\n\(1 row\)/);
    expect(r.code).toBe(0);
  });

  it('lists the BigCommerce tables with \\dt', async () => {
    const r = await psql('\\dt\n');
    expect(r.stdout).toMatch(/List of relations/);
    for (const table of ['Products', 'Orders', 'Customers', 'OrderItems', 'sys_tables']) {
      expect(r.stdout).toMatch(new RegExp(`^ public +\\| ${table} +\\| table +\\|`, 'm'));
    }
  });

  it('describes a table with \\d "Products": columns, types, primary key and foreign keys', async () => {
    const r = await psql('\\d "Products"\n');
    expect(r.stdout).toMatch(/Table "public\.Products"/);
    expect(r.stdout).toMatch(/^ Id +\| bigint +\| +\| not null \|/m);
    expect(r.stdout).toMatch(/^ Price +\| numeric +\|/m);
    expect(r.stdout).toMatch(/^ IsVisible +\| boolean +\|/m);
    expect(r.stdout).toMatch(/^ DateModified +\| timestamp with time zone +\|/m);
    expect(r.stdout).toMatch(/"Products_pkey" PRIMARY KEY, btree \("Id"\)/);
    expect(r.stdout).toMatch(/FOREIGN KEY \("BrandId"\) REFERENCES "Brands"\("Id"\)/);
  });

  it('shows column descriptions with \\d+', async () => {
    const r = await psql('\\d+ "Brands"\n');
    expect(r.stdout).toMatch(/^ Id +\|.*\| Unique brand ID\.$/m);
  });

  it("lists databases with psql 15's \\l, which names pg_database.daticulocale", async () => {
    const r = await psql('\\l\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/List of databases/);
    expect(r.stdout).toMatch(/^ bigcommerce +\|/m);
  });

  it('runs a SELECT with a join on the provider and prints its rows', async () => {
    const r = await psql(
      'SELECT p."Id", p."Name", b."Name" AS brand FROM "Products" p JOIN "Brands" b ON b."Id" = p."BrandId" ORDER BY p."Id" LIMIT 3;\n',
    );
    const expected = await t.conn.query(
      'SELECT p.Id, b.Name AS brand FROM Products p JOIN Brands b ON b.Id = p.BrandId ORDER BY p.Id LIMIT 3',
    );
    expect(r.stdout).toMatch(/\(3 rows\)/);
    for (const row of expected.rows) {
      expect(r.stdout).toMatch(new RegExp(`^ +${row.Id} \\|.*\\| ${String(row.brand).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm')); // prettier-ignore
    }
  });

  it('prints both values of two columns with the same name', async () => {
    const r = await psql(
      'SELECT p."Id", v."Id" FROM "Products" p JOIN "ProductVariants" v ON v."ProductId" = p."Id" WHERE p."Id" = 2 ORDER BY v."Id";\n',
      ['-A', '-F', ','],
    );
    const variants = await t.conn.query('SELECT Id FROM ProductVariants WHERE ProductId = 2 ORDER BY Id');
    const ids = variants.rows.map((v) => v.Id);
    // At least one variant id differs from the product's, so a lost value would show.
    expect(ids.some((id) => id !== 2)).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      ['Id,Id', ...ids.map((id) => `2,${id}`), `(${ids.length} row${ids.length === 1 ? '' : 's'})`, ''].join(
        '\n',
      ),
    );
  });

  it('reports an error and keeps the session usable for the next query', async () => {
    const r = await psql('SELECT * FROM "NoSuchTable";\nSELECT "Name" FROM "Products" WHERE "Id" = 1;\n');
    expect(r.stderr).toMatch(/ERROR: +relation "NoSuchTable" does not exist/);
    const name = (await t.conn.query('SELECT Name FROM Products WHERE Id = 1')).rows[0].Name as string;
    expect(r.stdout).toContain(name);
    expect(r.stdout).toMatch(/\(1 row\)/);
  });

  it("reports an unknown column with PostgreSQL's message and goes on", async () => {
    const r = await psql('SELECT Nmae FROM "Products";\nSELECT 2 AS two;\n');
    expect(r.stderr).toMatch(/ERROR: +column "nmae" does not exist/);
    expect(r.stdout).toMatch(/ two \n-+\n +2\n/);
  });

  it('reports a quoted unknown column ("Nmae") as an unknown column with PostgreSQL\'s hint', async () => {
    const r = await psql('SELECT "Nmae" FROM "Products";\n');
    expect(r.stderr).toMatch(/ERROR: +column "Nmae" does not exist/);
    expect(r.stderr).toMatch(/HINT: +Perhaps you meant to reference the column "Products\.Name"/);
    expect(r.stderr).not.toMatch(/string literal/);
  });

  it('refuses writes with a read-only error', async () => {
    const r = await psql('DELETE FROM "Products" WHERE "Id" = 1;\n', ['-v', 'VERBOSITY=verbose']);
    expect(r.stderr).toMatch(
      /ERROR: +25006: cannot execute DELETE on "Products": bcsql serve is a read-only endpoint/,
    );
  });

  it('keeps settings per session: SET then SHOW', async () => {
    const r = await psql("SET application_name = 'report';\nSHOW application_name;\nSHOW DateStyle;\n");
    expect(r.stdout).toMatch(/ application_name \n-+\n report\n/);
    expect(r.stdout).toMatch(/ DateStyle \n-+\n ISO, MDY\n/);
  });

  it('aborts a transaction block after an error until ROLLBACK, as PostgreSQL does', async () => {
    const r = await psql('BEGIN;\nSELECT 1/0;\nSELECT 1;\nROLLBACK;\nSELECT 3 AS three;\n');
    expect(r.stderr).toMatch(/division by zero/);
    expect(r.stderr).toMatch(/current transaction is aborted/);
    expect(r.stdout).toMatch(/ROLLBACK\n/);
    expect(r.stdout).toMatch(/ three \n-+\n +3\n/);
  });

  it('prints timestamps in ISO format with a UTC offset and booleans as t/f', async () => {
    const r = await psql('SELECT "IsVisible", "DateCreated" FROM "Products" WHERE "Id" = 1;\n', ['-A', '-t']);
    const row = (await t.conn.query('SELECT IsVisible, DateCreated FROM Products WHERE Id = 1')).rows[0];
    const iso = String(row.DateCreated).replace('T', ' ').replace('Z', '+00');
    expect(r.stdout.trim()).toBe(`${row.IsVisible ? 't' : 'f'}|${iso}`);
  });
});
