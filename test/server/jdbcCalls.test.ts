/**
 * The PostgreSQL JDBC driver beyond plain queries (jdbc/JdbcCallProbe.java, compiled into a temp
 * dir and run against `bcsql serve`): setArray for = ANY(?), {call} of a procedure, and the
 * procedure catalog that DBeaver's and other tools' procedure browsers read.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { run, START_TIMEOUT, startTestServer, type TestServer, type RunResult } from './serverHarness';

const JAR = process.env.PGJDBC_JAR ?? '/usr/share/java/postgresql.jar';
let t: TestServer;
let classes: string;
let out: RunResult;

beforeAll(async () => {
  if (!fs.existsSync(JAR)) {
    throw new Error(`${JAR} is missing: install libpostgresql-jdbc-java (see .ci/run) or set PGJDBC_JAR`);
  }
  classes = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-jdbc-calls-'));
  const [server, javac] = await Promise.all([
    startTestServer({ password: 'jdbc-secret' }),
    run('javac', ['-d', classes, path.join(__dirname, 'jdbc', 'JdbcCallProbe.java')], '', {}, 120_000),
  ]);
  t = server;
  if (javac.code !== 0) throw new Error(`javac failed: ${javac.stderr}`);
  const url = `jdbc:postgresql://127.0.0.1:${t.port}/bigcommerce`;
  out = await run('java', ['-cp', `${JAR}${path.delimiter}${classes}`, 'JdbcCallProbe', url, 'dbeaver', 'jdbc-secret'], '', {}, 120_000); // prettier-ignore
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

describe('JDBC arrays and procedures', () => {
  it('runs to the end without an error', () => {
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  });

  it('binds an array with setArray for = ANY(?) and gets the same rows as the provider', async () => {
    const direct = await t.conn.query('SELECT Id, Name FROM Products WHERE Id IN (2, 5, 9) ORDER BY Id');
    expect(lines('array')).toEqual(direct.rows.map((r) => `${r.Id} | ${r.Name}`));
    expect(lines('array')).toHaveLength(3);
  });

  it('calls a procedure through the {call} escape with bound arguments', async () => {
    const direct = await t.conn.query("EXEC GetOAuthAuthorizationURL CallbackUrl='http://cb.example/jdbc', State='jdbc-state'"); // prettier-ignore
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
