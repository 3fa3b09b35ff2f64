/** Hand-built procedure definitions and execution contexts for unit tests (no catalog files, no network). */
import type { AuthSession } from '../../src/auth/types';
import type { Catalog, ProcedureDef, ProcedureResultColumn } from '../../src/catalog/types';
import { resolveOptions } from '../../src/options/resolveOptions';
import type { ExecutionContext } from '../../src/engine/context';
import { nullLogger, type Logger } from '../../src/log';
import type { RestClient } from '../../src/rest/types';
import type { Operand, ProcArg, ExecStatement } from '../../src/sql/types';

const col = (name: string, type: ProcedureResultColumn['type'] = 'string'): ProcedureResultColumn => ({
  name,
  type,
  description: name,
});
const tokenColumns = [
  col('OAuthAccessToken'),
  col('OAuthRefreshToken'),
  col('ExpiresIn', 'integer'),
  col('StoreId'),
  col('Scope'),
  col('AccountUuid'),
  col('UserEmail'),
];

export const authorizationUrlDef: ProcedureDef = {
  name: 'GetOAuthAuthorizationURL',
  description: 'authorization URL',
  parameters: {
    type: 'object',
    properties: {
      CallbackUrl: { type: 'string', description: 'redirect URI' },
      Scope: { type: 'string', description: 'scopes' },
      State: { type: 'string', description: 'state' },
    },
    additionalProperties: false,
  },
  result: [col('URL'), col('State')],
  handler: 'getOAuthAuthorizationURL',
};

export const accessTokenDef: ProcedureDef = {
  name: 'GetOAuthAccessToken',
  description: 'exchange',
  parameters: {
    type: 'object',
    properties: {
      AuthMode: { type: 'string', enum: ['APP', 'WEB'], default: 'APP', description: 'APP or WEB' },
      Scope: { type: 'string', description: 'scopes' },
      CallbackUrl: { type: 'string', description: 'redirect URI' },
      Verifier: { type: 'string', writeOnly: true, description: 'the code' },
      State: { type: 'string', description: 'state' },
    },
    additionalProperties: false,
  },
  result: tokenColumns,
  handler: 'getOAuthAccessToken',
};

export const refreshDef: ProcedureDef = {
  name: 'RefreshOAuthAccessToken',
  description: 'refresh',
  parameters: {
    type: 'object',
    properties: { OAuthRefreshToken: { type: 'string', writeOnly: true, description: 'refresh token' } },
    additionalProperties: false,
  },
  result: tokenColumns,
  handler: 'refreshOAuthAccessToken',
};

/** Exercises what the real procedures lack: a required parameter, an integer, a secret with a pattern. */
export const strictDef: ProcedureDef = {
  name: 'StrictProc',
  description: 'test only',
  parameters: {
    type: 'object',
    properties: {
      Name: { type: 'string', description: 'a name' },
      Count: { type: 'integer', minimum: 1, description: 'a count' },
      Pin: { type: 'string', writeOnly: true, pattern: '^[0-9]{4}$', description: 'a secret pin' },
      Mode: { type: 'string', enum: ['Fast', 'Slow'], description: 'a mode' },
    },
    required: ['Name'],
    additionalProperties: false,
  },
  result: [col('URL'), col('State')],
  handler: 'getOAuthAuthorizationURL',
};

export function fakeCatalog(procedures: ProcedureDef[]): Catalog {
  return {
    tables: [],
    procedures,
    findTable: () => undefined,
    findProcedure: (n) => procedures.find((p) => p.name.toLowerCase() === n.toLowerCase()),
  };
}

const noClient: RestClient = {
  request: () => Promise.reject(new Error('no API calls in unit tests')),
  list: () => Promise.reject(new Error('no API calls in unit tests')),
  count: () => Promise.reject(new Error('no API calls in unit tests')),
  requestCount: 0,
};

export function fakeAuth(): AuthSession {
  return {
    storeHash: () => 'abc123',
    accessToken: async () => 'unused',
    renewAfterUnauthorized: async () => false,
  };
}

export function makeContext(
  connectionString: string,
  opts: { procedures?: ProcedureDef[]; auth?: AuthSession; logger?: Logger } = {},
): ExecutionContext {
  return {
    options: resolveOptions(connectionString, {}),
    catalog: fakeCatalog(opts.procedures ?? [authorizationUrlDef, accessTokenDef, refreshDef, strictDef]),
    logger: opts.logger ?? nullLogger,
    auth: opts.auth ?? fakeAuth(),
    client: noClient,
    warnings: [],
    oauthRequests: { count: 0 },
  };
}

export const lit = (value: string | number | boolean | null): Operand => ({ kind: 'literal', value });

export function exec(procedure: string, args: [string | null, Operand][]): ExecStatement {
  const procArgs: ProcArg[] = args.map(([name, value], i) => ({ name, value, position: 10 + i * 10 }));
  return { kind: 'exec', procedure, args: procArgs, text: `EXEC ${procedure} …` };
}
