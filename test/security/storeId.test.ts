/**
 * StoreId becomes a path segment of every API URL: a value that adds segments, a query string or
 * `..` must be refused before anything is sent, on every path (library, bcsql, bcsql serve).
 */
import { connect } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { resolveOptions } from '../../src/options/resolveOptions';
import { storeUrl } from '../../src/rest/storeUrl';
import { cleanEnv, ensureBuilt, runCli } from '../cli/cliHarness';

let sim: Simulator;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ rateLimit: false, products: 3, customers: 3, orders: 1 });
}, 240_000);
afterAll(() => sim.close());

const hostile = () => [
  `${sim.storeHash}/v3/customers?`,
  `${sim.storeHash}/../../evil`,
  `${sim.storeHash}#x`,
  'a b',
];

function props(storeId: string): Record<string, unknown> {
  return {
    AuthScheme: 'PersonalAccessToken',
    StoreId: storeId,
    OAuthAccessToken: sim.accessToken,
    ApiBaseURL: sim.apiBaseUrl,
    LoginBaseURL: sim.loginBaseUrl,
  };
}

function connectionString(storeId: string): string {
  return Object.entries(props(storeId))
    .map(([k, v]) => `${k}={${String(v)}}`)
    .join(';');
}

describe('StoreId', () => {
  it('is refused at connect time with ERR_INVALID_PROPERTY_VALUE when it could change the URL path', async () => {
    for (const storeId of hostile()) {
      const before = sim.requests.length;
      await expect(connect(props(storeId))).rejects.toMatchObject({
        code: 'ERR_INVALID_PROPERTY_VALUE',
        property: 'StoreId',
      });
      await expect(connect(connectionString(storeId))).rejects.toMatchObject({
        code: 'ERR_INVALID_PROPERTY_VALUE',
      });
      expect(sim.requests.length).toBe(before);
    }
  });

  it('is refused from the environment too', () => {
    const { StoreId: _s, ...rest } = props('x');
    const env = { BIGCOMMERCE_STOREID: `${sim.storeHash}/v3/customers?` };
    expect(() => resolveOptions(rest, env)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PROPERTY_VALUE' }),
    );
  });

  it('accepts letters, digits, - and _', async () => {
    const conn = await connect(props(sim.storeHash));
    try {
      const { rows } = await conn.query('SELECT count(*) AS n FROM Products');
      expect(rows[0]).toEqual({ n: 3 });
    } finally {
      await conn.close();
    }
  });

  it('makes bcsql and bcsql serve exit with ERR_INVALID_PROPERTY_VALUE before any request', async () => {
    const before = sim.requests.length;
    const cs = connectionString(`${sim.storeHash}/v3/customers?`);
    const shell = await runCli([cs, '-e', 'SELECT Id FROM Products'], { env: cleanEnv() });
    expect(shell.code).not.toBe(0);
    expect(shell.stdout).toBe('');
    expect(shell.stderr).toMatch(/ERR_INVALID_PROPERTY_VALUE: StoreId/);
    const serve = await runCli(['serve', cs, '--listen', '127.0.0.1:0'], { env: cleanEnv() });
    expect(serve.code).not.toBe(0);
    expect(serve.stderr).toMatch(/StoreId must be a store hash/);
    expect(sim.requests.length).toBe(before);
  });
});

describe('request URLs', () => {
  it('encode every path segment so a value cannot add a segment or a query string', () => {
    expect(storeUrl('https://api.example', 'abc', '/v3/catalog/products/a?b=1&c#d')).toBe(
      'https://api.example/stores/abc/v3/catalog/products/a%3Fb%3D1%26c%23d',
    );
    expect(storeUrl('https://api.example', 'abc', '/v2/orders/7%2F8/products')).toBe(
      'https://api.example/stores/abc/v2/orders/7%2F8/products',
    );
  });

  it('refuse dot segments, which URL parsers resolve however they are encoded', () => {
    for (const seg of ['..', '.', '%2e%2E', '.%2e'])
      expect(() => storeUrl('https://api.example', 'abc', `/v3/catalog/products/${seg}`)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_PARAMETER_VALUE' }),
      );
  });

  it('refuse a store hash learned from a token exchange that is not a plain hash', () => {
    expect(() => storeUrl('https://api.example', 'abc/../evil', '/v3/catalog/products')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PROPERTY_VALUE', property: 'StoreId' }),
    );
  });
});
