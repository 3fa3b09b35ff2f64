/** A scripted /oauth2/token endpoint on 127.0.0.1 for unit tests of the OAuth client. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  body: string;
  contentType?: string;
}

export interface FakeTokenServer {
  url: string;
  /** Parsed JSON bodies received, in order. */
  bodies: Record<string, string>[];
  reply: (r: Reply | ((body: Record<string, string>) => Reply)) => void;
  close: () => Promise<void>;
}

export async function startFakeTokenServer(): Promise<FakeTokenServer> {
  const bodies: Record<string, string>[] = [];
  let next: Reply | ((body: Record<string, string>) => Reply) = { status: 500, body: '{}' };
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = data ? (JSON.parse(data) as Record<string, string>) : {};
      bodies.push(body);
      const r = typeof next === 'function' ? next(body) : next;
      res.writeHead(r.status, { 'Content-Type': r.contentType ?? 'application/json' });
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    reply: (r) => {
      next = r;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
