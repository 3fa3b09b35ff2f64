/**
 * Every error code issues 2 and 3 name, triggered through the public API (connect()/query())
 * against the simulator, by a connection that carries the client secret and the access token and
 * logs at Verbosity 5. Each case asserts the code, the error class, the facts the message must
 * give (position, allowed values, did-you-mean, status, method, path, scope …) and that no secret
 * appears in the message, in JSON.stringify(error), in util.inspect(error) or in the Logfile.
 */
import * as path from 'node:path';
import { inspect } from 'node:util';
import {
  ApiError,
  AuthError,
  BigCommerceSqlError,
  connect,
  ConnectionStringError,
  SqlError,
  type Connection,
} from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { approveWithoutBrowser, readIfExists, tempDir, oauthProps } from '../auth/oauthTestKit';

const CALLBACK = 'http://localhost:33333/cb';
const WRONG_SECRET = 'wrong-client-secret-4711';
let sim: Simulator;
let logfile: string;
const secrets: string[] = [WRONG_SECRET];
const open: Connection[] = [];

beforeAll(async () => {
  sim = await startSimulator({ products: 20, customers: 5, orders: 5, rateLimit: false });
  secrets.push(sim.clientSecret, sim.accessToken);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await sim.close();
});
beforeEach(() => {
  logfile = path.join(tempDir('errcodes-'), 'bcsql.log');
  sim.setFaults({});
});

/** The properties of a working OAuth connection to the simulator, secrets included, logging everything. */
function props(): Record<string, string | number> {
  return oauthProps(sim, {
    OAuthAccessToken: sim.accessToken,
    CallbackURL: CALLBACK,
    Logfile: logfile,
    Verbosity: 5,
  });
}

function connectionString(extra: Record<string, string | number> = {}): string {
  return Object.entries({ ...props(), ...extra })
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
}

async function conn(extra: Record<string, string | number | undefined> = {}): Promise<Connection> {
  const c = await connect({ ...props(), ...extra });
  open.push(c);
  return c;
}

async function newCode(): Promise<string> {
  const c = await conn();
  const { rows } = await c.query('EXEC GetOAuthAuthorizationURL');
  const code = (await approveWithoutBrowser(sim, rows[0].URL as string)).searchParams.get('code')!;
  secrets.push(code);
  return code;
}

/** The error `run` rejects with, checked for its code and class and for secrets everywhere. */
async function failure(
  run: () => Promise<unknown>,
  code: string,
  cls: new (...args: never[]) => BigCommerceSqlError,
  where: 'connect' | 'query' = 'query',
): Promise<BigCommerceSqlError & Record<string, unknown>> {
  let err: unknown;
  try {
    await run();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(cls);
  expect(err).toMatchObject({ code });
  const e = err as BigCommerceSqlError & Record<string, unknown>;
  const log = readIfExists(logfile);
  // connect() fails before a logger exists; a failed query is logged at level 1.
  if (where === 'query') expect(log).toContain(`${code}: `);
  for (const s of secrets) {
    expect(e.message).not.toContain(s);
    expect(JSON.stringify(e)).not.toContain(s);
    expect(inspect(e, { depth: 5 })).not.toContain(s);
    expect(log).not.toContain(s);
  }
  return e;
}

describe('connection strings and properties', () => {
  it('ERR_UNKNOWN_PROPERTY: an unknown property name, with a did-you-mean', async () => {
    const e = await failure(
      () => connect(connectionString({ StoreIdd: 'abc' })),
      'ERR_UNKNOWN_PROPERTY',
      ConnectionStringError,
      'connect',
    );
    expect(e.message).toContain('did you mean "StoreId"?');
  });

  it('ERR_INVALID_PROPERTY_VALUE: a value outside the allowed set, listing what is allowed', async () => {
    const e = await failure(
      () => connect(connectionString({ InitiateOAuth: 'SOMETIMES' })),
      'ERR_INVALID_PROPERTY_VALUE',
      ConnectionStringError,
      'connect',
    );
    expect(e.message).toMatch(/OFF.*GETANDREFRESH.*REFRESH/);
  });

  it('ERR_INVALID_PROPERTY_VALUE: a value of the wrong type', async () => {
    const e = await failure(
      () => connect(connectionString({ Timeout: 'soon' })),
      'ERR_INVALID_PROPERTY_VALUE',
      ConnectionStringError,
      'connect',
    );
    expect(e.message).toContain('Timeout');
  });

  it('ERR_CONNECTION_STRING: an unterminated quote, with its position and without the quoted secret', async () => {
    const text = `StoreId=abc;OAuthClientSecret='${sim.clientSecret}`;
    const e = await failure(() => connect(text), 'ERR_CONNECTION_STRING', ConnectionStringError, 'connect');
    expect(e.position).toBe(text.indexOf("'") + 1);
  });

  it('ERR_CONNECTION_STRING: a pair with no =, with its position', async () => {
    const text = `OAuthAccessToken=${sim.accessToken};StoreId`;
    const e = await failure(() => connect(text), 'ERR_CONNECTION_STRING', ConnectionStringError, 'connect');
    expect(e.position).toBe(text.indexOf(';StoreId') + 2);
  });

  it('ERR_MISSING_PROPERTY: PersonalAccessToken without StoreId', async () => {
    const e = await failure(
      () => connect(`AuthScheme=PersonalAccessToken;OAuthAccessToken=${sim.accessToken}`),
      'ERR_MISSING_PROPERTY',
      ConnectionStringError,
      'connect',
    );
    expect(e.message).toContain('StoreId');
  });

  it('ERR_MISSING_PROPERTY: a procedure that needs a property the connection lacks (OAuthClientId)', async () => {
    const c = await conn({ OAuthClientId: undefined });
    const e = await failure(
      () => c.query('EXEC GetOAuthAuthorizationURL'),
      'ERR_MISSING_PROPERTY',
      ConnectionStringError,
    );
    expect(e.message).toContain('OAuthClientId');
  });
});

describe('SQL and procedures', () => {
  it('ERR_SQL_SYNTAX: a statement that is not understood, with its position', async () => {
    const c = await conn();
    const e = await failure(() => c.query('SELECT Id FROM Products WHERE'), 'ERR_SQL_SYNTAX', SqlError);
    expect(e.position).toEqual(expect.any(Number));
    expect(e.message).toMatch(/line 1, column \d+|position \d+/);
  });

  it('ERR_UNKNOWN_PROCEDURE: listing the procedures that exist', async () => {
    const c = await conn();
    const e = await failure(
      () => c.query(`EXEC GetOAuthAccesToken '${sim.accessToken}'`),
      'ERR_UNKNOWN_PROCEDURE',
      SqlError,
    );
    expect(e.message).toContain('GetOAuthAccessToken, GetOAuthAuthorizationURL, RefreshOAuthAccessToken');
  });

  it('ERR_UNKNOWN_PARAMETER: a parameter the procedure does not have', async () => {
    const c = await conn();
    const e = await failure(
      () => c.query(`EXEC GetOAuthAccessToken AuthMode='WEB', Verifer='${sim.accessToken}'`),
      'ERR_UNKNOWN_PARAMETER',
      SqlError,
    );
    expect(e.message).toContain('did you mean "Verifier"?');
  });

  it.each([
    ['missing', "EXEC GetOAuthAccessToken AuthMode='WEB'"],
    ['blank', "EXEC GetOAuthAccessToken AuthMode='WEB', Verifier='   '"],
  ])('ERR_MISSING_PARAMETER: a required parameter that is %s, before any request', async (_how, sql) => {
    const c = await conn();
    sim.resetRequests();
    const e = await failure(() => c.query(sql), 'ERR_MISSING_PARAMETER', SqlError);
    expect(e.property).toBe('Verifier');
    expect(sim.requests).toHaveLength(0);
  });

  it('ERR_INVALID_PARAMETER_VALUE: a value outside the allowed set, before any request', async () => {
    const c = await conn();
    sim.resetRequests();
    const e = await failure(
      () => c.query(`EXEC GetOAuthAccessToken AuthMode='PHONE', Verifier='${sim.accessToken}'`),
      'ERR_INVALID_PARAMETER_VALUE',
      SqlError,
    );
    expect(e.message).toContain('APP, WEB');
    expect(sim.requests).toHaveLength(0);
  });

  it('ERR_UNKNOWN_TABLE: with a did-you-mean', async () => {
    const c = await conn();
    const e = await failure(() => c.query('SELECT * FROM Prodcts'), 'ERR_UNKNOWN_TABLE', SqlError);
    expect(e.message).toContain('did you mean "Products"?');
  });

  it('ERR_UNKNOWN_COLUMN: with a did-you-mean', async () => {
    const c = await conn();
    const e = await failure(() => c.query('SELECT Nmae FROM Products'), 'ERR_UNKNOWN_COLUMN', SqlError);
    expect(e.message).toContain('did you mean "Name"?');
  });
});

describe('the OAuth server', () => {
  it('ERR_OAUTH: a refused exchange (wrong client secret), with the status and the server’s message', async () => {
    const code = await newCode();
    const c = await conn({ OAuthClientSecret: WRONG_SECRET });
    const e = await failure(
      () => c.query("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier=?", [code]),
      'ERR_OAUTH',
      AuthError,
    );
    expect(e.status).toBe(400);
    expect(e.message).toContain('client_secret');
  });

  it('ERR_OAUTH: an unknown authorization code', async () => {
    const c = await conn();
    secrets.push('made-up-code-8086');
    const e = await failure(
      () => c.query("EXEC GetOAuthAccessToken 'WEB', NULL, NULL, 'made-up-code-8086'"),
      'ERR_OAUTH',
      AuthError,
    );
    expect(e).toMatchObject({ status: 400, message: expect.stringContaining('Invalid code') });
  });
});

describe('the REST API', () => {
  it('ERR_API_FORBIDDEN: a token without the scope a table needs, naming that scope', async () => {
    const token = sim.issueToken({ scope: 'store_v2_orders_read_only' });
    secrets.push(token);
    const c = await conn({ OAuthAccessToken: token });
    const e = await failure(() => c.query('SELECT Id FROM Products'), 'ERR_API_FORBIDDEN', ApiError);
    expect(e).toMatchObject({ status: 403, method: 'GET', path: '/v3/catalog/products', table: 'Products' });
    expect(e.message).toContain('store_v2_products');
  });

  it('ERR_API_UNAUTHORIZED: a bad token, saying to check OAuthAccessToken and StoreId', async () => {
    const c = await conn({ OAuthAccessToken: 'revoked-token-31337' });
    secrets.push('revoked-token-31337');
    const e = await failure(() => c.query('SELECT Id FROM Brands'), 'ERR_API_UNAUTHORIZED', ApiError);
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/OAuthAccessToken and StoreId/);
  });

  it('ERR_API: any other failure, with status, method, path and BigCommerce’s title', async () => {
    sim.setFaults({ script: [{ kind: '500', match: '/v3/catalog/products/7', times: 10 }] });
    const c = await conn({ MaxRetries: 0 });
    const e = await failure(() => c.query('SELECT Id FROM Products WHERE Id = 7'), 'ERR_API', ApiError);
    expect(e).toMatchObject({ status: 500, method: 'GET', path: '/v3/catalog/products/7' });
    expect(e.title).toEqual(expect.any(String));
    expect(e.message).toContain(
      `GET /v3/catalog/products/7 failed with 500 Internal Server Error: ${e.title as string}`,
    );
  });
});
