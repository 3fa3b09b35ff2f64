import type { ProgressEvent } from '../types';

/**
 * How the REST layer gets and renews the token. Declared here, below src/auth, so the REST client
 * needs nothing of auth; auth's sessions implement it.
 */
export interface TokenSource {
  /** Store hash the API calls go to (StoreId, or the one learned from a token exchange). */
  storeHash(): string;
  /** The access token to send as X-Auth-Token; runs InitiateOAuth work on first use if needed. */
  accessToken(signal?: AbortSignal): Promise<string>;
  /**
   * Called when the API answered 401. Returns true when a new token was obtained and the request
   * may be retried once (InitiateOAuth=GETANDREFRESH); false means fail with ERR_API_UNAUTHORIZED.
   * `rejectedToken` (optional) is the token the failed request sent: when another request has
   * already renewed it, the session answers true at once instead of signing in again.
   */
  renewAfterUnauthorized(signal?: AbortSignal, rejectedToken?: string): Promise<boolean>;
  /** One sentence on how to get a new token, for ERR_API_UNAUTHORIZED messages. */
  unauthorizedHint?(): string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  signal?: AbortSignal;
  /** OAuth scope the request needs, named in the ERR_API_FORBIDDEN message of a 403. */
  scope?: string;
  /** Table the request serves, named in error messages. */
  table?: string;
  /** A PUT or DELETE retried after a timeout or 5xx like a GET (see sendRequest.ts). */
  idempotent?: boolean;
}

/** A list endpoint to read page by page. */
export interface ListSpec {
  /** Path under /stores/{hash}, parent placeholders already filled in (`/v2/orders/7/products`). */
  path: string;
  /** Property holding records (`data`); absent for v2 bare arrays. */
  records?: string;
  pagination: 'v3' | 'v2' | 'cursor' | 'none';
  pageSize: number;
  /** Filters and fixed parameters. */
  query: Record<string, string | number | boolean>;
  /** v2 count endpoint, used to plan concurrent v2 paging. */
  countPath?: string;
  /** Stop after this many records (LIMIT pushdown). */
  limit?: number;
  /** For progress events and error messages. */
  table: string;
  /** Primary-key fields of a record, to drop duplicates when the data moves during a scan. */
  keyOf?: (record: Record<string, unknown>) => string;
  /** OAuth scope the endpoint needs (`store_v2_products_read_only`), named when the API answers 403. */
  scope?: string;
  /** A 404 on the first request means "no rows" (a child list under a parent that does not exist). */
  allow404?: boolean;
}

export interface ListResult {
  records: Record<string, unknown>[];
  warnings: string[];
}

/** What the engine and procedures need from the REST layer (src/rest/BigCommerceClient.ts). */
export interface RestClient {
  /** One request under /stores/{hash}; throws ApiError for any non-2xx except 404 when `allow404` (then json is undefined). */
  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts?: RequestOptions & { allow404?: boolean },
  ): Promise<ApiResponse>;
  /** Every record of a list (or up to `limit`), fetching pages concurrently within MaxConcurrentRequests. */
  list(
    spec: ListSpec,
    opts?: {
      signal?: AbortSignal;
      onProgress?: (p: ProgressEvent) => void;
      /**
       * Optional (added by the engine for bounded-memory staging): when given, the client may hand
       * each page's records over as they arrive instead of collecting them; records handed over
       * must then not also appear in ListResult.records. A client that ignores it returns every
       * record in ListResult.records as usual.
       */
      onRecords?: (records: Record<string, unknown>[]) => void;
    },
  ): Promise<ListResult>;
  /** Total records matching `spec.query`: v3 `meta.pagination.total` with limit=1, v2 `countPath`. One request. */
  count(spec: ListSpec, opts?: { signal?: AbortSignal }): Promise<number>;
  /** Requests sent so far (every attempt counts). */
  readonly requestCount: number;
}
