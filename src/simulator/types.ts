/**
 * Contracts between the simulator's server (C1: index, server, oauth, rateLimit, faults) and its
 * store and REST API (C2: store, seed, api). C2 may add fields; nobody renames or removes them.
 *
 * C2 exports:
 *   src/simulator/store.ts  createStore(opts: SimStoreOptions): SimStore
 *   src/simulator/api.ts    handleApi(store: SimStore, req: ApiRequest): ApiReply
 *                           requiredScope(method: string, path: string): { read: string; write: string } | null
 * The server checks store hash, token and scope before calling handleApi, and adds the
 * X-Rate-Limit-* and Content-Type headers itself.
 */

import type { FormPart } from './multipart';

export interface SimStoreOptions {
  seed: number;
  products: number;
  customers: number;
  orders: number;
  storeHash: string;
}

export interface ApiRequest {
  method: string;
  /** The path after /stores/{hash}, without the query string, e.g. /v3/catalog/products. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON request body (undefined when there is none). */
  body: unknown;
  /** The parts of a multipart/form-data body (uploads); body is then undefined. */
  form?: FormPart[];
}

export interface ApiReply {
  status: number;
  /** JSON-serialisable body; undefined = empty body (e.g. v2's 204 past the last page). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the server may call on the store beyond handleApi (the 'mutate' fault). */
export interface SimStoreHooks {
  /** Change the data the way a live store does between two page requests (e.g. insert a product first). */
  mutate?(): void;
}

export type FaultKind =
  '500' | '502' | '503' | 'reset' | '429' | '429-noheaders' | 'slow' | 'malformed' | 'html' | 'mutate';

export interface ScriptedFault {
  /** Request path (after /stores/{hash}, without query) — a RegExp, or a string that must equal it. Omitted = any API request. */
  match?: RegExp | string;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** How many matching requests pass untouched before the fault starts (default 0). */
  skip?: number;
  kind: FaultKind;
  /** Only requests with this method (default: any). */
  method?: string;
  /**
   * Inject the fault after the API handled the request (a write is applied, its reply is lost):
   * '500'/'502'/'503'/'html' replace the reply, 'reset' drops the connection before any status
   * line, 'slow' holds the real reply back slowMs, 'malformed' cuts it. Default: before, so a
   * write faulted with '5xx' or 'reset' is not applied. Not for '429', '429-noheaders', 'mutate'.
   */
  after?: boolean;
}

export interface FaultOptions {
  /** Probability 0..1 that an API GET gets a random fault (seeded PRNG, so runs repeat). */
  rate?: number;
  /** Kinds the random faults draw from (default 500, 502, 503, reset). */
  kinds?: FaultKind[];
  /** 'slow' answers after this many ms (default 2000); set it above the client's Timeout. */
  slowMs?: number;
  /** A '429' fault's X-Rate-Limit-Time-Reset-Ms (X-Retry-After is this in whole seconds, at least 1); default 1000. */
  retryAfterMs?: number;
  /** Seed of the fault PRNG (default: the simulator's seed). */
  seed?: number;
  /** Exact faults, consumed in order: the first `times` requests matching an entry get its fault. */
  script?: ScriptedFault[];
}

export interface RateLimitOptions {
  /** Requests allowed per window per store (BigCommerce Pro: 450, Standard/Plus: 150). */
  quota: number;
  windowMs: number;
}

export interface SimulatorOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  host?: string;
  seed?: number;
  products?: number;
  customers?: number;
  orders?: number;
  /** Default: derived from the seed (8 lowercase letters and digits). */
  storeHash?: string;
  clientId?: string;
  clientSecret?: string;
  /** Sleep before answering each API request (not OAuth). */
  latencyMs?: number;
  /** Default { quota: 450, windowMs: 30000 }; false disables limiting (headers still sent). */
  rateLimit?: RateLimitOptions | false;
  /** Issue access tokens that expire, with refresh tokens (BigCommerce itself does not). */
  expiringTokens?: boolean;
  /** Lifetime of expiring access tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** Lifetime of authorization codes (default 600). */
  codeTtlSeconds?: number;
  faults?: FaultOptions;
  /** Keep the request log (default true); a long-running standalone simulator may turn it off to bound memory. */
  logRequests?: boolean;
}

export interface SimRequestLogEntry {
  method: string;
  /** Full request path without the query string (e.g. /stores/abc/v3/catalog/products or /oauth2/token). */
  path: string;
  /** Query parameters (the last of repeated names wins); code/secret/token values are '[REDACTED]'. */
  query: Record<string, string>;
  /** Bytes of the request target as sent (path and query string), to check URL lengths. */
  targetBytes: number;
  /** The status line sent; 0 when the connection closed before one (client gave up, or a 'reset' of an empty reply). */
  status: number;
  kind: 'api' | 'oauth';
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
  /** The fault came after the API handled the request (a write's reply lost after it was applied). */
  faultAfter?: boolean;
  /** Response body bytes written so far (the whole body once the request is done). */
  bytes?: number;
  /** For POST /oauth2/token: the grant_type sent (authorization_code, refresh_token, …). */
  grantType?: string;
}

export interface IssueTokenOptions {
  /** Space-separated scopes; default: every scope. */
  scope?: string;
  /** Seconds until the token expires; default: never. */
  expiresIn?: number;
}
