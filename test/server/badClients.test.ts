/**
 * Clients that misbehave — random bytes, truncated or oversized packets, a disconnect mid-message
 * or mid-query — end only their own session; the server keeps serving everyone else.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { fields, int32, message, query, RawClient, startupPacket } from './rawClient';
import { START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

let t: TestServer;
let observer: Client;

beforeAll(async () => {
  t = await startTestServer({ startupTimeoutMs: 1500, maxMessageBytes: 1024 * 1024 });
  observer = new Client({ host: '127.0.0.1', port: t.port, user: 'observer', database: 'bigcommerce' });
  await observer.connect();
}, START_TIMEOUT);

afterAll(async () => {
  await observer?.end().catch(() => undefined);
  await t?.close();
});

/** The long-lived session and a brand-new one both still get answers. */
async function expectServerHealthy(): Promise<void> {
  const r = await observer.query('SELECT "Id" FROM "Brands" WHERE "Id" = $1', [1]);
  // Store integers are bigint, which node-postgres reads as a string.
  expect(r.rows).toEqual([{ Id: '1' }]);
  const fresh = new Client({ host: '127.0.0.1', port: t.port, user: 'fresh', database: 'bigcommerce' });
  await fresh.connect();
  try {
    expect((await fresh.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  } finally {
    await fresh.end();
  }
}

describe('bad clients', () => {
  it('closes a connection that sends random bytes, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), async (bytes) => {
        const c = await RawClient.connect(t.port);
        c.write(Buffer.from(bytes));
        // Either the server refuses the bytes at once, or it waits for more until the startup timeout.
        expect(await c.waitClosed(4000)).toBe(true);
      }),
      { numRuns: 15, seed: 42 },
    );
    await expectServerHealthy();
  }, 120_000);

  it('answers an impossible startup length with FATAL 08P01 and closes', async () => {
    const c = await RawClient.connect(t.port);
    c.write(int32(0x7fffffff));
    const [err] = await c.until('E');
    expect(fields(err.body)).toMatchObject({ S: 'FATAL', C: '08P01' });
    expect(await c.waitClosed()).toBe(true);
    await expectServerHealthy();
  });

  it('drops a truncated startup packet after the startup timeout', async () => {
    const c = await RawClient.connect(t.port);
    const packet = startupPacket({ user: 'slow', database: 'bigcommerce' });
    c.write(packet.subarray(0, packet.length - 5));
    expect(await c.waitClosed(5000)).toBe(true);
    await expectServerHealthy();
  });

  it('survives a client that disconnects in the middle of a startup packet', async () => {
    const c = await RawClient.connect(t.port);
    c.write(startupPacket({ user: 'gone' }).subarray(0, 9));
    c.end();
    await expectServerHealthy();
  });

  it('survives a client that disconnects in the middle of a message', async () => {
    const c = await RawClient.ready(t.port);
    const q = query('SELECT "Id" FROM "Products"');
    c.write(q.subarray(0, 12));
    c.end();
    await expectServerHealthy();
  });

  it('refuses a message longer than the limit with FATAL 08P01 without buffering it', async () => {
    const c = await RawClient.ready(t.port);
    c.write(Buffer.concat([Buffer.from('Q'), int32(50 * 1024 * 1024)]));
    const out = await c.until('E');
    expect(fields(out[out.length - 1].body)).toMatchObject({ S: 'FATAL', C: '08P01' });
    expect(await c.waitClosed()).toBe(true);
    await expectServerHealthy();
  });

  it('refuses an unknown message type with FATAL 08P01', async () => {
    const c = await RawClient.ready(t.port);
    c.write(message('!', Buffer.from('x')));
    const out = await c.until('E');
    expect(fields(out[out.length - 1].body)).toMatchObject({ S: 'FATAL', C: '08P01' });
    await expectServerHealthy();
  });

  it('refuses a malformed Bind message without crashing', async () => {
    const c = await RawClient.ready(t.port);
    c.write(Buffer.concat([message('B', Buffer.from([0, 0, 0x7f, 0x7f])), message('S')]));
    const out = await c.until('E');
    expect(fields(out[out.length - 1].body).C).toBe('08P01');
    await expectServerHealthy();
  });

  it('cancels the provider query of a client that disconnects mid-query, and serves the others', async () => {
    t.sim.resetRequests();
    await t.conn.query('SELECT count(*) FROM OrderItems');
    const full = t.sim.requests.length;
    t.sim.setLatency(400);
    try {
      const c = await RawClient.ready(t.port);
      t.sim.resetRequests();
      // Fan-out over every order's items: many API requests when left to run.
      c.write(query('SELECT count(*) FROM "OrderItems"'));
      await new Promise((resolve) => setTimeout(resolve, 600));
      c.end();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const made = t.sim.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The query stopped part-way, and nothing more was requested once the client had gone.
      expect(made).toBeLessThan(full);
      expect(t.sim.requests.length).toBe(made);
      // Only the observer's session is left.
      for (let i = 0; i < 30 && t.server.sessionCount > 1; i++) await new Promise((r) => setTimeout(r, 100));
      expect(t.server.sessionCount).toBe(1);
    } finally {
      t.sim.setLatency(0);
    }
    await expectServerHealthy();
  }, 30_000);

  it('cancels a running statement on a CancelRequest with the right key, and only then', async () => {
    t.sim.setLatency(300);
    const victim = new Client({ host: '127.0.0.1', port: t.port, user: 'victim', database: 'bigcommerce' });
    await victim.connect();
    try {
      const { processID, secretKey } = victim as unknown as { processID: number; secretKey: number };
      let settled = false;
      const running = victim.query('SELECT count(*) FROM "OrderItems"');
      running.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const cancel = async (key: number): Promise<void> => {
        const c = await RawClient.connect(t.port);
        c.write(Buffer.concat([int32(16), int32(80877102), int32(processID), int32(key)]));
        await c.waitClosed();
      };
      await cancel(secretKey ^ 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await cancel(secretKey);
      await expect(running).rejects.toMatchObject({ code: '57014' });
      expect((await victim.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      t.sim.setLatency(0);
      await victim.end();
    }
  }, 30_000);
});
