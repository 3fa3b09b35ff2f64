/**
 * `startSimulator()` — a local BigCommerce (OAuth server + REST API) on 127.0.0.1, exported as
 * `bigcommerce-sql/simulator`. Used by `bcsql --demo`, `bcsql simulate`, integration tests and
 * benchmarks. Everything about it is deterministic for a given seed except the random values of
 * codes and tokens issued at run time.
 */
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { handleApi, requiredScope } from './api';
import { createFaultInjector } from './faults';
import { seededId, seededUuid } from './ids';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from './rateLimit';
import { ALL_SCOPES, parseScope } from './scopes';
import { createSimServer } from './server';
import type { SimContext } from './simContext';
import { createStore, type SimStore } from './store';
import { TokenRegistry } from './TokenRegistry';
import type {
  FaultOptions,
  IssueTokenOptions,
  RateLimitOptions,
  SimRequestLogEntry,
  SimStoreHooks,
  SimulatorOptions,
} from './types';

export type * from './types';
export type { SimStore } from './store';
export { FAULT_KINDS } from './faults';
export { ALL_SCOPES } from './scopes';

export const SIMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  seed: 1,
  products: 200,
  customers: 100,
  orders: 300,
  tokenTtlSeconds: 3600,
  codeTtlSeconds: 600,
} as const;

export interface IssuedTokenSet {
  accessToken: string;
  /** Only for tokens that expire. */
  refreshToken?: string;
  expiresIn?: number;
}

export interface Simulator {
  /** http://127.0.0.1:PORT — the API lives under /stores/{storeHash}/v2|v3/… */
  apiBaseUrl: string;
  /** http://127.0.0.1:PORT — /oauth2/authorize and /oauth2/token */
  loginBaseUrl: string;
  port: number;
  storeHash: string;
  clientId: string;
  clientSecret: string;
  /** Valid for the simulator's lifetime, with every scope, never expires. */
  accessToken: string;
  /** The login page's user (prefilled on the page). */
  demoUser: { email: string; password: string };
  /** Every /stores/* and /oauth2/* request received, in the order their responses began. Cleared in place by resetRequests(). */
  readonly requests: SimRequestLogEntry[];
  resetRequests(): void;
  setLatency(ms: number): void;
  /** New quota and window (false = unlimited); restarts every window. */
  setRateLimit(limit: RateLimitOptions | false): void;
  /** Replaces the fault configuration (undefined = no faults) and restarts its PRNG and script. */
  setFaults(faults: FaultOptions | undefined): void;
  /** The seed data as raw API-shaped records (C2's store). */
  store: SimStore;
  /** A new access token (default: every scope, never expires). */
  issueToken(opts?: IssueTokenOptions): string;
  /** Like issueToken, plus a refresh token when expiresIn is given (for RefreshOAuthAccessToken tests). */
  issueTokens(opts?: IssueTokenOptions): IssuedTokenSet;
  /** Makes an access or refresh token unknown to the server; true if it existed. */
  revokeToken(token: string): boolean;
  /** Stops the server and drops every open connection, including requests still sleeping. */
  close(): Promise<void>;
}

function nonNegative(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
    throw new RangeError(`Simulator option ${name} must be a number of 0 or more (got ${v}).`);
  }
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const seed = opts.seed ?? SIMULATOR_DEFAULTS.seed;
  nonNegative('latencyMs', opts.latencyMs);
  nonNegative('tokenTtlSeconds', opts.tokenTtlSeconds);
  nonNegative('codeTtlSeconds', opts.codeTtlSeconds);
  const storeHash = opts.storeHash ?? seededId('store', seed, 8);
  if (!/^[A-Za-z0-9_-]+$/.test(storeHash)) {
    throw new RangeError(`Simulator storeHash must be letters, digits, '-' or '_' (got "${storeHash}").`);
  }
  const clientId = opts.clientId ?? `sim-client-${seededId('client', seed, 16)}`;
  const clientSecret = opts.clientSecret ?? `sim-secret-${seededId('secret', seed, 32)}`;
  const accessToken = `sim-token-${seededId('token', seed, 24)}`;
  const store = createStore({
    seed,
    storeHash,
    products: opts.products ?? SIMULATOR_DEFAULTS.products,
    customers: opts.customers ?? SIMULATOR_DEFAULTS.customers,
    orders: opts.orders ?? SIMULATOR_DEFAULTS.orders,
  });
  const tokens = new TokenRegistry();
  tokens.addToken(accessToken, ALL_SCOPES);
  const closing = new AbortController();
  // Every request sleeping for latency or a slow fault listens on this signal; there is no fixed bound.
  setMaxListeners(0, closing.signal);
  const requests: SimRequestLogEntry[] = [];
  const ctx: SimContext<SimStore> = {
    storeHash,
    clientId,
    clientSecret,
    user: {
      id: 100000 + (seed % 900000),
      username: 'owner@demo-store.example',
      email: 'owner@demo-store.example',
    },
    password: 'demo-password',
    accountUuid: seededUuid('account', seed),
    store: store as SimStore & SimStoreHooks,
    handleApi,
    requiredScope,
    tokens,
    limiter: createRateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT),
    faults: createFaultInjector(opts.faults, seed),
    latencyMs: opts.latencyMs ?? 0,
    expiringTokens: opts.expiringTokens ?? false,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? SIMULATOR_DEFAULTS.tokenTtlSeconds,
    codeTtlSeconds: opts.codeTtlSeconds ?? SIMULATOR_DEFAULTS.codeTtlSeconds,
    requests,
    logRequests: opts.logRequests ?? true,
    closing: closing.signal,
  };
  const server = createSimServer(ctx as SimContext);
  const host = opts.host ?? SIMULATOR_DEFAULTS.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${urlHost}:${port}`;

  const issueTokens = (o: IssueTokenOptions = {}): IssuedTokenSet => {
    nonNegative('expiresIn', o.expiresIn);
    const scope = o.scope === undefined ? [...ALL_SCOPES] : parseScope(o.scope);
    const issued = tokens.issue(clientId, scope, o.expiresIn);
    return {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresIn: issued.expiresIn,
    };
  };
  let closed: Promise<void> | undefined;

  return {
    apiBaseUrl: baseUrl,
    loginBaseUrl: baseUrl,
    port,
    storeHash,
    clientId,
    clientSecret,
    accessToken,
    demoUser: { email: ctx.user.email, password: ctx.password },
    requests,
    store,
    resetRequests: () => {
      requests.length = 0;
    },
    setLatency: (ms) => {
      nonNegative('latencyMs', ms);
      ctx.latencyMs = ms;
    },
    setRateLimit: (limit) => ctx.limiter.configure(limit),
    setFaults: (faults) => ctx.faults.configure(faults),
    issueToken: (o) => issueTokens(o).accessToken,
    issueTokens,
    revokeToken: (token) => tokens.revoke(token),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
