/**
 * Builds the absolute URL of a request under /stores/{hash} from segments, so that neither the
 * store hash nor a value filled into a path can add a segment, a query string or a `..` that
 * moves the request (and its X-Auth-Token) to another endpoint.
 */
import { ConnectionStringError, SqlError } from '../errors';
import { isStoreHash } from '../options/properties';

export function storeUrl(apiBaseUrl: string, storeHash: string, path: string): string {
  // The hash may come from a token exchange's `context`, not only from the checked StoreId.
  if (!isStoreHash(storeHash)) {
    throw new ConnectionStringError(
      'ERR_INVALID_PROPERTY_VALUE',
      'StoreId must be a store hash of letters, digits, - and _ only (the abc123 in /stores/abc123/)',
      { property: 'StoreId' },
    );
  }
  const segments = path.split('/').filter((s) => s !== '');
  return `${apiBaseUrl}/stores/${storeHash}/${segments.map(encodeSegment).join('/')}`;
}

/** Re-encodes one path segment: already-encoded values stay as they are, anything raw is encoded. */
function encodeSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  // URL parsers resolve "." and ".." (and %2e forms) however they are written, so they are refused.
  if (decoded === '.' || decoded === '..') {
    throw new SqlError(
      'ERR_INVALID_PARAMETER_VALUE',
      `"${decoded}" cannot be used as a key in an API path; use the record's id`,
    );
  }
  return encodeURIComponent(decoded);
}
