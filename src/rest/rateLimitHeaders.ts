/** BigCommerce's X-Rate-Limit-* headers, read case-insensitively (names have changed case over time). */
export interface RateLimitInfo {
  /** Requests left in the current window. */
  left?: number;
  /** Requests allowed per window. */
  quota?: number;
  /** Milliseconds until the current window resets. */
  resetMs?: number;
  /** Window length in milliseconds. */
  windowMs?: number;
  /** X-Retry-After (or Retry-After), converted from seconds to milliseconds. */
  retryAfterMs?: number;
}

export function readRateLimit(headers: Record<string, string> | undefined): RateLimitInfo {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) lower[k.toLowerCase()] = v;
  const num = (name: string): number | undefined => {
    const raw = lower[name];
    if (raw === undefined) return undefined;
    const n = Number(String(raw).split(',')[0].trim());
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const retryAfter = num('x-retry-after') ?? num('retry-after');
  return {
    left: num('x-rate-limit-requests-left'),
    quota: num('x-rate-limit-requests-quota'),
    resetMs: num('x-rate-limit-time-reset-ms'),
    windowMs: num('x-rate-limit-time-window-ms'),
    retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000,
  };
}
