/**
 * The PostgreSQL JDBC driver (Debian's libpostgresql-jdbc-java, as DBeaver, Metabase and most BI
 * tools use it): jdbc/JdbcProbe.java is compiled into a temp dir and run against `bcsql serve`.
 */
import { runJdbcProbe, type JdbcRun } from './jdbcProbe';
import { START_TIMEOUT } from './serverHarness';

let jdbc: JdbcRun;
beforeAll(async () => {
  jdbc = await runJdbcProbe('JdbcProbe', 'metabase');
}, START_TIMEOUT);
afterAll(() => jdbc?.close());

const lines = (prefix: string) => jdbc.lines(prefix);

describe('JDBC', () => {
  it('connects with SCRAM-SHA-256 and runs to the end', () => {
    expect(jdbc.out.stderr).toBe('');
    expect(jdbc.out.code).toBe(0);
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
    const direct = await jdbc.t.conn.query(
      'SELECT Id, Name, Price, IsVisible, DateModified FROM Products ORDER BY Id LIMIT 2',
    );
    expect(lines('row')).toEqual(
      direct.rows.map((r) => `${r.Id} | ${r.Name} | ${r.Price} | ${r.IsVisible} | ${r.DateModified}`),
    );
  });

  it('runs a prepared statement past the driver prepareThreshold (server-side, binary results)', async () => {
    const direct = await jdbc.t.conn.query(
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
    const brands = await jdbc.t.conn.query('SELECT count(*) AS n FROM Brands');
    expect(lines('count')).toEqual([String(brands.rows[0].n)]);
  });
});
