import { runProcedure } from '../../src/engine/runProcedure';
import { toRow, type EngineResult } from '../../src/engine/rowShape';
import { BigCommerceSqlError } from '../../src/errors';
import { validateArguments } from '../../src/procedures/validateArguments';
import type { ProcedureDef } from '../../src/catalog/types';
import { accessTokenDef, exec, lit, makeContext, strictDef, authorizationUrlDef } from './fixtures';

/** The first row of a procedure result, keyed by column name. */
const firstRow = (r: EngineResult) => toRow(r.values[0], r.fields);

const SECRET = 'client-secret-XYZ-123';
const CONN = `OAuthClientId=cid;OAuthClientSecret=${SECRET};CallbackURL=http://localhost:33333;LoginBaseURL=http://127.0.0.1:1`;

async function failure(p: Promise<unknown>): Promise<BigCommerceSqlError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BigCommerceSqlError);
    return err as BigCommerceSqlError;
  }
  throw new Error('expected the call to fail');
}

function expectNoSecret(err: unknown, ...secrets: string[]) {
  const e = err as Error;
  for (const s of [SECRET, ...secrets]) {
    expect(e.message).not.toContain(s);
    expect(JSON.stringify(err)).not.toContain(s);
  }
}

describe('runProcedure: finding the procedure', () => {
  it('finds a procedure whatever the case of its name', async () => {
    const ctx = makeContext(CONN);
    const res = await runProcedure(ctx, exec('getoauthauthorizationurl', [['State', lit('s1')]]));
    expect(res.command).toBe('EXEC');
    expect(firstRow(res).State).toBe('s1');
  });

  it('rejects an unknown procedure with ERR_UNKNOWN_PROCEDURE, listing those that exist and a suggestion', async () => {
    const err = await failure(runProcedure(makeContext(CONN), exec('GetOAuthAccesToken', [])));
    expect(err.code).toBe('ERR_UNKNOWN_PROCEDURE');
    expect(err.message).toContain('did you mean "GetOAuthAccessToken"');
    expect(err.message).toContain('GetOAuthAuthorizationURL, RefreshOAuthAccessToken');
  });

  it('reports ERR_UNKNOWN_HANDLER when a definition names a handler the registry lacks', async () => {
    const broken: ProcedureDef = { ...authorizationUrlDef, name: 'Broken', handler: 'require("fs")' };
    const err = await failure(runProcedure(makeContext(CONN, { procedures: [broken] }), exec('Broken', [])));
    expect(err.code).toBe('ERR_UNKNOWN_HANDLER');
  });
});

describe('runProcedure: mapping arguments', () => {
  it('matches named arguments case-insensitively, with or without @', async () => {
    const ctx = makeContext(CONN);
    const res = await runProcedure(
      ctx,
      exec('GetOAuthAuthorizationURL', [
        ['@callbackurl', lit('http://localhost:4444/cb')],
        ['STATE', lit('abc')],
      ]),
    );
    const url = new URL(firstRow(res).URL as string);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:4444/cb');
    expect(url.searchParams.get('state')).toBe('abc');
  });

  it('maps positional arguments in the order of the schema properties', async () => {
    const res = await runProcedure(
      makeContext(CONN),
      exec('GetOAuthAuthorizationURL', [
        [null, lit('http://localhost:5555')],
        [null, lit('store_v2_products')],
        [null, lit('st8')],
      ]),
    );
    const url = new URL(firstRow(res).URL as string);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:5555');
    expect(url.searchParams.get('scope')).toBe('store_v2_products');
    expect(url.searchParams.get('state')).toBe('st8');
  });

  it('rejects an unknown parameter with ERR_UNKNOWN_PARAMETER, listing the valid ones, without echoing other values', async () => {
    const err = await failure(
      runProcedure(
        makeContext(CONN),
        exec('GetOAuthAccessToken', [
          ['Verifier', lit('the-code-999')],
          ['CallbakUrl', lit('x')],
        ]),
      ),
    );
    expect(err.code).toBe('ERR_UNKNOWN_PARAMETER');
    expect(err.message).toContain('did you mean "CallbackUrl"');
    expect(err.message).toContain('AuthMode, Scope, CallbackUrl, Verifier, State');
    expect((err as unknown as { position: number }).position).toBe(20);
    expectNoSecret(err, 'the-code-999');
  });

  it('rejects more positional arguments than the procedure has parameters', async () => {
    const args: [null, ReturnType<typeof lit>][] = [1, 2, 3, 4].map(() => [null, lit('x')]);
    const err = await failure(runProcedure(makeContext(CONN), exec('GetOAuthAuthorizationURL', args)));
    expect(err.code).toBe('ERR_UNKNOWN_PARAMETER');
    expect(err.message).toContain('at most 3 parameters');
  });

  it('rejects a parameter given twice with ERR_DUPLICATE_PARAMETER', async () => {
    const err = await failure(
      runProcedure(
        makeContext(CONN),
        exec('GetOAuthAuthorizationURL', [
          [null, lit('http://a')],
          ['callbackurl', lit('http://b')],
        ]),
      ),
    );
    expect(err.code).toBe('ERR_DUPLICATE_PARAMETER');
  });

  it('fills ? placeholders from an array by position', async () => {
    const res = await runProcedure(
      makeContext(CONN),
      exec('GetOAuthAuthorizationURL', [
        ['Scope', { kind: 'param', index: 1 }],
        ['State', { kind: 'param', index: 0 }],
      ]),
      ['from-array', 'store_v2_orders'],
    );
    expect(firstRow(res).State).toBe('from-array');
    expect(new URL(firstRow(res).URL as string).searchParams.get('scope')).toBe('store_v2_orders');
  });

  it('fills @name placeholders from an object, matching names case-insensitively', async () => {
    const res = await runProcedure(
      makeContext(CONN),
      exec('GetOAuthAuthorizationURL', [['State', { kind: 'named', name: 'MyState' }]]),
      { mystate: 'named-value' },
    );
    expect(firstRow(res).State).toBe('named-value');
  });

  it('names the ? placeholder that has no value (ERR_MISSING_PARAMETER)', async () => {
    const err = await failure(
      runProcedure(
        makeContext(CONN),
        exec('GetOAuthAuthorizationURL', [['State', { kind: 'param', index: 1 }]]),
        ['only-one'],
      ),
    );
    expect(err.code).toBe('ERR_MISSING_PARAMETER');
    expect(err.message).toContain('? number 2');
  });

  it('names the @name placeholder that has no value (ERR_MISSING_PARAMETER)', async () => {
    const err = await failure(
      runProcedure(
        makeContext(CONN),
        exec('GetOAuthAuthorizationURL', [['State', { kind: 'named', name: 'st' }]]),
        {
          other: 1,
        },
      ),
    );
    expect(err.code).toBe('ERR_MISSING_PARAMETER');
    expect(err.message).toContain('@st');
  });
});

describe('runProcedure: validating arguments', () => {
  it.each([
    ['missing', []],
    ['blank', [['Name', lit('   ')]]],
    ['NULL', [['Name', lit(null)]]],
  ] as const)('rejects a %s required parameter with ERR_MISSING_PARAMETER', async (_how, args) => {
    const ctx = makeContext(CONN);
    const err = await failure(runProcedure(ctx, exec('StrictProc', args as never)));
    expect(err.code).toBe('ERR_MISSING_PARAMETER');
    expect(err.message).toContain('Name');
    expect(ctx.oauthRequests.count).toBe(0);
  });

  it('rejects WEB mode without a Verifier with ERR_MISSING_PARAMETER before any HTTP request', async () => {
    const ctx = makeContext(CONN);
    const err = await failure(runProcedure(ctx, exec('GetOAuthAccessToken', [['AuthMode', lit('web')]])));
    expect(err.code).toBe('ERR_MISSING_PARAMETER');
    expect((err as unknown as { property: string }).property).toBe('Verifier');
    expect(ctx.oauthRequests.count).toBe(0);
  });

  it('rejects a value outside the allowed set with ERR_INVALID_PARAMETER_VALUE listing the allowed values', async () => {
    const err = await failure(
      runProcedure(makeContext(CONN), exec('GetOAuthAccessToken', [['AuthMode', lit('DESKTOP')]])),
    );
    expect(err.code).toBe('ERR_INVALID_PARAMETER_VALUE');
    expect(err.message).toContain('AuthMode must be one of APP, WEB');
  });

  it('never echoes the value of a writeOnly parameter it rejects', async () => {
    const err = await failure(
      runProcedure(
        makeContext(CONN),
        exec('StrictProc', [
          ['Name', lit('n')],
          ['Pin', lit('98765-secret-pin')],
        ]),
      ),
    );
    expect(err.code).toBe('ERR_INVALID_PARAMETER_VALUE');
    expect(err.message).toContain('Pin');
    expectNoSecret(err, '98765-secret-pin');
  });

  it('rejects a non-integer for an integer parameter and names it', async () => {
    const err = await failure(
      runProcedure(
        makeContext(CONN),
        exec('StrictProc', [
          ['Name', lit('n')],
          ['Count', lit('many')],
        ]),
      ),
    );
    expect(err.code).toBe('ERR_INVALID_PARAMETER_VALUE');
    expect(err.message).toContain('Count');
  });

  it('normalises enum values to their canonical spelling and fills defaults', () => {
    expect(validateArguments(accessTokenDef, { AuthMode: 'web' })).toEqual({ AuthMode: 'WEB' });
    expect(validateArguments(accessTokenDef, {})).toEqual({ AuthMode: 'APP' });
    expect(validateArguments(strictDef, { Name: 'x', Count: '5', Mode: 'SLOW' })).toEqual({
      Name: 'x',
      Count: 5,
      Mode: 'Slow',
    });
  });

  it('treats a blank optional parameter as not given', () => {
    expect(validateArguments(accessTokenDef, { Scope: '  ', AuthMode: '' })).toEqual({ AuthMode: 'APP' });
  });
});

describe('runProcedure: results', () => {
  it('returns the declared result columns as fields, in order, with the request count', async () => {
    const res = await runProcedure(
      makeContext(CONN),
      exec('GetOAuthAuthorizationURL', [['State', lit('s')]]),
    );
    expect(res.fields).toEqual([
      { name: 'URL', dataType: 'string' },
      { name: 'State', dataType: 'string' },
    ]);
    expect(Object.keys(firstRow(res))).toEqual(['URL', 'State']);
    expect(res.values[0]).toHaveLength(2);
    expect(res.values.length).toBe(1);
    expect(res.requestCount).toBe(0);
  });
});
