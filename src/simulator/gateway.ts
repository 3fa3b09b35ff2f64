/**
 * The API side of the simulator: /stores/{hash}/… → store hash, X-Auth-Token, scope, fault,
 * rate limit, then the store's handleApi. Order matters: a bad token is answered before any fault so
 * auth tests stay exact, and quota is counted only for requests that reach "the app" (not for
 * 401/403, nor for faults a proxy in front would produce: 429s and the HTML page).
 *
 * Error bodies are BigCommerce's v3 error shape { status, title, type, errors }
 * (bigcommerce-openapi/*.yml ErrorResponse; the 429 example in customers.v3.yml and
 * price_lists.v3.yml; the 403 title is the one BigCommerce sends for a missing scope).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { proxyErrorPage } from './oauthPages';
import { scopeAllows } from './scopes';
import type { SimContext } from './simContext';
import type { ApiReply, FaultKind, SimRequestLogEntry } from './types';
import { readBodyBytes, sendHtml, sendJson, sleep } from './httpUtil';
import { multipartBoundary, parseMultipart, type FormPart } from './multipart';

const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

function errorBody(status: number, title: string, detail?: string) {
  return { status, title, type: ERROR_TYPE, ...(detail ? { detail } : {}), errors: {} };
}

const STATUS_TITLES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export async function handleApiRoute(
  ctx: SimContext,
  httpReq: IncomingMessage,
  res: ServerResponse,
  url: URL,
  entry: SimRequestLogEntry,
): Promise<void> {
  const method = (httpReq.method ?? 'GET').toUpperCase();
  const m = /^\/stores\/([^/]+)(\/.*)?$/.exec(url.pathname);
  const rawBody = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBodyBytes(httpReq);
  await sleep(ctx.latencyMs, ctx.closing);
  if (ctx.closing.aborted) {
    res.destroy();
    return;
  }
  if (!m || decodeURIComponent(m[1]) !== ctx.storeHash) {
    sendJson(
      res,
      404,
      errorBody(404, 'Store not found', 'No store with this hash exists; check the store hash.'),
    );
    return;
  }
  const path = m[2] ?? '/';
  if (refusedAccess(ctx, httpReq, res, method, path)) return;
  const parsed = parseBody(rawBody, httpReq.headers['content-type']);
  if (!parsed.ok) {
    sendJson(res, 400, errorBody(400, parsed.error), ctx.limiter.peek(ctx.storeHash));
    return;
  }

  const picked = ctx.faults.pickFault(method, path);
  entry.fault = picked?.kind;
  if (picked?.after) entry.faultAfter = true;
  const fault = picked?.after ? undefined : picked?.kind;
  if (answeredBeforeQuota(ctx, res, fault)) return;
  const quota = ctx.limiter.take(ctx.storeHash);
  if (!quota.allowed) {
    sendJson(res, 429, errorBody(429, 'Too many requests'), quota.headers);
    return;
  }
  if (!(await reachesTheApp(ctx, res, fault, quota.headers))) return;
  if (fault === 'reset' && method !== 'GET' && method !== 'HEAD') {
    res.socket?.destroy(); // the connection drops before the write reaches the app: nothing applied
    return;
  }

  let reply: ApiReply;
  try {
    reply = ctx.handleApi(ctx.store, {
      method,
      path,
      query: url.searchParams,
      body: parsed.body,
      form: parsed.form,
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    sendJson(res, 500, errorBody(500, 'Internal Server Error', `Simulator bug: ${detail}`), quota.headers);
    return;
  }
  const headers = { ...(reply.headers ?? {}), ...quota.headers };
  if (picked?.after) await replyLost(ctx, res, reply, headers, picked.kind);
  else writeReply(res, reply, headers, fault);
}

/** A fault after the API handled the request: the reply is replaced, dropped, delayed or cut. */
async function replyLost(
  ctx: SimContext,
  res: ServerResponse,
  reply: ApiReply,
  headers: Record<string, string>,
  fault: FaultKind,
): Promise<void> {
  if (fault === 'reset') {
    res.socket?.destroy(); // applied, and the client never sees a status line
  } else if (fault === 'html') {
    sendHtml(res, 502, proxyErrorPage());
  } else if (fault === '500' || fault === '502' || fault === '503') {
    const status = Number(fault);
    sendJson(res, status, errorBody(status, STATUS_TITLES[status]), headers);
  } else if (fault === 'slow') {
    await sleep(ctx.faults.slowMs, ctx.closing);
    if (ctx.closing.aborted || res.destroyed) res.destroy();
    else writeReply(res, reply, headers);
  } else {
    writeReply(res, reply, headers, fault);
  }
}

/** Answers 401 for a missing, expired or unknown token and 403 for a missing scope; true when it did. */
function refusedAccess(
  ctx: SimContext,
  httpReq: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
): boolean {
  const tokenHeader = httpReq.headers['x-auth-token'];
  const auth = ctx.tokens.check(Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader);
  if (!auth.ok) {
    const title =
      auth.reason === 'missing'
        ? 'No credentials were supplied in the request (send the access token in X-Auth-Token)'
        : auth.reason === 'expired'
          ? 'The access token has expired'
          : 'The access token is not valid for this store';
    sendJson(res, 401, errorBody(401, title), ctx.limiter.peek(ctx.storeHash));
    return true;
  }
  const needed = ctx.requiredScope(method, path);
  if (!needed || scopeAllows(auth.info.scope, needed, method)) return false;
  const detail = `This endpoint needs the ${needed.read} or ${needed.write} scope.`;
  const title = "You don't have a required scope to access the endpoint";
  sendJson(res, 403, errorBody(403, title, detail), ctx.limiter.peek(ctx.storeHash));
  return true;
}

type ParsedBody = { ok: true; body: unknown; form?: FormPart[] } | { ok: false; error: string };

function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    const form = parseMultipart(raw, boundary);
    return form
      ? { ok: true, body: undefined, form }
      : { ok: false, error: 'The multipart body is not well formed' };
  }
  if (raw.length === 0) return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(raw.toString('utf8')) };
  } catch {
    return { ok: false, error: 'The request body is not valid JSON' };
  }
}

/** Faults a proxy in front of the app would produce, so they use no quota; true when one answered. */
function answeredBeforeQuota(ctx: SimContext, res: ServerResponse, fault: FaultKind | undefined): boolean {
  if (fault === '429-noheaders') {
    // BigCommerce under platform load: "a 429 response without the API HTTP headers" (api-rate-limits.mdx).
    sendJson(res, 429, errorBody(429, 'Too many requests'));
    return true;
  }
  if (fault === '429') {
    const wait = ctx.faults.retryAfterMs;
    sendJson(res, 429, errorBody(429, 'Too many requests'), {
      ...ctx.limiter.peek(ctx.storeHash),
      'X-Rate-Limit-Requests-Left': '0',
      'X-Rate-Limit-Time-Reset-Ms': String(wait),
      'X-Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
    });
    return true;
  }
  if (fault === 'html') {
    sendHtml(res, 502, proxyErrorPage());
    return true;
  }
  return false;
}

/** Faults of the app itself (5xx, slow, data moving); false when the request was answered or dropped. */
async function reachesTheApp(
  ctx: SimContext,
  res: ServerResponse,
  fault: FaultKind | undefined,
  headers: Record<string, string>,
): Promise<boolean> {
  if (fault === '500' || fault === '502' || fault === '503') {
    const status = Number(fault);
    sendJson(res, status, errorBody(status, STATUS_TITLES[status]), headers);
    return false;
  }
  if (fault === 'slow') {
    await sleep(ctx.faults.slowMs, ctx.closing);
    if (ctx.closing.aborted || res.destroyed) {
      res.destroy();
      return false;
    }
  }
  if (fault === 'mutate') ctx.store.mutate?.();
  return true;
}

function writeReply(
  res: ServerResponse,
  reply: ApiReply,
  headers: Record<string, string>,
  fault?: FaultKind,
): void {
  if (fault === 'malformed') {
    const full = reply.body === undefined ? '{"data":[{"id":1}]}' : JSON.stringify(reply.body);
    const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(cut),
    });
    res.end(cut);
    return;
  }
  if (fault === 'reset' && reply.body === undefined) {
    res.socket?.destroy(); // nothing to cut in half: drop the connection before the status line
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, 'Content-Length': 0 });
    res.end();
    return;
  }
  if (fault === 'reset') {
    // Promise the whole body, send half of it, then drop the connection mid-body.
    const full = Buffer.from(JSON.stringify(reply.body));
    res.writeHead(reply.status, {
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': full.length,
    });
    res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
    return;
  }
  sendJson(res, reply.status, reply.body, headers);
}
