/**
 * Resolved connection properties, keyed by their canonical names from
 * schemas/connection-properties.json (a test keeps the two in step).
 */
export interface ConnectionOptions {
  AuthScheme: 'OAuth' | 'PersonalAccessToken';
  StoreId?: string;
  OAuthAccessToken?: string;
  OAuthClientId?: string;
  OAuthClientSecret?: string;
  CallbackURL?: string;
  InitiateOAuth: 'OFF' | 'GETANDREFRESH' | 'REFRESH';
  OAuthSettingsLocation?: string;
  OAuthVerifier?: string;
  OAuthRefreshToken?: string;
  /** Seconds the access token lives after OAuthTokenTimestamp; -1 or unset = never expires. */
  OAuthExpiresIn?: number;
  /** Unix epoch milliseconds when the access token was issued. */
  OAuthTokenTimestamp?: number;
  /** Seconds to wait for the browser callback in the desktop flow. */
  OAuthCallbackTimeout: number;
  Scope: string;
  ApiBaseURL: string;
  LoginBaseURL: string;
  /** Seconds per HTTP request. */
  Timeout: number;
  /** Seconds SQLite may run one statement; 0 = no limit (unset in hand-built options = 300). */
  QueryTimeout?: number;
  Logfile?: string;
  /** 1–5. */
  Verbosity: number;
  /** When false, every filter runs in SQLite only (for checking pushdown never changes results). */
  Pushdown: boolean;
  /** Maximum HTTP requests in flight per statement (pages and child-table fan-out). */
  MaxConcurrentRequests: number;
  /** Attempts after the first for a retryable GET. */
  MaxRetries: number;
  /** Seconds a single request may spend retrying in total. */
  RetryTimeout: number;
  /** Maximum parent rows a child table fans out over when its parent key is not in WHERE. */
  MaxFanOut: number;
  /** Rows staged in memory before staging moves to a temporary on-disk SQLite file. */
  StagingRowThreshold: number;
  /** SQLite replica file read by AutoCache/Offline and the default REPLICATE target. */
  CacheLocation?: string;
  /** postgres:// URL of a PostgreSQL replica (secret: may hold a password). */
  CacheConnection?: string;
  /** PostgreSQL schema of this store's replica; unset = the store hash. */
  CacheSchema?: string;
  AutoCache: boolean;
  /** Seconds a replicated table counts as fresh for AutoCache. */
  CacheTolerance: number;
  /** Read only the replica; never call the API. */
  Offline: boolean;
  /** Refuse INSERT, UPDATE, DELETE and UPSERT. */
  ReadOnly: boolean;
}

/** Property names in their canonical spelling. */
export type PropertyName = keyof ConnectionOptions;
