/**
 * BigCommerce's store quota (bigcommerce-docs/api-rate-limits.mdx): each request uses one unit
 * of a per-store quota that refills every window (Pro: 450 per 30 s, Standard/Plus: 150), and
 * every response reports the state in X-Rate-Limit-* headers. Modelled as a fixed window that
 * opens with the first request after the previous one ended.
 */
import type { RateLimitOptions } from './types';

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { quota: 450, windowMs: 30000 };

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export interface RateLimiter {
  /** Counts one request against the store's quota (unless it is already used up). */
  take(storeHash: string): RateLimitDecision;
  /** The current state as headers, without using a unit (for 401s and the like). */
  peek(storeHash: string): Record<string, string>;
  /** New limits (false = unlimited); every window starts afresh. */
  configure(limit: RateLimitOptions | false): void;
}

interface Window {
  start: number;
  used: number;
}

/** With limiting off the headers still appear, as on an unlimited plan, with a quota nobody reaches. */
const UNLIMITED: RateLimitOptions = { quota: 1_000_000_000, windowMs: 30000 };

export function createRateLimiter(
  limit: RateLimitOptions | false,
  now: () => number = Date.now,
): RateLimiter {
  let enabled = limit !== false;
  let current = limit === false ? UNLIMITED : validate(limit);
  const windows = new Map<string, Window>();

  const windowOf = (store: string): Window => {
    const t = now();
    let w = windows.get(store);
    if (!w || t - w.start >= current.windowMs) {
      w = { start: t, used: 0 };
      windows.set(store, w);
    }
    return w;
  };

  const headersOf = (w: Window): Record<string, string> => {
    const resetMs = Math.max(0, w.start + current.windowMs - now());
    return {
      'X-Rate-Limit-Requests-Left': String(Math.max(0, current.quota - w.used)),
      'X-Rate-Limit-Requests-Quota': String(current.quota),
      'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
      'X-Rate-Limit-Time-Window-Ms': String(current.windowMs),
    };
  };

  return {
    take(store) {
      const w = windowOf(store);
      if (enabled && w.used >= current.quota) {
        const headers = headersOf(w);
        // X-Retry-After is in whole seconds; never 0 while the window is still closed.
        headers['X-Retry-After'] = String(
          Math.max(1, Math.ceil(Number(headers['X-Rate-Limit-Time-Reset-Ms']) / 1000)),
        );
        return { allowed: false, headers };
      }
      w.used++;
      return { allowed: true, headers: headersOf(w) };
    },
    peek(store) {
      return headersOf(windowOf(store));
    },
    configure(next) {
      enabled = next !== false;
      current = next === false ? UNLIMITED : validate(next);
      windows.clear();
    },
  };
}

function validate(limit: RateLimitOptions): RateLimitOptions {
  if (!(Number.isInteger(limit.quota) && limit.quota > 0) || !(limit.windowMs > 0)) {
    throw new RangeError(
      `Simulator rateLimit needs a positive integer quota and a positive windowMs (got quota ${limit.quota}, windowMs ${limit.windowMs}); pass false to disable limiting.`,
    );
  }
  return { quota: limit.quota, windowMs: limit.windowMs };
}
