import type { ConnectionOptions } from '../../../src/options/types';
import type { AuthSession } from '../../../src/auth/types';
import type { Logger } from '../../../src/log';
import { BigCommerceClient } from '../../../src/rest/BigCommerceClient';

export const TOKEN = 'tok_a1b2c3d4e5f6_SECRET';

export function makeOptions(overrides: Partial<ConnectionOptions> = {}): ConnectionOptions {
  return {
    AuthScheme: 'OAuth',
    StoreId: 'abc123',
    InitiateOAuth: 'OFF',
    OAuthCallbackTimeout: 120,
    Scope: '',
    ApiBaseURL: 'http://127.0.0.1:1',
    LoginBaseURL: 'http://127.0.0.1:1',
    Timeout: 5,
    Verbosity: 1,
    Pushdown: true,
    MaxConcurrentRequests: 4,
    MaxRetries: 3,
    RetryTimeout: 60,
    MaxFanOut: 1000,
    StagingRowThreshold: 100000,
    AutoCache: false,
    CacheTolerance: 600,
    Offline: false,
    ReadOnly: false,
    ...overrides,
  };
}

export interface FakeAuth extends AuthSession {
  renewCalls: number;
  token: string;
}

/** An AuthSession with a fixed token; `renewTo` is the token a renewal yields (none: renewal fails). */
export function fakeAuth(opts: { token?: string; renewTo?: string; storeHash?: string } = {}): FakeAuth {
  const auth: FakeAuth = {
    renewCalls: 0,
    token: opts.token ?? TOKEN,
    storeHash: () => opts.storeHash ?? 'abc123',
    accessToken: async () => auth.token,
    renewAfterUnauthorized: async () => {
      auth.renewCalls++;
      if (!opts.renewTo) return false;
      auth.token = opts.renewTo;
      return true;
    },
  };
  return auth;
}

export interface MemoryLogger extends Logger {
  /** Every message exactly as the client handed it over, before redaction. */
  messages: { level: number; message: string }[];
}

export function memoryLogger(): MemoryLogger {
  const messages: { level: number; message: string }[] = [];
  return {
    messages,
    log: (level, message) => messages.push({ level, message }),
    addSecret: () => {},
    redact: (t) => t,
  };
}

export function makeClient(
  baseUrl: string,
  overrides: Partial<ConnectionOptions> = {},
  auth: FakeAuth = fakeAuth(),
  logger: Logger = memoryLogger(),
): BigCommerceClient {
  return new BigCommerceClient({ options: makeOptions({ ApiBaseURL: baseUrl, ...overrides }), auth, logger });
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error('expected the promise to reject');
}
