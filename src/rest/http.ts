/**
 * The only module that imports axios. Sends one HTTP request and hands back status, headers and
 * body without throwing on HTTP error statuses, so callers decide what a 4xx/5xx means.
 * Transport failures become ApiError with code ERR_NETWORK / ERR_TIMEOUT / ERR_CANCELLED, and
 * never carry the request config (which holds tokens).
 */
import axios from 'axios';
import { ApiError } from '../errors';
import { encodeQuery } from './queryString';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  /** Sent as JSON unless `form` is true; a FormData goes as multipart/form-data (uploads). */
  body?: unknown;
  form?: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Raw body text ('' for 204). */
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
  /** The body looked like JSON (by content type or first character) but did not parse. */
  malformedJson: boolean;
}

const client = axios.create({
  // We interpret statuses and bodies ourselves.
  validateStatus: () => true,
  responseType: 'text',
  transformResponse: [(d: unknown) => d],
  maxRedirects: 0,
  proxy: false,
});

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  let data: unknown = req.body;
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (req.body !== undefined && !(req.body instanceof FormData)) {
    if (req.form) {
      data = new URLSearchParams(req.body as Record<string, string>).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else {
      data = JSON.stringify(req.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  const path = safePath(req.url);
  try {
    const res = await client.request<string>({
      method: req.method,
      url: req.url,
      headers,
      params: req.query,
      paramsSerializer: { serialize: (p: Record<string, string | number | boolean>) => encodeQuery(p) },
      data,
      timeout: req.timeoutMs,
      signal: req.signal,
    });
    const text = typeof res.data === 'string' ? res.data : '';
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) {
      if (v !== undefined && v !== null)
        outHeaders[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    let json: unknown;
    let malformedJson = false;
    const trimmed = text.trim();
    const looksJson =
      /json/i.test(outHeaders['content-type'] ?? '') || trimmed.startsWith('{') || trimmed.startsWith('[');
    if (trimmed !== '' && looksJson) {
      try {
        json = JSON.parse(trimmed);
      } catch {
        malformedJson = true;
      }
    }
    return { status: res.status, headers: outHeaders, text, json, malformedJson };
  } catch (err) {
    throw transportError(err, req.method, path, req.timeoutMs);
  }
}

/** The URL without query string: query strings may hold codes or tokens. */
export function safePath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split('?')[0];
  }
}

function transportError(err: unknown, method: string, path: string, timeoutMs: number): ApiError {
  const e = err as { code?: string; message?: string; name?: string };
  if (axios.isCancel(err) || e.name === 'CanceledError' || e.code === 'ERR_CANCELED') {
    return new ApiError('ERR_CANCELLED', `${method} ${path} was cancelled`, { method, path });
  }
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') {
    return new ApiError(
      'ERR_TIMEOUT',
      `${method} ${path} got no answer within ${timeoutMs / 1000} s; raise the Timeout property or try again`,
      { method, path, transient: true },
    );
  }
  // axios reports a body cut off by a dropped connection as ERR_BAD_RESPONSE "stream has been aborted".
  const code =
    e.code === 'ERR_BAD_RESPONSE' && /aborted/i.test(e.message ?? '')
      ? 'the connection closed before the whole response arrived'
      : (e.code ?? 'unknown');
  return new ApiError(
    'ERR_NETWORK',
    `${method} ${path} failed: ${code}; check ApiBaseURL/LoginBaseURL and the network`,
    {
      method,
      path,
      cause: code,
      transient: true,
    },
  );
}
