/**
 * Sockets that open a connection and send a few bytes of a startup packet, then stall, must not
 * lock real clients out of bcsql serve.
 */
import * as net from 'node:net';
import { Client } from 'pg';
import { START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

/** Opens `n` sockets that each send the first 4 bytes of a startup packet and then nothing. */
async function stalledSockets(port: number, n: number): Promise<net.Socket[]> {
  const sockets = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => {
            s.write(Buffer.from([0, 0, 0, 40])); // a length, and the promised 36 bytes never come
            resolve(s);
          });
          s.once('error', reject);
        }),
    ),
  );
  for (const s of sockets) s.on('error', () => undefined);
  return sockets;
}

const closed = (s: net.Socket): Promise<void> =>
  s.destroyed ? Promise.resolve() : new Promise((resolve) => s.once('close', () => resolve()));

describe('bcsql serve under a slowloris', () => {
  let t: TestServer;
  afterEach(async () => {
    await t?.close();
  });

  it(
    'still lets a real client connect and query while 100 sockets stall in startup',
    async () => {
      t = await startTestServer({ maxConnections: 100, startupTimeoutMs: 120_000 });
      const sockets = await stalledSockets(t.port, 100);
      try {
        const c = new Client({ host: '127.0.0.1', port: t.port, user: 'bi', database: 'bigcommerce' });
        await c.connect();
        try {
          const r = await c.query('SELECT "Id" FROM "Brands" WHERE "Id" = 1');
          expect(r.rows).toEqual([{ Id: '1' }]);
        } finally {
          await c.end();
        }
        // The stalled sockets never held more than their share of the slots.
        expect(t.server.sessionCount).toBeLessThanOrEqual(100);
      } finally {
        for (const s of sockets) s.destroy();
      }
    },
    START_TIMEOUT,
  );

  it(
    'closes connections that do not finish startup within the startup timeout',
    async () => {
      t = await startTestServer({ startupTimeoutMs: 500 });
      const sockets = await stalledSockets(t.port, 20);
      try {
        await Promise.all(sockets.map(closed));
        expect(sockets.every((s) => s.destroyed)).toBe(true);
        for (let i = 0; i < 100 && t.server.sessionCount > 0; i++)
          await new Promise((r) => setTimeout(r, 50));
        expect(t.server.sessionCount).toBe(0);
      } finally {
        for (const s of sockets) s.destroy();
      }
    },
    START_TIMEOUT,
  );

  it(
    'keeps serving clients that completed startup when the stalled sockets fill every slot',
    async () => {
      t = await startTestServer({ maxConnections: 20, startupTimeoutMs: 120_000 });
      const c = new Client({ host: '127.0.0.1', port: t.port, user: 'bi', database: 'bigcommerce' });
      await c.connect();
      const sockets = await stalledSockets(t.port, 40);
      try {
        expect((await c.query('SELECT count(*)::int AS n FROM "Brands"')).rows[0].n).toBeGreaterThan(0);
        const late = new Client({ host: '127.0.0.1', port: t.port, user: 'bi', database: 'bigcommerce' });
        await late.connect();
        expect((await late.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        await late.end();
      } finally {
        for (const s of sockets) s.destroy();
        await c.end();
      }
    },
    START_TIMEOUT,
  );
});
