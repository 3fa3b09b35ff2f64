/**
 * The differential corpus: statements as BI tools and drivers send them, through `bcsql serve`
 * and against a real PostgreSQL (a throwaway cluster) holding the same rows, loaded by the
 * replica's PostgreSQL target with the same column types. Column names, types, values (as
 * PostgreSQL's text), row order where ORDER BY fixes it, and the SQLSTATE of errors must agree.
 */
import { Client, type QueryResult } from 'pg';
import { connect } from '../../src';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { CORPUS, type CorpusEntry } from './pgCorpus';
import { START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

const TABLES = ['Products', 'ProductVariants', 'Orders', 'Customers', 'Brands', 'Categories'];
/** Every value as PostgreSQL's text, so nothing is lost or rounded in JavaScript. */
const asText = { getTypeParser: () => (v: string) => v };

let t: TestServer;
let pg: PgCluster;
let serve: Client;
let real: Client;

beforeAll(async () => {
  [t, pg] = await Promise.all([startTestServer(), startPgCluster()]);
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query("CREATE DATABASE corpus TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'");
  await admin.end();
  const url = pg.urlFor('corpus');
  const sim = t.sim;
  const loader = await connect({ AuthScheme: 'OAuth', StoreId: sim.storeHash, OAuthAccessToken: sim.accessToken, OAuthClientId: sim.clientId, OAuthClientSecret: sim.clientSecret, ApiBaseURL: sim.apiBaseUrl, LoginBaseURL: sim.loginBaseUrl }); // prettier-ignore
  await loader.query(`REPLICATE INTO '${url}' TABLES (${TABLES.join(', ')})`);
  await loader.close();
  real = new Client({ connectionString: url, types: asText });
  await real.connect();
  // The replica keeps a schema per store; the statements name public, as BI tools do.
  await real.query(`DROP SCHEMA public CASCADE; ALTER SCHEMA "${t.sim.storeHash}" RENAME TO public`);
  await real.query(`DROP TABLE public._bcsql_sync_state; SET TIME ZONE 'UTC'`);
  serve = new Client({
    host: '127.0.0.1',
    port: t.port,
    user: 'postgres',
    database: 'bigcommerce',
    types: asText,
  });
  await serve.connect();
}, START_TIMEOUT);

afterAll(async () => {
  await serve?.end().catch(() => undefined);
  await real?.end().catch(() => undefined);
  await Promise.all([t?.close(), pg?.stop()]);
});

type Answer = { error: string } | { fields: string[]; rows: unknown[][] };

async function answer(c: Client, e: CorpusEntry): Promise<Answer> {
  let r: QueryResult<unknown[]>;
  try {
    r = await c.query({ text: e.sql, values: e.params, rowMode: 'array' });
  } catch (err) {
    return { error: String((err as { code?: string }).code) };
  }
  const rows = e.unordered ? [...r.rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : r.rows; // prettier-ignore
  return { fields: r.fields.map((f) => `${f.name}:${f.dataTypeID}`), rows };
}

describe('bcsql serve answers as PostgreSQL does', () => {
  it('holds at least 80 statements from BI tools, drivers and psql', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CORPUS.map((e, i) => [`${i + 1} ${e.tool}: ${e.sql.slice(0, 90)}`, e] as const))(
    '%s',
    async (_name, e) => {
      const expected = await answer(real, e);
      const got = await answer(serve, e);
      expect(got).toEqual(expected);
      // Each statement shows something: an error where one is meant, rows everywhere else.
      if (e.tool === 'error') expect(expected).toHaveProperty('error');
      else if (!e.sql.includes('LIMIT 0'))
        expect('rows' in expected && expected.rows.length).toBeGreaterThan(0);
    },
  );
});
