/**
 * psql's \copy against `bcsql serve`, judged against psql's \copy of the same rows from a real
 * PostgreSQL server (a throwaway cluster): the files must be identical, byte for byte.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { run, START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

let t: TestServer;
let pg: PgCluster;
let dir: string;

beforeAll(async () => {
  [t, pg] = await Promise.all([startTestServer(), startPgCluster()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-psql-copy-'));
  const rows = await t.conn.query('SELECT Id, Name, Sku, Price FROM Products ORDER BY Id');
  const real = new Client({ connectionString: pg.url });
  await real.connect();
  try {
    await real.query(
      'CREATE TABLE "Products" ("Id" integer, "Name" text, "Sku" text, "Price" double precision)',
    );
    for (const r of rows.rows) {
      await real.query('INSERT INTO "Products" VALUES ($1, $2, $3, $4)', [r.Id, r.Name, r.Sku, r.Price]);
    }
  } finally {
    await real.end();
  }
}, START_TIMEOUT);

afterAll(async () => {
  await Promise.all([t?.close(), pg?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs one \copy with psql against a server and returns the file it wrote. */
async function copyWith(port: number, user: string, database: string, command: string, file: string) {
  const target = path.join(dir, file);
  const r = await run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-c', command.replace('FILE', `'${target}'`)]); // prettier-ignore
  return { ...r, content: fs.existsSync(target) ? fs.readFileSync(target, 'latin1') : null };
}

describe("psql's \\copy", () => {
  it.each([
    [
      'a query as CSV with a header',
      '\\copy (SELECT "Id", "Name", "Price" FROM "Products" ORDER BY "Id") TO FILE CSV HEADER',
    ],
    ['a table in the text format', '\\copy "Products" ("Id", "Name", "Sku") TO FILE'],
    ['a filtered query with options', `\\copy (SELECT "Name", "Sku" FROM "Products" WHERE "Id" <= 10 ORDER BY "Id") TO FILE WITH (FORMAT csv, DELIMITER ';', FORCE_QUOTE *)`], // prettier-ignore
  ])('writes %s exactly as from PostgreSQL', async (name, command) => {
    const file = `${name.replace(/\W+/g, '-')}`;
    const ours = await copyWith(t.port, 'analyst', 'bigcommerce', command, `${file}.ours`);
    const theirs = await copyWith(pg.port, 'postgres', 'postgres', command, `${file}.theirs`);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    expect(ours.stdout).toMatch(/^COPY \d+/);
    expect(ours.content!.split('\n').length).toBeGreaterThan(10);
    expect(ours.content).toBe(theirs.content);
  });

  it('refuses \\copy FROM with the read-only error', async () => {
    const source = path.join(dir, 'in.csv');
    fs.writeFileSync(source, '1,x\n');
    const r = await run('psql', ['-X', '-h', '127.0.0.1', '-p', String(t.port), '-U', 'analyst', '-d', 'bigcommerce', '-c', `\\copy "Products" ("Id", "Name") FROM '${source}' CSV`]); // prettier-ignore
    expect(r.stderr).toMatch(/ERROR: {2}cannot execute COPY FROM in a read-only transaction/);
    expect(r.code).not.toBe(0);
  });
});
