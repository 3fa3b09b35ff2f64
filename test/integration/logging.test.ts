/**
 * Logfile and Verbosity end to end: what each level adds to the one below, and that no line at any
 * level carries the access token, the client secret or an authorization code, whichever call form
 * carried it (named, positional, a statement that failed to parse, a misspelt procedure).
 */
import * as path from 'node:path';
import { connect } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { approveWithoutBrowser, readIfExists, tempDir } from '../auth/oauthTestKit';

const CALLBACK = 'http://localhost:33333/cb';
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ products: 5, customers: 2, orders: 2, rateLimit: false });
});
afterAll(() => sim.close());

/** Runs a query, a token exchange and three failures at `verbosity`; returns the Logfile and the secrets used. */
async function session(verbosity: number): Promise<{ log: string; secrets: string[] }> {
  const logfile = path.join(tempDir('logging-'), 'bcsql.log');
  const conn = await connect(
    `AuthScheme=OAuth;OAuthClientId=${sim.clientId};OAuthClientSecret=${sim.clientSecret};` +
      `OAuthAccessToken=${sim.accessToken};StoreId=${sim.storeHash};CallbackURL=${CALLBACK};` +
      `ApiBaseURL=${sim.apiBaseUrl};LoginBaseURL=${sim.loginBaseUrl};Logfile=${logfile};Verbosity=${verbosity}`,
  );
  try {
    await conn.query('SELECT Id, Name FROM Products WHERE Id IN (1, 2)');
    const { rows } = await conn.query('EXEC GetOAuthAuthorizationURL');
    const code = (await approveWithoutBrowser(sim, rows[0].URL as string)).searchParams.get('code')!;
    const got = await conn.query(`EXEC GetOAuthAccessToken 'WEB', NULL, NULL, '${code}'`);
    const failures = [
      'SELECT * FROM Prodcts',
      "EXEC GetOAuthAccesToken 'WEB', NULL, NULL, 'misspelt-proc-code-5678'",
      "EXEC GetOAuthAccessToken 'WEB', NULL, NULL, 'unparsed-code-9012' (",
    ];
    for (const sql of failures) await expect(conn.query(sql)).rejects.toHaveProperty('code');
    return {
      log: readIfExists(logfile),
      secrets: [
        sim.accessToken,
        sim.clientSecret,
        code,
        got.rows[0].OAuthAccessToken as string,
        'misspelt-proc-code-5678',
        'unparsed-code-9012',
      ],
    };
  } finally {
    await conn.close();
  }
}

describe.each([1, 2, 3, 4, 5])('Logfile at Verbosity %i', (verbosity) => {
  let log: string;
  let secrets: string[];
  beforeAll(async () => {
    ({ log, secrets } = await session(verbosity));
  });

  it('holds no access token, client secret or authorization code', () => {
    expect(secrets.every((s) => s.length >= 8)).toBe(true);
    for (const s of secrets) expect(log).not.toContain(s);
  });

  it('has a summary line per statement and a line per error', () => {
    expect(log).toContain('SELECT: 2 rows, 1 requests (statement: SELECT Id, Name FROM Products');
    expect(log).toMatch(
      /EXEC: 1 rows, 1 requests \(statement: EXEC GetOAuthAccessToken 'WEB', NULL, NULL, '\[REDACTED\]'\)/,
    );
    expect(log).toContain('ERR_UNKNOWN_TABLE: no table "Prodcts"');
    expect(log).toContain('ERR_UNKNOWN_PROCEDURE');
    expect(log).toContain('ERR_SQL_SYNTAX');
  });

  it('shows statements and HTTP requests from level 2', () => {
    expect(log.includes('[2] statement: SELECT Id, Name FROM Products')).toBe(verbosity >= 2);
    expect(/GET \/v3\/catalog\/products/.test(log)).toBe(verbosity >= 2);
    expect(/OAuth: POST \S*\/oauth2\/token/.test(log)).toBe(verbosity >= 2);
  });

  it('shows the request plan from level 3, query strings from level 4 and bodies at level 5', () => {
    expect(log.includes('plan: Products')).toBe(verbosity >= 3);
    expect(log.includes('GET /v3/catalog/products?id:in=1,2')).toBe(verbosity >= 4);
    expect(log.includes('response body')).toBe(verbosity >= 5);
  });
});
