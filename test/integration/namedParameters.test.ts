/**
 * One rule for named parameters on every path: a params object may key @id as `id`, `@id`, `ID`
 * or `@Id`, for SELECT (binding and pushdown) and EXEC alike, and two keys with different values
 * for one parameter are refused before any request.
 */
import type { BigCommerceSqlError } from '../../src';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { nullLogger } from '../../src/log';
import { registerArgumentSecrets } from '../../src/procedures/registerArgumentSecrets';
import { parseStatement } from '../../src/sql/parseStatement';
import { findName, lookupNamed, matchingNames } from '../../src/sql/parameters';
import { simSetup, type SimSetup } from './simConnection';

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup({ products: 10, customers: 3, orders: 3 });
});
afterAll(() => s.close());
beforeEach(() => s.sim.resetRequests());

async function failure(p: Promise<unknown>): Promise<BigCommerceSqlError> {
  try {
    await p;
  } catch (e) {
    return e as BigCommerceSqlError;
  }
  throw new Error('expected the statement to fail');
}

describe('the lookup rule', () => {
  it('treats one leading @ and letter case as the same name', () => {
    expect(matchingNames(['id', '@ID', 'Name', '@@id'], '@Id')).toEqual(['id', '@ID']);
    expect(findName(['State', 'Scope'], '@state', 'the parameters')).toBe('State');
  });

  it('finds nothing for a name only the object prototype has', () => {
    expect(lookupNamed({}, 'constructor')).toEqual({ found: false });
    expect(lookupNamed([1, 2], 'id')).toEqual({ found: false });
  });

  it('accepts two keys for one parameter only while they carry the same value', () => {
    expect(lookupNamed({ id: 3, '@ID': 3 }, 'id')).toEqual({ found: true, key: 'id', value: 3 });
    expect(() => lookupNamed({ id: 3, '@id': 4 }, 'id')).toThrow(
      expect.objectContaining({
        code: 'ERR_DUPLICATE_PARAMETER',
        message: expect.stringContaining('"id", "@id"'),
      }),
    );
  });
});

describe('SELECT with @name placeholders', () => {
  it.each([{ id: 3 }, { '@id': 3 }, { ID: 3 }, { '@Id': 3 }])(
    'binds and pushes down @id given as %j',
    async (params) => {
      const r = await s.conn.query('SELECT Id, Name FROM Products WHERE Id = @id', params);
      expect(r.rows.map((row) => row.Id)).toEqual([3]);
      expect(s.apiRequests().map((q) => q.path)).toEqual([
        `/stores/${s.sim.storeHash}/v3/catalog/products/3`,
      ]);
    },
  );

  it('fills @id and @ID in one statement from one key', async () => {
    const r = await s.conn.query('SELECT Id FROM Products WHERE Id = @id AND Id = @ID', { '@Id': 3 });
    expect(r.rows.map((row) => row.Id)).toEqual([3]);
  });

  it('refuses two different values for one placeholder before any request', async () => {
    const err = await failure(s.conn.query('SELECT Id FROM Products WHERE Id = @id', { id: 3, '@id': 4 }));
    expect(err.code).toBe('ERR_DUPLICATE_PARAMETER');
    expect(err.message).toContain('@id');
    expect(s.apiRequests()).toEqual([]);
  });

  it('still says which placeholder has no value', async () => {
    const err = await failure(s.conn.query('SELECT Id FROM Products WHERE Id = @id', { ident: 3 }));
    expect(err.code).toBe('ERR_MISSING_PARAMETER');
    expect(err.message).toContain('@id');
  });
});

describe('EXEC with @name placeholders', () => {
  const exec = 'EXEC GetOAuthAuthorizationURL @CallbackUrl = @cb, @State = @st';
  const cb = 'http://localhost:33333/cb';

  it.each([
    { cb, st: 'x1' },
    { '@cb': cb, '@st': 'x1' },
    { CB: cb, '@ST': 'x1' },
  ])('fills arguments from %j', async (params) => {
    const c = await s.connectWith({ AuthScheme: 'OAuth', OAuthClientId: s.sim.clientId });
    const { rows } = await c.query(exec, params);
    expect(rows[0].State).toBe('x1');
    expect(new URL(rows[0].URL as string).searchParams.get('redirect_uri')).toBe(cb);
  });

  it('refuses two different values for one placeholder, as SELECT does', async () => {
    const c = await s.connectWith({ AuthScheme: 'OAuth', OAuthClientId: s.sim.clientId });
    const err = await failure(c.query(exec, { cb, st: 'a', '@st': 'b' }));
    expect(err.code).toBe('ERR_DUPLICATE_PARAMETER');
    expect(err.message).toContain('@st');
  });

  it('masks every value any key gives a secret parameter, so a refused statement leaks neither', () => {
    const secrets: (string | undefined)[] = [];
    const logger = { ...nullLogger, addSecret: (v: string | undefined) => void secrets.push(v) };
    const stmt = parseStatement("EXEC GetOAuthAccessToken @AuthMode = 'WEB', @Verifier = @v");
    if (stmt.kind !== 'exec') throw new Error('expected an EXEC statement');
    registerArgumentSecrets(loadCatalog(), stmt, logger, {
      v: 'first-code',
      '@V': 'second-code',
      other: 'x',
    });
    expect(secrets).toEqual(['first-code', 'second-code']);
  });
});
