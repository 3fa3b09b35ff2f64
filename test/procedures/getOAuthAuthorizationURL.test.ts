import { runProcedure } from '../../src/engine/runProcedure';
import { toRow, type EngineResult } from '../../src/engine/rowShape';
import { BigCommerceSqlError } from '../../src/errors';
import { exec, lit, makeContext } from './fixtures';

/** The first row of a procedure result, keyed by column name. */
const firstRow = (r: EngineResult) => toRow(r.values[0], r.fields);

const BASE =
  'OAuthClientId=my-client;OAuthClientSecret=s3cret-value;LoginBaseURL=https://login.example.test/';

describe('GetOAuthAuthorizationURL', () => {
  it('builds the authorize URL from the connection: client_id, redirect_uri, response_type, scope, state, context', async () => {
    const ctx = makeContext(
      `${BASE};CallbackURL=http://localhost:33333;StoreId=abc123;Scope=store_v2_orders store_v2_products`,
    );
    const res = await runProcedure(ctx, exec('GetOAuthAuthorizationURL', [['State', lit('xyz')]]));
    const url = new URL(firstRow(res).URL as string);
    expect(`${url.origin}${url.pathname}`).toBe('https://login.example.test/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'my-client',
      redirect_uri: 'http://localhost:33333',
      response_type: 'code',
      scope: 'store_v2_orders store_v2_products',
      state: 'xyz',
      context: 'stores/abc123',
    });
    expect(firstRow(res).State).toBe('xyz');
  });

  it('leaves out context when StoreId is unknown and never puts the client secret in the URL', async () => {
    const res = await runProcedure(
      makeContext(BASE),
      exec('GetOAuthAuthorizationURL', [['CallbackUrl', lit('http://127.0.0.1:9/cb')]]),
    );
    const url = new URL(firstRow(res).URL as string);
    expect(url.searchParams.has('context')).toBe(false);
    expect(firstRow(res).URL).not.toContain('s3cret-value');
  });

  it('generates a different random State each time when none is given, and returns it', async () => {
    const ctx = makeContext(`${BASE};CallbackURL=http://localhost:33333`);
    const a = await runProcedure(ctx, exec('GetOAuthAuthorizationURL', []));
    const b = await runProcedure(ctx, exec('GetOAuthAuthorizationURL', []));
    const stateA = firstRow(a).State as string;
    expect(stateA).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(stateA).not.toBe(firstRow(b).State);
    expect(new URL(firstRow(a).URL as string).searchParams.get('state')).toBe(stateA);
  });

  it('needs OAuthClientId (ERR_MISSING_PROPERTY)', async () => {
    const ctx = makeContext('CallbackURL=http://localhost:33333');
    await expect(runProcedure(ctx, exec('GetOAuthAuthorizationURL', []))).rejects.toMatchObject({
      code: 'ERR_MISSING_PROPERTY',
      property: 'OAuthClientId',
    });
  });

  it('needs a callback URL from the parameter or the connection (ERR_MISSING_PROPERTY)', async () => {
    const err = await runProcedure(makeContext(BASE), exec('GetOAuthAuthorizationURL', [])).catch((e) => e);
    expect(err).toBeInstanceOf(BigCommerceSqlError);
    expect(err.code).toBe('ERR_MISSING_PROPERTY');
    expect(err.message).toContain('CallbackURL');
  });
});
