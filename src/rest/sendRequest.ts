/**
 * One API request with everything around it: token, pacing, retries, 401 renewal, error mapping
 * and logging. Retry rules: GETs are retried on 429, 500/502/503/504, network errors, timeouts and
 * unreadable 2xx bodies, and so are writes marked idempotent (an update or delete sent twice ends
 * the same); other writes only on 429 (BigCommerce did not process a rate-limited request),
 * because a create that timed out may already have happened. Retries are bounded by MaxRetries
 * (attempts after the first) and RetryTimeout (seconds from the first attempt).
 */
import { httpRequest, type HttpResponse } from './http';
import type { ApiResponse } from './types';
import type { Logger } from '../log';
import type { ApiError } from '../errors';
import type { ClientSettings } from './defaults';
import { BACKOFF_CAP_MS, RETRY_BASE_MS } from './defaults';
import type { Pacer } from './Pacer';
import type { Semaphore } from './Semaphore';
import { backoffDelay } from './backoff';
import { cancelledError, sleep } from './sleep';
import { badResponseError, errorForStatus, transportError, type RequestLabel, type Scrub } from './apiErrors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean>;

export interface SendContext {
  settings: ClientSettings;
  logger: Logger;
  /** The store's shared pacer (looked up per request: the store hash may be learned late). */
  pacer(): Pacer;
  /** Absolute URL of a path under /stores/{hash}. */
  url(path: string): string;
  token(signal?: AbortSignal): Promise<string>;
  /** `rejectedToken` is the token the 401 answered, so a renewal someone else already made is reused. */
  renew(signal?: AbortSignal, rejectedToken?: string): Promise<boolean>;
  /** How to get a token the API accepts, for ERR_API_UNAUTHORIZED (the auth session knows its mode). */
  unauthorizedHint?(): string | undefined;
  scrub: Scrub;
  countAttempt(): void;
  /** The client's MaxConcurrentRequests slots. */
  slots: Semaphore;
}

export interface SendOptions {
  method: HttpMethod;
  path: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  scope?: string;
  table?: string;
  /** Answer a 404 with `json: undefined` instead of throwing. */
  allow404?: boolean;
  /** A PUT or DELETE that may be sent again after a timeout or 5xx, as a GET may. */
  idempotent?: boolean;
  /** Told how long the pacer is about to hold this request back. */
  onRateLimitWait?: (ms: number) => void;
}

type Outcome =
  | { kind: 'done'; response: ApiResponse }
  | { kind: 'renew'; error: ApiError; token?: string }
  | { kind: 'fail'; error: ApiError }
  | {
      kind: 'retry';
      error: (attempts: number) => ApiError;
      delayMs: number;
      pacerWaits: boolean;
      reason: string;
    };

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

export async function sendRequest(ctx: SendContext, req: SendOptions): Promise<ApiResponse> {
  const label: RequestLabel = { method: req.method, path: req.path, scope: req.scope, table: req.table };
  const what = `${req.method} ${req.path}`;
  const { maxRetries, retryTimeoutMs } = ctx.settings;
  // RetryTimeout counts from the first send, not from waiting for a slot or the rate-limit window.
  const timing: { firstSentAt?: number } = {};
  let retries = 0;
  let renewed = false;
  for (;;) {
    if (req.signal?.aborted) throw cancelledError(what);
    const outcome = await attempt(ctx, req, label, retries, renewed, timing);
    switch (outcome.kind) {
      case 'done':
        return outcome.response;
      case 'fail':
        throw outcome.error;
      case 'renew':
        // One renewal per request: a second 401 means the new token is refused too.
        renewed = true;
        if (await ctx.renew(req.signal, outcome.token)) continue;
        throw outcome.error;
      case 'retry': {
        const spent = Date.now() - (timing.firstSentAt ?? Date.now());
        if (retries >= maxRetries || spent + outcome.delayMs > retryTimeoutMs)
          throw outcome.error(retries + 1);
        retries++;
        ctx.logger.log(
          2,
          `${what}: ${outcome.reason}; retry ${retries} of ${maxRetries} in ${outcome.delayMs}ms`,
        );
        // After a 429 the pacer holds every request to the store, this one included.
        if (!outcome.pacerWaits) await sleep(outcome.delayMs, req.signal, what);
        continue;
      }
    }
  }
}

/** One attempt, holding one of the client's request slots from the pacer's go-ahead to the answer. */
async function attempt(
  ctx: SendContext,
  req: SendOptions,
  label: RequestLabel,
  retries: number,
  renewed: boolean,
  timing: { firstSentAt?: number },
): Promise<Outcome> {
  const release = await ctx.slots.acquire(req.signal, `${req.method} ${req.path}`);
  try {
    return await attemptHoldingSlot(ctx, req, label, retries, renewed, timing);
  } finally {
    release();
  }
}

async function attemptHoldingSlot(
  ctx: SendContext,
  req: SendOptions,
  label: RequestLabel,
  retries: number,
  renewed: boolean,
  timing: { firstSentAt?: number },
): Promise<Outcome> {
  const what = `${req.method} ${req.path}`;
  const { timeoutMs } = ctx.settings;
  const token = await ctx.token(req.signal);
  // After the token: a sign-in may be what tells the store hash.
  const url = ctx.url(req.path);
  const pacer = ctx.pacer();
  const seq = await pacer.acquire(req.signal, what, (ms) => {
    ctx.logger.log(3, `${what} waits ${ms}ms for the store's rate-limit window`);
    req.onRateLimitWait?.(ms);
  });
  ctx.countAttempt();
  const started = Date.now();
  timing.firstSentAt ??= started;
  let res: HttpResponse;
  try {
    res = await httpRequest({
      method: req.method,
      url,
      headers: { 'X-Auth-Token': token, Accept: 'application/json' },
      query: req.query,
      body: req.body,
      timeoutMs,
      signal: req.signal,
    });
  } catch (err) {
    pacer.observe(seq);
    const failure = transportError(err, label, timeoutMs);
    logExchange(ctx, req, failure.code, started);
    if (failure.code === 'ERR_CANCELLED' || !retriable(req)) return { kind: 'fail', error: failure };
    return {
      kind: 'retry',
      error: (attempts) => transportError(err, label, timeoutMs, attempts),
      delayMs: backoffDelay(retries, RETRY_BASE_MS, BACKOFF_CAP_MS),
      pacerWaits: false,
      reason: failure.code,
    };
  }
  pacer.observe(seq, res.headers);
  logExchange(ctx, req, String(res.status), started, res);
  const outcome = interpret(ctx, req, label, res, retries, pacer, renewed);
  return outcome.kind === 'renew' ? { ...outcome, token } : outcome;
}

function interpret(
  ctx: SendContext,
  req: SendOptions,
  label: RequestLabel,
  res: HttpResponse,
  retries: number,
  pacer: Pacer,
  renewed: boolean,
): Outcome {
  const { status } = res;
  const isGet = retriable(req);
  if (status >= 200 && status < 300) {
    const unreadable = res.malformedJson || (res.json === undefined && res.text.trim() !== '');
    if (!unreadable) return { kind: 'done', response: { status, headers: res.headers, json: res.json } };
    const error = (attempts?: number) =>
      badResponseError(label, status, res.text, res.malformedJson, attempts);
    if (!isGet) return { kind: 'fail', error: error() };
    return {
      kind: 'retry',
      error,
      delayMs: backoffDelay(retries, RETRY_BASE_MS, BACKOFF_CAP_MS),
      pacerWaits: false,
      reason: 'unreadable response body',
    };
  }
  if (status === 404 && req.allow404)
    return { kind: 'done', response: { status, headers: res.headers, json: undefined } };
  const labelled = status === 401 ? { ...label, unauthorizedHint: ctx.unauthorizedHint?.() } : label;
  const error = (attempts?: number) =>
    errorForStatus(labelled, status, res.json, res.text, ctx.scrub, attempts);
  if (status === 401 && !renewed) return { kind: 'renew', error: error() };
  if (status === 429) {
    return {
      kind: 'retry',
      error,
      delayMs: pacer.onTooManyRequests(res.headers, retries),
      pacerWaits: true,
      reason: 'rate limited (429)',
    };
  }
  if (isGet && RETRYABLE_STATUS.has(status)) {
    return {
      kind: 'retry',
      error,
      delayMs: backoffDelay(retries, RETRY_BASE_MS, BACKOFF_CAP_MS),
      pacerWaits: false,
      reason: `status ${status}`,
    };
  }
  return { kind: 'fail', error: error() };
}

function retriable(req: SendOptions): boolean {
  return req.method === 'GET' || (req.idempotent === true && req.method !== 'POST');
}

/** Level 2: method, path, the fields asked for (include_fields), status, time. Level 4 adds the query string, level 5 the bodies. */
function logExchange(
  ctx: SendContext,
  req: SendOptions,
  outcome: string,
  started: number,
  res?: HttpResponse,
): void {
  const { logger, settings } = ctx;
  const ms = Date.now() - started;
  if (settings.verbosity >= 4) {
    logger.log(4, `${req.method} ${req.path}${queryString(req.query)} ${outcome} ${ms}ms`);
  } else {
    const fields = req.query?.include_fields;
    logger.log(2, `${req.method} ${req.path}${fields ? ` fields=${String(fields)}` : ''} ${outcome} ${ms}ms`);
  }
  if (settings.verbosity >= 5) {
    if (req.body !== undefined)
      logger.log(5, `${req.method} ${req.path} request body: ${JSON.stringify(req.body)}`);
    if (res && res.text !== '') logger.log(5, `${req.method} ${req.path} response body: ${res.text}`);
  }
}

function queryString(query: Query | undefined): string {
  const parts = Object.entries(query ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
