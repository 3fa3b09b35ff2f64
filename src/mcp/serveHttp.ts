/**
 * MCP over streamable HTTP at http://HOST:PORT/mcp, one MCP session per client sharing the
 * connection. Loopback only unless a bearer token is set (as serve requires a password off
 * loopback); with a token every request must carry `Authorization: Bearer <token>`.
 */
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { BigCommerceSqlError } from '../errors';
import { createMcpServer } from './createMcpServer';
import type { McpContext } from './McpContext';

export interface HttpListen {
  host: string;
  port: number;
  token?: string;
}

export interface HttpMcpServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/** `127.0.0.1:8123`, `[::1]:8123`, `localhost:0` → host and port; a clear error otherwise. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) {
    throw new BigCommerceSqlError(
      'ERR_BAD_ARGUMENT',
      `--http takes HOST:PORT, e.g. 127.0.0.1:8123 (got "${text}")`,
    );
  }
  return { host: m[1] ?? m[2], port };
}

/** Beyond loopback a bearer token is required (checked before anything starts). */
export function requireTokenOffLoopback(host: string, port: number, token: string | undefined): void {
  if (!LOOPBACK.includes(host) && !token) {
    throw new BigCommerceSqlError(
      'ERR_MCP_TOKEN_REQUIRED',
      `bcsql mcp --http ${host}:${port} listens beyond this machine: set a bearer token with --token or BCSQL_MCP_TOKEN, or listen on 127.0.0.1`,
    );
  }
}

export async function serveHttp(ctx: McpContext, listen: HttpListen): Promise<HttpMcpServer> {
  requireTokenOffLoopback(listen.host, listen.port, listen.token);
  const loopback = LOOPBACK.includes(listen.host);
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const server = http.createServer((req, res) => {
    handle(ctx, sessions, listen, loopback, req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  const url = `http://${host}:${port}/mcp`;
  ctx.log(`serving over HTTP at ${url}${listen.token ? ' (bearer token required)' : ''}`);
  return {
    url,
    async close() {
      for (const t of sessions.values()) await t.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(
  ctx: McpContext,
  sessions: Map<string, StreamableHTTPServerTransport>,
  listen: HttpListen,
  loopback: boolean,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/mcp') return reply(res, 404, 'not found: the MCP endpoint is /mcp');
  if (listen.token && !authorized(req.headers.authorization, listen.token)) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return reply(res, 401, 'unauthorized: send Authorization: Bearer <token>');
  }
  const id = req.headers['mcp-session-id'];
  const existing = typeof id === 'string' ? sessions.get(id) : undefined;
  if (existing) return existing.handleRequest(req, res);
  if (typeof id === 'string') return reply(res, 404, 'unknown or closed MCP session; initialize a new one');
  if (req.method !== 'POST') return reply(res, 400, 'start a session with an initialize request (POST)');
  const body = await readJson(req);
  if (body === undefined || !isInitializeRequest(body)) {
    return reply(res, 400, 'start a session with an initialize request');
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => void sessions.set(sid, transport),
    // A web page in a browser must not reach a loopback server through a rebound DNS name.
    enableDnsRebindingProtection: loopback,
    allowedHosts: loopback ? allowedHosts(req) : undefined,
  });
  transport.onclose = () => {
    if (transport.sessionId) sessions.delete(transport.sessionId);
  };
  await createMcpServer(ctx).server.connect(transport);
  await transport.handleRequest(req, res, body);
}

function allowedHosts(req: http.IncomingMessage): string[] {
  const port = req.socket.localPort;
  return LOOPBACK.map((h) => (h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`));
}

function authorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  // Compare digests so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(m[1].trim()).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function reply(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
