/**
 * The REST layer's view of the connection properties it uses. Fallbacks mirror the defaults in
 * schemas/connection-properties.json so a hand-built ConnectionOptions (tests, scripts) still works.
 */
import type { ConnectionOptions } from '../options/types';

export const REST_DEFAULTS = {
  Timeout: 60,
  MaxConcurrentRequests: 8,
  MaxRetries: 5,
  RetryTimeout: 120,
  Verbosity: 1,
} as const;

/** Base delay of the exponential backoff after a 5xx, a network error, a timeout or a bad body. */
export const RETRY_BASE_MS = 200;
/** Base delay after a 429 that carries no rate-limit headers. */
export const RATE_LIMIT_BASE_MS = 250;
export const BACKOFF_CAP_MS = 30_000;

export interface ClientSettings {
  /** ApiBaseURL without a trailing slash. */
  apiBaseUrl: string;
  /** 0 = no timeout (Timeout=0 waits forever). */
  timeoutMs: number;
  maxConcurrent: number;
  maxRetries: number;
  /** Infinity when RetryTimeout is 0. */
  retryTimeoutMs: number;
  verbosity: number;
}

export function clientSettings(options: ConnectionOptions): ClientSettings {
  const num = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
  const retryTimeout = num(options.RetryTimeout, REST_DEFAULTS.RetryTimeout);
  return {
    apiBaseUrl: String(options.ApiBaseURL ?? 'https://api.bigcommerce.com').replace(/\/+$/, ''),
    timeoutMs: Math.round(num(options.Timeout, REST_DEFAULTS.Timeout) * 1000),
    maxConcurrent: Math.max(
      1,
      Math.floor(num(options.MaxConcurrentRequests, REST_DEFAULTS.MaxConcurrentRequests)),
    ),
    maxRetries: Math.floor(num(options.MaxRetries, REST_DEFAULTS.MaxRetries)),
    retryTimeoutMs: retryTimeout === 0 ? Infinity : retryTimeout * 1000,
    verbosity: num(options.Verbosity, REST_DEFAULTS.Verbosity),
  };
}
