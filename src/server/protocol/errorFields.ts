/**
 * Errors as PostgreSQL ErrorResponse fields: a SQLSTATE clients can act on (JDBC and BI tools
 * branch on the class: 42 syntax/names, 0A not supported, 25 read-only, 57 cancelled, 28 auth,
 * 08 connection) and the provider's message, which already says what was wrong and how to fix
 * it. Errors that are not the provider's are reported without their text, which could carry
 * anything, and logged on the server instead.
 */
import { ApiError, AuthError, BigCommerceSqlError, CatalogError, ConnectionStringError } from '../../errors';
import { errorFields, type NoticeFields } from './backendMessages';

const BY_CODE: Record<string, string> = {
  ERR_SQL_SYNTAX: '42601',
  ERR_STATEMENT_TOO_COMPLEX: '54001',
  ERR_UNKNOWN_TABLE: '42P01',
  ERR_UNKNOWN_PROCEDURE: '42883',
  ERR_UNKNOWN_COLUMN: '42703',
  ERR_NOT_SUPPORTED: '0A000',
  // Listing a lookup-only table is a feature the API lacks.
  ERR_KEY_REQUIRED: '0A000',
  ERR_MISSING_PARAMETER: '07002',
  ERR_UNKNOWN_PARAMETER: '42704',
  ERR_EXTRA_PARAMETER: '07001',
  ERR_DUPLICATE_PARAMETER: '42P08',
  ERR_INVALID_PARAMETER_VALUE: '22023',
  ERR_INVALID_VALUE: '22P02',
  ERR_BAD_ARGUMENT: '22023',
  ERR_CANCELLED: '57014',
  ERR_CANCELED: '57014',
  ERR_TIMEOUT: '57014',
  ERR_QUERY_TIMEOUT: '57014',
  ERR_CONNECTION_CLOSED: '08003',
  ERR_API_RATE_LIMITED: '53400',
  ERR_API_UNAUTHORIZED: '28000',
  ERR_API_FORBIDDEN: '42501',
  ERR_API_NOT_FOUND: '42704',
  ERR_NETWORK: '08006',
  ERR_INCOMPLETE_RESULT: '58030',
};

export function sqlStateOf(err: BigCommerceSqlError): string {
  const explicit = (err as { sqlState?: unknown }).sqlState;
  if (typeof explicit === 'string' && /^[0-9A-Z]{5}$/.test(explicit)) return explicit;
  const byCode = BY_CODE[err.code];
  if (byCode) return byCode;
  if (err instanceof AuthError) return '28000';
  if (err instanceof ConnectionStringError) return '08001';
  if (err instanceof CatalogError) return 'XX000';
  if (err instanceof ApiError) return '58030';
  return '42000';
}

/** ErrorResponse fields for anything thrown while serving a statement. */
export function errorResponseFields(err: unknown, log: (line: string) => void): NoticeFields {
  if (err instanceof BigCommerceSqlError) {
    const pg = (err as { pgFields?: NoticeFields }).pgFields;
    if (pg) return pg; // the catalog engine's own error, position and all
    return errorFields(sqlStateOf(err), err.message);
  }
  log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return errorFields('XX000', 'internal error in bcsql serve (details are in the server log)');
}
