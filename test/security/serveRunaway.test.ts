/**
 * A statement that would run for hours in the catalog engine (PGlite) must not hold up other
 * sessions, must end with SQLSTATE 57014 at the catalog time limit or on a CancelRequest, and
 * must not keep `bcsql serve` from stopping on SIGTERM.
 */
import { Client } from 'pg';
import { ensureBuilt } from '../cli/cliHarness';
import { fields, query, RawClient, startupPacket, sendCancel } from '../server/rawClient';
import { serve } from '../server/serveCli';
import { pgClient, START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

const CROSS_JOIN = 'SELECT count(*) FROM pg_class a, pg_class b, pg_class c, pg_class d';
const SERIES = 'SELECT count(*) FROM generate_series(1, 10000000000)';
const PROVIDER = 'SELECT "Id", "Name" FROM "Brands" WHERE "Id" = 1';

describe('runaway catalog statements', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ catalogTimeoutMs: 20_000 });
  }, START_TIMEOUT);
  afterAll(async () => {
    await t?.close();
  });

  it('keep other sessions answered, then fail with 57014 at the time limit', async () => {
    const other = await pgClient(t.port);
    const runaway = await pgClient(t.port);
    try {
      await other.query(PROVIDER); // typed once, so repeats need no catalog engine
      let failed: { code?: string; message: string } | undefined;
      const pending = runaway.query(CROSS_JOIN).then(
        () => undefined,
        (err: { code?: string; message: string }) => (failed = err),
      );
      for (let i = 0; i < 5; i++) {
        expect((await other.query(PROVIDER)).rows).toEqual([{ Id: '1', Name: expect.any(String) }]);
      }
      expect(failed).toBeUndefined(); // answered while the runaway statement was still running
      const catalog = await other.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'Brands'");
      expect(catalog.rows).toEqual([{ n: 1 }]);
      await pending;
      expect(failed).toMatchObject({ code: '57014', message: expect.stringMatching(/statement timeout/) });
      // The session and the engine pool carry on.
      expect((await runaway.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all([other.end(), runaway.end()]);
    }
  }, 240_000);

  it('stop at once on a CancelRequest, and the session carries on', async () => {
    const raw = await RawClient.connect(t.port);
    try {
      raw.write(startupPacket({ user: 'raw', database: 'bigcommerce' }));
      const key = (await raw.until('Z')).find((m) => m.type === 'K')!.body;
      raw.write(query(SERIES));
      await new Promise((r) => setTimeout(r, 500));
      await sendCancel(t.port, key.readInt32BE(0), key.readInt32BE(4));
      const answer = await raw.until('Z', 60_000);
      const error = answer.find((m) => m.type === 'E');
      expect(error && fields(error.body)).toMatchObject({
        C: '57014',
        M: expect.stringMatching(/user request/),
      });
      raw.write(query('SELECT 1'));
      expect((await raw.until('Z', 120_000)).map((m) => m.type)).toContain('D');
    } finally {
      raw.end();
    }
  }, 240_000);

  it('ignore a CancelRequest with the wrong key', async () => {
    const raw = await RawClient.connect(t.port);
    try {
      raw.write(startupPacket({ user: 'raw', database: 'bigcommerce' }));
      const key = (await raw.until('Z')).find((m) => m.type === 'K')!.body;
      raw.write(query('SELECT count(*) FROM pg_class a, pg_class b'));
      await sendCancel(t.port, key.readInt32BE(0), key.readInt32BE(4) ^ 1);
      const answer = await raw.until('Z', 120_000);
      expect(answer.map((m) => m.type)).not.toContain('E');
      expect(answer.map((m) => m.type)).toContain('D');
    } finally {
      raw.end();
    }
  }, 240_000);
});

describe('bcsql serve with a runaway statement', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 240_000);

  it('stops promptly on SIGTERM', async () => {
    const served = await serve(['--demo', '--listen', '127.0.0.1:0']);
    const c = new Client(served.url);
    c.on('error', () => undefined);
    await c.connect();
    const running = c.query(CROSS_JOIN).then(
      () => 'finished',
      (err: { code?: string }) => err.code,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const exit = await Promise.race([
      served.stop('SIGTERM'),
      new Promise((r) => setTimeout(() => r('still running after 15 s'), 15_000)),
    ]);
    expect([0, 143]).toContain(exit); // a clean stop, or the exit status of SIGTERM
    expect(await running).toMatch(/^(57P01|57014)$/);
  }, 240_000);
});
