/**
 * The simulator's HTTP server: routes /oauth2/* to oauth.ts and /stores/* to gateway.ts, and
 * records every such request in ctx.requests at the moment its status line is written (so a
 * client that has its response can already see the entry). Other paths answer 404 unrecorded,
 * so a browser's /favicon.ico does not disturb request counts.
 */
import * as http from 'node:http';
import { handleApiRoute } from './gateway';
import { BodyTooLargeError, queryObject, sendJson } from './httpUtil';
import { handleAuthorizeGet, handleAuthorizePost, handleToken } from './oauth';
import type { SimContext } from './simContext';
import type { SimRequestLogEntry } from './types';

/** Query parameters whose values never go into the request log. */
const SECRET_QUERY = new Set(['code', 'client_secret', 'refresh_token', 'access_token', 'token']);

function loggedQuery(q: URLSearchParams): Record<string, string> {
  const out = queryObject(q);
  for (const k of Object.keys(out)) if (SECRET_QUERY.has(k.toLowerCase())) out[k] = '[REDACTED]';
  return out;
}

/** Makes res record `entry` (with its status) the first time a status line is written, or on close without one. */
function recordOn(
  res: http.ServerResponse,
  entry: SimRequestLogEntry,
  log: SimRequestLogEntry[] | undefined,
): void {
  let recorded = false;
  const record = (status: number) => {
    if (recorded) return;
    recorded = true;
    entry.status = status;
    log?.push(entry);
  };
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    record(statusCode);
    return writeHead(statusCode, ...rest);
  }) as typeof res.writeHead;
  // A connection dropped before any status line (e.g. a 'reset' fault on an empty reply) logs status 0.
  res.on('close', () => record(res.headersSent ? res.statusCode : 0));
  entry.bytes = 0;
  const count = (chunk: unknown) => {
    if (typeof chunk === 'string') entry.bytes! += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) entry.bytes! += chunk.byteLength;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    count(chunk);
    return write(chunk, ...rest);
  }) as typeof res.write;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') count(chunk);
    return end(chunk, ...rest);
  }) as typeof res.end;
}

export function createSimServer(ctx: SimContext): http.Server {
  return http.createServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else if (err instanceof BodyTooLargeError) {
        sendJson(res, 413, { status: 413, title: 'Request body too large' });
      } else {
        sendJson(res, 500, { status: 500, title: 'Internal Server Error', detail: 'Simulator bug' });
      }
    });
  });
}

async function handle(ctx: SimContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const kind = url.pathname.startsWith('/oauth2/')
    ? 'oauth'
    : url.pathname.startsWith('/stores/')
      ? 'api'
      : undefined;
  if (!kind) {
    sendJson(res, 404, {
      status: 404,
      title: 'Not found',
      detail: 'The simulator serves /oauth2/* and /stores/{hash}/*.',
    });
    return;
  }
  const entry: SimRequestLogEntry = {
    method,
    path: url.pathname,
    query: loggedQuery(url.searchParams),
    targetBytes: Buffer.byteLength(req.url ?? ''),
    status: 0,
    kind,
  };
  recordOn(res, entry, ctx.logRequests ? ctx.requests : undefined);

  if (kind === 'api') {
    await handleApiRoute(ctx, req, res, url, entry);
    return;
  }
  if (url.pathname === '/oauth2/authorize' && method === 'GET') {
    handleAuthorizeGet(ctx, url.searchParams, res);
  } else if (url.pathname === '/oauth2/authorize' && method === 'POST') {
    await handleAuthorizePost(ctx, req, res);
  } else if (url.pathname === '/oauth2/token' && method === 'POST') {
    await handleToken(ctx, req, res, entry);
  } else if (url.pathname === '/oauth2/authorize' || url.pathname === '/oauth2/token') {
    res.setHeader('Allow', url.pathname === '/oauth2/token' ? 'POST' : 'GET, POST');
    sendJson(res, 405, { error: 'invalid_request', error_description: `${method} is not allowed here.` });
  } else {
    sendJson(res, 404, { error: 'not_found', error_description: 'Unknown OAuth endpoint.' });
  }
}
