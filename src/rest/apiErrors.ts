/**
 * Turns BigCommerce answers into ApiErrors whose messages say what failed and what to do. Every
 * piece of server text passes through `scrub` first: a server (or proxy) may echo request headers,
 * and the token must never reach a message or a field.
 */
import { STATUS_CODES } from 'node:http';
import { ApiError } from '../errors';

export interface RequestLabel {
  method: string;
  /** Path under /stores/{hash}, without the query string. */
  path: string;
  /** OAuth scope the request needs, for 403 messages. */
  scope?: string;
  /** Table the request reads, for 403 messages. */
  table?: string;
  /**
   * What to do about a 401, from the auth session (it depends on AuthScheme and InitiateOAuth);
   * without it the message gives the general advice.
   */
  unauthorizedHint?: string;
}

export type Scrub = (text: string) => string;

interface ErrorBody {
  title?: string;
  details: string[];
}

const MAX_TEXT = 300;

/** v3 bodies are `{status, title, type, errors}`; v2 bodies are `[{status, message, details}]`. */
export function readErrorBody(json: unknown, text: string): ErrorBody {
  const details: string[] = [];
  const collect = (errors: unknown) => {
    if (Array.isArray(errors)) {
      for (const e of errors) details.push(typeof e === 'string' ? e : JSON.stringify(e));
    } else if (errors && typeof errors === 'object') {
      for (const [field, msg] of Object.entries(errors)) {
        details.push(
          `${field}: ${Array.isArray(msg) ? msg.join(', ') : typeof msg === 'string' ? msg : JSON.stringify(msg)}`,
        );
      }
    }
  };
  if (Array.isArray(json)) {
    const messages = json
      .map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>).message : undefined))
      .filter((m): m is string => typeof m === 'string' && m !== '');
    for (const e of json) if (e && typeof e === 'object') collect((e as Record<string, unknown>).details);
    return { title: messages.length ? messages.join('; ') : undefined, details };
  }
  if (json && typeof json === 'object') {
    const body = json as Record<string, unknown>;
    const title = [body.title, body.message, body.error_description, body.error].find(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    collect(body.errors);
    return { title, details };
  }
  const trimmed = text.trim();
  if (trimmed === '') return { details };
  if (looksLikeHtml(trimmed)) return { title: 'an HTML error page (probably from a proxy)', details };
  return { title: trimmed, details };
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text);
}

export function statusLabel(status: number): string {
  const name = STATUS_CODES[status];
  return name ? `${status} ${name}` : String(status);
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function attemptsSuffix(attempts: number | undefined): string {
  return attempts && attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
}

/** The error for a non-2xx answer that will not be retried (any more). */
export function errorForStatus(
  req: RequestLabel,
  status: number,
  json: unknown,
  text: string,
  scrub: Scrub,
  attempts?: number,
): ApiError {
  const body = readErrorBody(json, text);
  const title = body.title === undefined ? undefined : clip(scrub(body.title));
  const details = body.details.map((d) => clip(scrub(d)));
  const said = title ? `: ${title}` : '';
  const { method, path } = req;
  const fields = { status, method, path, title, attempts, scope: req.scope, table: req.table };
  const what = `${method} ${path}`;
  switch (status) {
    case 401:
      return new ApiError(
        'ERR_API_UNAUTHORIZED',
        `BigCommerce rejected the access token for ${what} (${statusLabel(status)}${said}): ${req.unauthorizedHint ?? 'check OAuthAccessToken and StoreId (or run GetOAuthAccessToken / use InitiateOAuth=GETANDREFRESH)'}`,
        fields,
      );
    case 403: {
      const need = req.scope
        ? `the access token lacks the scope ${req.scope}${req.table ? `, which ${req.table} needs` : ''}`
        : `the access token lacks a scope this ${req.table ? `table (${req.table})` : 'request'} needs`;
      return new ApiError(
        'ERR_API_FORBIDDEN',
        `BigCommerce refused ${what} (${statusLabel(status)}${said}): ${need}; grant it to the API account or app (see the Scope property) and get a new token`,
        fields,
      );
    }
    case 404:
      return new ApiError(
        'ERR_API_NOT_FOUND',
        `${what} returned ${statusLabel(status)}${said}: the record or endpoint does not exist in this store; check the id and StoreId`,
        fields,
      );
    case 400:
    case 422: {
      const list = details.length ? ` (${details.join('; ')})` : '';
      return new ApiError(
        'ERR_API_INVALID_REQUEST',
        `BigCommerce rejected ${what} as invalid (${statusLabel(status)}${said})${list}; fix the values it names`,
        { ...fields, errors: details.length ? details : undefined },
      );
    }
    case 429:
      return new ApiError(
        'ERR_API_RATE_LIMITED',
        `${what} was still rate limited (${statusLabel(status)}${said})${attemptsSuffix(attempts)}; the store's API quota is used up, so lower MaxConcurrentRequests, raise RetryTimeout or try again later`,
        fields,
      );
    default:
      return new ApiError(
        'ERR_API',
        `${what} failed with ${statusLabel(status)}${said}${attemptsSuffix(attempts)}`,
        fields,
      );
  }
}

/** A 2xx whose body is not JSON, or JSON that does not parse. */
export function badResponseError(
  req: RequestLabel,
  status: number,
  text: string,
  malformed: boolean,
  attempts?: number,
): ApiError {
  const { method, path } = req;
  const why = looksLikeHtml(text)
    ? 'was not JSON: it looks like an HTML error page from a proxy'
    : malformed
      ? `was not valid JSON (${text.length} characters; cut off or corrupted on the way)`
      : 'was not JSON';
  return new ApiError(
    'ERR_API_BAD_RESPONSE',
    `the response from ${method} ${path} ${why}${attemptsSuffix(attempts)}; try again, and check that ApiBaseURL points at the BigCommerce API`,
    { status, method, path, attempts, transient: true },
  );
}

/** A 2xx with JSON of the wrong shape (no `data` array, no `count`). */
export function unexpectedShapeError(req: RequestLabel, expected: string): ApiError {
  return new ApiError(
    'ERR_API_BAD_RESPONSE',
    `the response from ${req.method} ${req.path} did not contain ${expected}; check that ApiBaseURL points at the BigCommerce API`,
    { method: req.method, path: req.path },
  );
}

/** Re-labels a transport failure from http.ts with the API path (http.ts only knows the full URL). */
export function transportError(
  err: unknown,
  req: RequestLabel,
  timeoutMs: number,
  attempts?: number,
): ApiError {
  if (!(err instanceof ApiError)) throw err;
  const { method, path } = req;
  const what = `${method} ${path}`;
  const fields = { method, path, attempts };
  switch (err.code) {
    case 'ERR_CANCELLED':
      return new ApiError('ERR_CANCELLED', `${what} was cancelled`, fields);
    case 'ERR_TIMEOUT':
      return new ApiError(
        'ERR_TIMEOUT',
        `${what} got no answer within ${timeoutMs / 1000} s${attemptsSuffix(attempts)}; raise the Timeout property or try again`,
        { ...fields, transient: true },
      );
    case 'ERR_NETWORK': {
      const cause =
        typeof (err as { cause?: unknown }).cause === 'string'
          ? (err as { cause?: string }).cause
          : 'unknown';
      return new ApiError(
        'ERR_NETWORK',
        `${what} failed: ${cause}${attemptsSuffix(attempts)}; check ApiBaseURL and the network`,
        { ...fields, cause, transient: true },
      );
    }
    default:
      return err;
  }
}
