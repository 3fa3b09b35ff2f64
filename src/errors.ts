/**
 * The errors the provider reports: BigCommerceSqlError and one subclass per area (connection
 * string, SQL, catalog, API, auth), each with a stable `code` from ErrorCode.
 * Messages name what was wrong and how to fix it; they never contain a secret value.
 * Extra fields are plain data (status, property, position …) — never request configs or
 * headers, which could carry tokens.
 */

/** Every code the provider reports; a new code is added here, so the compiler checks every use. */
export type ErrorCode =
  // Connection strings and properties.
  | 'ERR_CONNECTION_STRING'
  | 'ERR_UNKNOWN_PROPERTY'
  | 'ERR_MISSING_PROPERTY'
  | 'ERR_INVALID_PROPERTY_VALUE'
  | 'ERR_CONNECTION_CLOSED'
  // SQL text, names and parameters.
  | 'ERR_SQL'
  | 'ERR_SQL_SYNTAX'
  | 'ERR_STATEMENT_TOO_COMPLEX'
  | 'ERR_QUERY_TIMEOUT'
  | 'ERR_NOT_SUPPORTED'
  | 'ERR_READ_ONLY'
  | 'ERR_READ_ONLY_TABLE'
  | 'ERR_READ_ONLY_COLUMN'
  | 'ERR_READ_ONLY_CONNECTION'
  | 'ERR_MISSING_COLUMN'
  | 'ERR_UNKNOWN_TABLE'
  | 'ERR_KEY_REQUIRED'
  | 'ERR_UNKNOWN_COLUMN'
  | 'ERR_UNKNOWN_PROCEDURE'
  | 'ERR_UNKNOWN_PARAMETER'
  | 'ERR_MISSING_PARAMETER'
  | 'ERR_EXTRA_PARAMETER'
  | 'ERR_DUPLICATE_PARAMETER'
  | 'ERR_INVALID_PARAMETER_VALUE'
  | 'ERR_INVALID_VALUE'
  | 'ERR_VALUE_OUT_OF_RANGE'
  // Table and procedure definitions.
  | 'ERR_CATALOG'
  | 'ERR_UNKNOWN_HANDLER'
  // The REST API and the network.
  | 'ERR_API'
  | 'ERR_API_BAD_RESPONSE'
  | 'ERR_API_FORBIDDEN'
  | 'ERR_API_INVALID_REQUEST'
  | 'ERR_API_NOT_FOUND'
  | 'ERR_API_RATE_LIMITED'
  | 'ERR_API_UNAUTHORIZED'
  | 'ERR_INCOMPLETE_RESULT'
  | 'ERR_PARTIAL_WRITE'
  | 'ERR_WRITE_OUTCOME_UNKNOWN'
  | 'ERR_NETWORK'
  | 'ERR_TIMEOUT'
  | 'ERR_CANCELLED'
  // OAuth and the token settings file.
  | 'ERR_OAUTH'
  | 'ERR_OAUTH_CALLBACK'
  | 'ERR_OAUTH_CALLBACK_URL'
  | 'ERR_OAUTH_DENIED'
  | 'ERR_OAUTH_LISTEN'
  | 'ERR_OAUTH_NO_TOKEN'
  | 'ERR_OAUTH_TIMEOUT'
  | 'ERR_SETTINGS_FILE'
  | 'ERR_SETTINGS_LOCKED'
  // The programs: bcsql and bcsql serve.
  | 'ERR_BAD_ARGUMENT'
  | 'ERR_UNKNOWN_COMMAND'
  | 'ERR_UNKNOWN_FORMAT'
  | 'ERR_SERVE_LISTEN'
  | 'ERR_SERVE_PASSWORD_REQUIRED'
  | 'ERR_AUTH_FAILED'
  | 'ERR_PROTOCOL'
  | 'ERR_PROTOCOL_BIND'
  // bcsql mcp: its listener and the rules of its tools.
  | 'ERR_MCP_TOKEN_REQUIRED'
  | 'ERR_REQUEST_BUDGET'
  | 'ERR_USE_CALL_PROCEDURE'
  // The replica (REPLICATE, CacheLocation/CacheConnection, AutoCache, Offline).
  | 'ERR_REPLICA_UNAVAILABLE'
  | 'ERR_REPLICA_TABLE'
  | 'ERR_REPLICA_EXCLUDE'
  | 'ERR_REPLICA_TARGET'
  | 'ERR_REPLICA_STORE'
  | 'ERR_OFFLINE'
  | 'ERR_OFFLINE_NOT_REPLICATED'
  // A state the code should never reach.
  | 'ERR_INTERNAL';

export interface ErrorDetails {
  /** Connection property, SQL parameter, column or table the error is about. */
  property?: string;
  /** 1-based character position in the connection string or SQL text. */
  position?: number;
  /** HTTP status of a failed API/OAuth call. */
  status?: number;
  method?: string;
  path?: string;
  [key: string]: unknown;
}

export class BigCommerceSqlError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    for (const [k, v] of Object.entries(details)) {
      if (v !== undefined) (this as Record<string, unknown>)[k] = v;
    }
  }
}

/** Bad connection string or connection property (ERR_CONNECTION_STRING, ERR_UNKNOWN_PROPERTY, …). */
export class ConnectionStringError extends BigCommerceSqlError {}
/** SQL that does not parse or names something that does not exist. */
export class SqlError extends BigCommerceSqlError {}
/** A table or procedure definition file is invalid. */
export class CatalogError extends BigCommerceSqlError {}
/** The BigCommerce REST API answered with an error or could not be reached. */
export class ApiError extends BigCommerceSqlError {}
/**
 * A write some of whose rows BigCommerce applied and some not (ERR_PARTIAL_WRITE), or whose
 * outcome is unknown (ERR_WRITE_OUTCOME_UNKNOWN): `applied` lists the keys written, `failed` the
 * rows refused (with BigCommerce's status and message), `unknown` the rows that may or may not
 * have been written. Rows are numbered from 1 in the statement's order.
 */
export class WriteError extends ApiError {
  declare readonly applied: unknown[];
  declare readonly failed: { row: number; status?: number; message: string }[];
  declare readonly unknown: number[];
}
/** OAuth exchange, token store or InitiateOAuth flow failed. */
export class AuthError extends BigCommerceSqlError {}

/** "did you mean" helper shared by every lookup error. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const target = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(target, c.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(target.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closest(name, candidates);
  return c ? `; did you mean "${c}"?` : '';
}
