import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { BigCommerceClient } from '../../src/rest/BigCommerceClient';
import { startServer, v3Page, type ScriptedServer } from './helpers/scriptedServer';
import { TOKEN, fakeAuth, makeClient, makeOptions, memoryLogger, rejectionOf } from './helpers/fixtures';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('401 Unauthorized', () => {
  it('asks the auth session for a new token once and retries the request with it', async () => {
    server = await startServer((req) =>
      req.headers['x-auth-token'] === 'fresh-token-123'
        ? { json: { data: { id: 1 } } }
        : { status: 401, json: { status: 401, title: 'Unauthorized' } },
    );
    const auth = fakeAuth({ renewTo: 'fresh-token-123' });
    const client = makeClient(server.baseUrl, {}, auth);
    const res = await client.request('GET', '/v3/catalog/products/1');
    expect(res.json).toEqual({ data: { id: 1 } });
    expect(auth.renewCalls).toBe(1);
    expect(client.requestCount).toBe(2);
  });

  it('fails with ERR_API_UNAUTHORIZED telling how to fix the token when renewal is not possible', async () => {
    server = await startServer(() => ({ status: 401, json: { status: 401, title: 'Invalid token' } }));
    const auth = fakeAuth();
    const client = makeClient(server.baseUrl, {}, auth);
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: 'ERR_API_UNAUTHORIZED',
      status: 401,
      method: 'GET',
      path: '/v3/catalog/products',
    });
    expect(err.message).toContain('Invalid token');
    expect(err.message).toContain(
      'check OAuthAccessToken and StoreId (or run GetOAuthAccessToken / use InitiateOAuth=GETANDREFRESH)',
    );
    expect(auth.renewCalls).toBe(1);
    expect(client.requestCount).toBe(1);
  });

  it('tells how to get a new token in the words of the auth session (which knows InitiateOAuth) when it has some', async () => {
    server = await startServer(() => ({ status: 401, json: { status: 401, title: 'Invalid token' } }));
    const auth = fakeAuth();
    auth.unauthorizedHint = () => 'delete /tmp/OAuthSettings.txt and connect with OAuthVerifier';
    const err = await rejectionOf(
      makeClient(server.baseUrl, {}, auth).request('GET', '/v3/catalog/products'),
    );
    expect(err).toMatchObject({ code: 'ERR_API_UNAUTHORIZED', status: 401 });
    expect(err.message).toBe(
      'BigCommerce rejected the access token for GET /v3/catalog/products (401 Unauthorized: Invalid token): ' +
        'delete /tmp/OAuthSettings.txt and connect with OAuthVerifier',
    );
    expect(err).not.toHaveProperty('unauthorizedHint');
  });

  it('does not renew twice when the renewed token is refused as well', async () => {
    server = await startServer(() => ({ status: 401, json: { status: 401, title: 'Unauthorized' } }));
    const auth = fakeAuth({ renewTo: 'still-bad-token' });
    const client = makeClient(server.baseUrl, {}, auth);
    expect((await rejectionOf(client.request('GET', '/v3/catalog/products'))).code).toBe(
      'ERR_API_UNAUTHORIZED',
    );
    expect(auth.renewCalls).toBe(1);
    expect(client.requestCount).toBe(2);
  });
});

describe('other client errors', () => {
  it('turns a 403 into ERR_API_FORBIDDEN naming the scope the table needs', async () => {
    server = await startServer(() => ({
      status: 403,
      json: { status: 403, title: "You don't have a required scope to access the endpoint", type: 'x' },
    }));
    const err = await rejectionOf(
      makeClient(server.baseUrl).list({
        path: '/v3/customers',
        pagination: 'v3',
        records: 'data',
        pageSize: 50,
        query: {},
        table: 'Customers',
        scope: 'store_v2_customers_read_only',
      }),
    );
    expect(err).toMatchObject({ code: 'ERR_API_FORBIDDEN', status: 403, path: '/v3/customers' });
    expect(err.message).toContain('store_v2_customers_read_only');
    expect(err.message).toContain('Customers');
    expect(err.message).toContain("You don't have a required scope");
  });

  it('turns a 404 into ERR_API_NOT_FOUND, or an empty answer when allow404 is set', async () => {
    server = await startServer(() => ({
      status: 404,
      json: { status: 404, title: 'The requested product was not found' },
    }));
    const client = makeClient(server.baseUrl);
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products/999'));
    expect(err).toMatchObject({ code: 'ERR_API_NOT_FOUND', status: 404, path: '/v3/catalog/products/999' });
    expect(err.message).toContain('The requested product was not found');
    const res = await client.request('GET', '/v3/catalog/products/999', { allow404: true });
    expect(res).toMatchObject({ status: 404, json: undefined });
  });

  it('turns a 422 into ERR_API_INVALID_REQUEST with the title and the field errors', async () => {
    server = await startServer(() => ({
      status: 422,
      json: {
        status: 422,
        title: 'JSON data is missing or invalid',
        type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
        errors: { price: 'price must be a number', name: 'name is required' },
      },
    }));
    const client = makeClient(server.baseUrl);
    const err = await rejectionOf(client.request('POST', '/v3/catalog/products', { body: { name: '' } }));
    expect(err).toMatchObject({ code: 'ERR_API_INVALID_REQUEST', status: 422, method: 'POST' });
    expect(err.message).toContain('JSON data is missing or invalid');
    expect(err.message).toContain('price: price must be a number');
    expect(err.message).toContain('name: name is required');
    expect(client.requestCount).toBe(1);
  });

  it('reads the message of a v2 error array', async () => {
    server = await startServer(() => ({
      status: 400,
      json: [{ status: 400, message: 'The field min_date_created is invalid.' }],
    }));
    const err = await rejectionOf(makeClient(server.baseUrl).request('GET', '/v2/orders'));
    expect(err.code).toBe('ERR_API_INVALID_REQUEST');
    expect(err.message).toContain('The field min_date_created is invalid.');
  });

  it('reports an unexpected status as ERR_API with status, method, path and title', async () => {
    server = await startServer(() => ({
      status: 409,
      json: { status: 409, title: 'Conflict: sku already exists' },
    }));
    const err = await rejectionOf(
      makeClient(server.baseUrl).request('PUT', '/v3/catalog/products/5', { body: {} }),
    );
    expect(err).toMatchObject({
      code: 'ERR_API',
      status: 409,
      method: 'PUT',
      path: '/v3/catalog/products/5',
    });
    expect(err.message).toBe(
      'PUT /v3/catalog/products/5 failed with 409 Conflict: Conflict: sku already exists',
    );
  });
});

describe('secrets', () => {
  const echoing = () =>
    startServer((req) => ({
      status: 500,
      // A misbehaving proxy that echoes the request header back.
      json: { status: 500, title: `upstream failed for token ${String(req.headers['x-auth-token'])}` },
    }));

  it('never puts the token in a thrown error, its message or its fields', async () => {
    server = await echoing();
    const err = await rejectionOf(
      makeClient(server.baseUrl, { MaxRetries: 1 }).request('GET', '/v3/catalog/products'),
    );
    expect(err.code).toBe('ERR_API');
    expect(err.message).toContain('[REDACTED]');
    expect(err.message).not.toContain(TOKEN);
    expect(JSON.stringify(err)).not.toContain(TOKEN);
    expect(String(err.stack)).not.toContain(TOKEN);
  });

  it('never puts the token in an incomplete-result error', async () => {
    server = await startServer((req) => {
      const page = Number(req.query.page);
      if (page === 2)
        return { status: 400, json: { status: 400, title: `bad ${String(req.headers['x-auth-token'])}` } };
      return v3Page([1, 2], page, 2, 6);
    });
    const err = await rejectionOf(
      makeClient(server.baseUrl).list({
        path: '/v3/x',
        records: 'data',
        pagination: 'v3',
        pageSize: 2,
        query: {},
        table: 'X',
      }),
    );
    expect(err.code).toBe('ERR_INCOMPLETE_RESULT');
    expect(err.message + JSON.stringify(err)).not.toContain(TOKEN);
  });

  it('never writes the token to the log, even at Verbosity 5 with bodies that echo it', async () => {
    server = await echoing();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-rest-'));
    const logfile = path.join(dir, 'log.txt');
    const logger = createLogger({ logfile, verbosity: 5 });
    const client = new BigCommerceClient({
      options: makeOptions({ ApiBaseURL: server.baseUrl, Verbosity: 5, MaxRetries: 1 }),
      auth: fakeAuth(),
      logger,
    });
    await rejectionOf(client.request('GET', '/v3/catalog/products', { query: { name: 'x' } }));
    const log = fs.readFileSync(logfile, 'utf8');
    expect(log).toContain('GET /v3/catalog/products?name=x 500');
    expect(log).toContain('response body');
    expect(log).not.toContain(TOKEN);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never hands the token to the logger in its own lines', async () => {
    server = await startServer(() => v3Page([1], 1, 10, 1));
    const logger = memoryLogger();
    await makeClient(server.baseUrl, { Verbosity: 5 }, fakeAuth(), logger).request(
      'GET',
      '/v3/catalog/products',
    );
    expect(logger.messages.length).toBeGreaterThan(0);
    expect(logger.messages.map((m) => m.message).join('\n')).not.toContain(TOKEN);
  });
});

describe('logging', () => {
  it('logs method, path, status and time at level 2 without the query string', async () => {
    server = await startServer(() => v3Page([1], 1, 10, 1));
    const logger = memoryLogger();
    await makeClient(server.baseUrl, { Verbosity: 2 }, fakeAuth(), logger).request(
      'GET',
      '/v3/catalog/products',
      {
        query: { 'id:in': '1,2' },
      },
    );
    expect(logger.messages).toEqual([
      { level: 2, message: expect.stringMatching(/^GET \/v3\/catalog\/products 200 \d+ms$/) },
    ]);
  });

  it('adds the query string at level 4', async () => {
    server = await startServer(() => v3Page([1], 1, 10, 1));
    const logger = memoryLogger();
    await makeClient(server.baseUrl, { Verbosity: 4 }, fakeAuth(), logger).request(
      'GET',
      '/v3/catalog/products',
      {
        query: { 'id:in': '1,2' },
      },
    );
    expect(logger.messages).toEqual([
      { level: 4, message: expect.stringMatching(/^GET \/v3\/catalog\/products\?id:in=1,2 200 \d+ms$/) },
    ]);
  });
});
