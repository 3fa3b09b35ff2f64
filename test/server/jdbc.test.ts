/**
 * The PostgreSQL JDBC driver (Debian's libpostgresql-jdbc-java, as DBeaver, Metabase and most BI
 * tools use it): jdbc/JdbcProbe.java is compiled into a temp dir and run against `bcsql serve`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, START_TIMEOUT, startTestServer, type TestServer, type RunResult } from './serverHarness';

const JAR = process.env.PGJDBC_JAR ?? '/usr/share/java/postgresql.jar';
let t: TestServer;
let classes: string;
let out: RunResult;

beforeAll(async () => {
  if (!fs.existsSync(JAR)) {
    throw new Error(`${JAR} is missing: install libpostgresql-jdbc-java (see .ci/run) or set PGJDBC_JAR`);
  }
  classes = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-jdbc-'));
  const [server, javac] = await Promise.all([
    startTestServer({ password: 'jdbc-secret' }),
    run('javac', ['-d', classes, path.join(__dirname, 'jdbc', 'JdbcProbe.java')], '', {}, 120_000),
  ]);
  t = server;
  if (javac.code !== 0) throw new Error(`javac failed: ${javac.stderr}`);
  const url = `jdbc:postgresql://127.0.0.1:${t.port}/bigcommerce`;
  out = await run('java', ['-cp', `${JAR}${path.delimiter}${classes}`, 'JdbcProbe', url, 'metabase', 'jdbc-secret'], '', {}, 120_000); // prettier-ignore
}, START_TIMEOUT);

afterAll(async () => {
  await t?.close();
  if (classes) fs.rmSync(classes, { recursive: true, force: true });
});

function lines(prefix: string): string[] {
  return out.stdout
    .split('\n')
    .filter((l) => l.startsWith(`${prefix}: `))
    .map((l) => l.slice(prefix.length + 2));
}

describe('JDBC', () => {
  it('connects with SCRAM-SHA-256 and runs to the end', () => {
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(lines('product')[0]).toMatch(/^PostgreSQL \d+\.\d+/);
  });

  it('finds the tables with DatabaseMetaData.getTables, with their descriptions', () => {
    expect(Number(lines('tables')[0])).toBeGreaterThanOrEqual(21);
    expect(lines('table')[0]).toMatch(/^Orders remarks=Orders placed in the store/);
  });

  it('reads column types, nullability, keys and foreign keys from DatabaseMetaData', () => {
    expect(lines('column')).toEqual([
      'Id int8 -5 nullable=NO',
      'Price numeric 2 nullable=YES',
      'IsVisible bool -7 nullable=YES',
      'DateModified timestamptz 93 nullable=YES',
    ]);
    expect(lines('primaryKey')).toEqual(['Id']);
    expect(lines('importedKey')).toEqual(
      expect.arrayContaining(['OrderId -> Orders.Id', 'ProductId -> Products.Id']),
    );
  });

  it('runs a query and reads typed values', async () => {
    expect(lines('resultTypes')).toEqual(['int8,numeric,bool,timestamptz']);
    const direct = await t.conn.query(
      'SELECT Id, Name, Price, IsVisible, DateModified FROM Products ORDER BY Id LIMIT 2',
    );
    expect(lines('row')).toEqual(
      direct.rows.map((r) => `${r.Id} | ${r.Name} | ${r.Price} | ${r.IsVisible} | ${r.DateModified}`),
    );
  });

  it('runs a prepared statement past the driver prepareThreshold (server-side, binary results)', async () => {
    const direct = await t.conn.query(
      'SELECT Id, Price, DateModified FROM Products WHERE Id <= 7 ORDER BY Id',
    );
    expect(lines('prepared')).toEqual(
      // Java prints a double the short way, but always with a fraction: 36.0, 36.99.
      direct.rows.map((r) => {
        const price = Number(r.Price);
        return `${r.Id} ${Number.isInteger(price) ? price.toFixed(1) : String(price)} ${r.DateModified}`;
      }),
    );
  });

  it('gets SQLSTATE 42P01 for a missing table and still runs a transaction afterwards', async () => {
    expect(lines('error')).toEqual(['42P01']);
    const brands = await t.conn.query('SELECT count(*) AS n FROM Brands');
    expect(lines('count')).toEqual([String(brands.rows[0].n)]);
  });
});
