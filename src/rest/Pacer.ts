/**
 * Keeps one store's requests inside its rate-limit window. BigCommerce gives each store a quota of
 * requests per window (150 or 450 per 30 s) shared by every app, reported on every response in
 * X-Rate-Limit-* headers. One Pacer per store (ApiBaseURL + store hash) is shared by every client in
 * the process, so parallel connections do not each believe they own the whole quota.
 *
 * Budget estimate: a response to the request that was the n-th one we sent, saying L requests are
 * left, means roughly L − (requests sent after it) remain now. Keeping `budgetBase = L + n` makes
 * the estimate `budgetBase − sent`, and taking the minimum over responses of the same window absorbs
 * responses that arrive out of order. When the estimated window end passes, one probe request goes
 * out and its answer tells how much of the new window is there to spend.
 *
 * Spending: requests go out at once while plenty are left; the last `lowWater` of a window are
 * spread evenly over the time left, and when none are left new requests wait for the reset. A scan
 * therefore runs at the quota's pace (about pages ÷ quota × window) without 429s, and other apps
 * sharing the store are not starved by a burst that empties the window.
 */
import { readRateLimit } from './rateLimitHeaders';
import { sleep } from './sleep';
import { backoffDelay } from './backoff';
import { BACKOFF_CAP_MS, RATE_LIMIT_BASE_MS } from './defaults';

export interface PacerStats {
  /** Requests that had to wait for the pacer. */
  waits: number;
  /** Milliseconds spent waiting, summed over requests. */
  totalWaitMs: number;
  /** 429 responses seen for this store. */
  tooManyRequests: number;
}

const DEFAULT_WINDOW_MS = 30_000;
/** The last 10% of a window's quota (at least 5 requests) is spread instead of sent at once. */
const LOW_WATER_FRACTION = 0.1;
const MIN_LOW_WATER = 5;
/** Our reset estimate comes from arrival time, so it is already late; a little slack covers timer drift. */
const RESET_SLACK_MS = 10;

/** Sleeps at least this long are reported to the progress hook even when the request already waited. */
const LONG_WAIT_MS = 1000;

const pacers = new Map<string, Pacer>();

export class Pacer {
  /** The process-wide pacer of one store. */
  static forStore(key: string): Pacer {
    let pacer = pacers.get(key);
    if (!pacer) {
      pacer = new Pacer();
      pacers.set(key, pacer);
    }
    return pacer;
  }

  #sent = 0;
  #quota?: number;
  #windowMs?: number;
  /** Local time the current window ends; 0 until a response reported rate-limit headers. */
  #resetAt = 0;
  /** Estimated requests left now = budgetBase − sent. */
  #budgetBase = Infinity;
  /** We assumed a new window on our own clock; responses from the old window are then stale. */
  #provisional = false;
  #previousResetAt = 0;
  /** Requests sent before the last roll-over; later ones are probes of the new window. */
  #rolloverSeq = 0;
  #nextSpreadAt = 0;
  /** After a 429 nobody sends until this time. */
  #blockedUntil = 0;
  readonly #counters: PacerStats = { waits: 0, totalWaitMs: 0, tooManyRequests: 0 };
  /** Settles at the next response, so waiters re-check at once when news arrives (a probe's answer). */
  #news!: Promise<void>;
  #announce!: () => void;

  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
    this.#renewNews();
  }

  get stats(): PacerStats {
    return { ...this.#counters };
  }

  /** Estimated requests left in the current window (Infinity while nothing is known). */
  get available(): number {
    return this.#budgetBase - this.#sent;
  }

  /**
   * Waits until a request may be sent and returns its sequence number, to hand back to observe().
   * `what` names the request in a cancellation error.
   */
  async acquire(
    signal: AbortSignal | undefined,
    what: string,
    onWait?: (ms: number) => void,
  ): Promise<number> {
    let waited = false;
    for (;;) {
      const wait = Math.ceil(this.#delayFor(this.#now()));
      if (wait <= 0) {
        this.#sent++;
        return this.#sent;
      }
      // Waiters re-check at every response, so one wait may be several short sleeps: count and
      // report it once, and again only for long sleeps.
      if (!waited || wait >= LONG_WAIT_MS) onWait?.(wait);
      if (!waited) this.#counters.waits++;
      waited = true;
      const started = this.#now();
      try {
        await sleep(wait, signal, what, this.#news);
      } finally {
        this.#counters.totalWaitMs += Math.max(0, this.#now() - started);
      }
    }
  }

  /** Every response (or transport failure, without headers) of an acquired request comes back here. */
  observe(seq: number, headers?: Record<string, string>): void {
    this.#update(seq, headers);
    const announce = this.#announce;
    this.#renewNews();
    announce();
  }

  #update(seq: number, headers?: Record<string, string>): void {
    const rl = readRateLimit(headers);
    if (rl.quota !== undefined) this.#quota = rl.quota;
    if (rl.windowMs !== undefined && rl.windowMs > 0) this.#windowMs = rl.windowMs;
    if (rl.left === undefined) {
      // A probe that taught us nothing (a proxy error, a dropped connection): let another one go.
      if (this.#provisional && seq > this.#rolloverSeq) this.#budgetBase++;
      return;
    }
    const now = this.#now();
    const obsResetAt = now + (rl.resetMs ?? this.#window());
    const base = rl.left + seq;
    const tolerance = this.#window() / 2;
    if (this.#resetAt === 0) {
      this.#adopt(obsResetAt, base);
    } else if (this.#provisional) {
      // The probe's answer, or an earlier request that already landed in the new window, is the
      // truth about it; anything else still describes the window we rolled past.
      if (seq > this.#rolloverSeq || obsResetAt > this.#previousResetAt + tolerance)
        this.#adopt(obsResetAt, base);
    } else if (obsResetAt > this.#resetAt + tolerance) {
      this.#adopt(obsResetAt, base);
    } else if (obsResetAt < this.#resetAt - tolerance) {
      // A late answer from the window before the one we adopted: it says nothing about this one.
    } else {
      this.#budgetBase = Math.min(this.#budgetBase, base);
      this.#resetAt = Math.max(this.#resetAt, obsResetAt);
    }
  }

  /**
   * A 429: blocks the whole store for the longer of X-Rate-Limit-Time-Reset-Ms and X-Retry-After,
   * or, with neither header (the platform is overloaded), for an exponential backoff with jitter.
   * Returns the delay so the caller can weigh it against its retry budget.
   */
  onTooManyRequests(headers: Record<string, string>, attempt: number): number {
    this.#counters.tooManyRequests++;
    const rl = readRateLimit(headers);
    const headerWait = Math.max(rl.resetMs ?? 0, rl.retryAfterMs ?? 0);
    const now = this.#now();
    let delay: number;
    if (headerWait > 0) {
      delay = headerWait + RESET_SLACK_MS;
      // The window is spent until then, whatever our estimate said.
      this.#adopt(now + delay, this.#sent);
    } else {
      delay = backoffDelay(attempt, RATE_LIMIT_BASE_MS, BACKOFF_CAP_MS);
    }
    this.#blockedUntil = Math.max(this.#blockedUntil, now + delay);
    return delay;
  }

  #delayFor(now: number): number {
    if (now < this.#blockedUntil) return this.#blockedUntil - now;
    if (this.#resetAt === 0) return 0;
    if (now >= this.#resetAt) this.#rollOver(now);
    const available = this.#budgetBase - this.#sent;
    if (available <= 0) return this.#resetAt - now + RESET_SLACK_MS;
    const lowWater = Math.max(MIN_LOW_WATER, Math.ceil((this.#quota ?? 0) * LOW_WATER_FRACTION));
    // (A probe is never spread: until its answer comes there is nothing to spread over.)
    if (available < lowWater && !this.#provisional) {
      if (now < this.#nextSpreadAt) return this.#nextSpreadAt - now;
      this.#nextSpreadAt = now + (this.#resetAt - now) / available;
    }
    return 0;
  }

  /**
   * The window should have reset. Rather than assume a full fresh quota (wrong for a sliding
   * window, and for a store whose other apps got in first), send one probe and let its answer say
   * how much there is; that costs one round trip per window.
   */
  #rollOver(now: number): void {
    this.#previousResetAt = this.#resetAt;
    this.#resetAt = now + this.#window();
    this.#budgetBase = this.#sent + 1;
    this.#rolloverSeq = this.#sent;
    this.#provisional = true;
    this.#nextSpreadAt = 0;
  }

  #adopt(resetAt: number, budgetBase: number): void {
    this.#resetAt = resetAt;
    this.#budgetBase = budgetBase;
    this.#provisional = false;
    this.#nextSpreadAt = 0;
  }

  #renewNews(): void {
    this.#news = new Promise((resolve) => (this.#announce = resolve));
  }

  #window(): number {
    return this.#windowMs ?? DEFAULT_WINDOW_MS;
  }
}
