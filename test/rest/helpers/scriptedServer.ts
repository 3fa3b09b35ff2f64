/**
 * A tiny local HTTP server whose every answer the test scripts, standing in for BigCommerce when a
 * test needs exact statuses, headers and bodies (the simulator covers realistic behaviour).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** Path under /stores/{hash} (`/v3/catalog/products`). */
  path: string;
  storeHash: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (text/html unless headers say otherwise). */
  text?: string;
  delayMs?: number;
  /** Take over the raw response (resets, hangs). */
  raw?: (res: http.ServerResponse) => void;
}

export type Handler = (req: Recorded, index: number) => Reply | Promise<Reply>;

export interface ScriptedServer {
  baseUrl: string;
  requests: Recorded[];
  /** Most requests that were being answered at the same time. */
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<ScriptedServer> {
  const requests: Recorded[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      let done = false;
      const finish = () => {
        if (!done) inFlight--;
        done = true;
      };
      res.on('close', finish);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const m = /^\/stores\/([^/]+)(\/.*)$/.exec(url.pathname);
      const recorded: Recorded = {
        method: req.method ?? 'GET',
        path: m ? m[2] : url.pathname,
        storeHash: m ? m[1] : '',
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const index = requests.length;
      requests.push(recorded);
      void Promise.resolve(handler(recorded, index)).then(async (reply) => {
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        if (reply.raw) return reply.raw(res);
        const headers: Record<string, string> = { ...reply.headers };
        let body = '';
        if (reply.json !== undefined) {
          body = JSON.stringify(reply.json);
          headers['content-type'] ??= 'application/json';
        } else if (reply.text !== undefined) {
          body = reply.text;
          headers['content-type'] ??= 'text/html';
        }
        res.writeHead(reply.status ?? 200, headers);
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A v3 list page of `ids` out of `total` records. */
export function v3Page(ids: number[], page: number, perPage: number, total: number): Reply {
  return {
    json: {
      data: ids.map((id) => ({ id, name: `Item ${id}` })),
      meta: {
        pagination: {
          total,
          count: ids.length,
          per_page: perPage,
          current_page: page,
          total_pages: Math.ceil(total / perPage),
          links: {},
        },
      },
    },
  };
}

/** Ids of page `page` (1-based) of a list of ids 1..total. */
export function idsOf(page: number, perPage: number, total: number): number[] {
  const out: number[] = [];
  for (let id = (page - 1) * perPage + 1; id <= Math.min(total, page * perPage); id++) out.push(id);
  return out;
}
