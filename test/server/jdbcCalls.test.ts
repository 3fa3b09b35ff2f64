/**
 * The PostgreSQL JDBC driver beyond plain queries (jdbc/JdbcCallProbe.java, compiled into a temp
 * dir and run against `bcsql serve`): setArray for = ANY(?), {call} of a procedure, and the
 * procedure catalog that DBeaver's and other tools' procedure browsers read.
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { runJdbcProbe, type JdbcRun } from './jdbcProbe';
import { START_TIMEOUT } from './serverHarness';

let jdbc: JdbcRun;
beforeAll(async () => {
  jdbc = await runJdbcProbe('JdbcCallProbe', 'dbeaver');
}, START_TIMEOUT);
afterAll(() => jdbc?.close());

const lines = (prefix: string) => jdbc.lines(prefix);

describe('JDBC arrays and procedures', () => {
  it('runs to the end without an error', () => {
    expect(jdbc.out.stderr).toBe('');
    expect(jdbc.out.code).toBe(0);
  });

  it('binds an array with setArray for = ANY(?) and gets the same rows as the provider', async () => {
    const direct = await jdbc.t.conn.query('SELECT Id, Name FROM Products WHERE Id IN (2, 5, 9) ORDER BY Id');
    expect(lines('array')).toEqual(direct.rows.map((r) => `${r.Id} | ${r.Name}`));
    expect(lines('array')).toHaveLength(3);
  });

  it('calls a procedure through the {call} escape with bound arguments', async () => {
    const direct = await jdbc.t.conn.query("EXEC GetOAuthAuthorizationURL CallbackUrl='http://cb.example/jdbc', State='jdbc-state'"); // prettier-ignore
    expect(lines('call')).toEqual([`${direct.rows[0].URL} | jdbc-state`]);
  });

  it('lists the procedures with getProcedures and their parameters with getProcedureColumns', () => {
    const procedures = [...loadCatalog().procedures].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(lines('procedure')).toEqual(
      procedures.map((p) => `${p.name} remarks=${p.description.slice(0, 20)}`),
    );
    expect(lines('procedure')).toContain('GetOAuthAuthorizationURL remarks=Builds the URL a use');
    // DatabaseMetaData.procedureColumnIn = 1, procedureColumnInOut = 2, procedureColumnOut = 4.
    expect(lines('procedureColumn')).toEqual([
      'URL type=4 text',
      'CallbackUrl type=1 text',
      'Scope type=1 text',
      'State type=2 text',
    ]);
  });
});
