/**
 * A provider statement that runs for hours (an unbounded recursive CTE over a table) must not
 * freeze bcsql serve: other sessions keep being answered, a CancelRequest ends it with 57014,
 * and SIGTERM stops the server.
 */
import { Client } from 'pg';
import { ensureBuilt } from '../cli/cliHarness';
import { fields, query, RawClient, startupPacket, sendCancel } from '../server/rawClient';
import { serve } from '../server/serveCli';
import { pgClient, START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

const RUNAWAY =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c, "Brands" WHERE "Brands"."Id" = 1';
const QUICK = 'SELECT "Id" FROM "Brands" WHERE "Id" = 1';

describe('a runaway provider statement in bcsql serve', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  }, START_TIMEOUT);
  afterAll(async () => {
    await t?.close();
  });

  it('leaves other sessions answered, and a CancelRequest ends it with 57014', async () => {
    const other = await pgClient(t.port);
    const raw = await RawClient.connect(t.port);
    try {
      await other.query(QUICK);
      raw.write(startupPacket({ user: 'raw', database: 'bigcommerce' }));
      const key = (await raw.until('Z')).find((m) => m.type === 'K')!.body;
      raw.write(query(RUNAWAY));
      await new Promise((r) => setTimeout(r, 1000));
      for (let i = 0; i < 3; i++) expect((await other.query(QUICK)).rows).toEqual([{ Id: '1' }]);
      expect(raw.pending.length).toBe(0); // the runaway statement has not answered yet
      await sendCancel(t.port, key.readInt32BE(0), key.readInt32BE(4));
      const answer = await raw.until('Z', 60_000);
      const error = answer.find((m) => m.type === 'E');
      expect(error && fields(error.body)).toMatchObject({ C: '57014' });
    } finally {
      raw.end();
      await other.end();
    }
  }, 120_000);
});

describe('bcsql serve with a runaway provider statement', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 240_000);

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops promptly on %s',
    async (signal) => {
      const served = await serve(['--demo', '--listen', '127.0.0.1:0']);
      const c = new Client(served.url);
      c.on('error', () => undefined);
      await c.connect();
      const running = c.query(RUNAWAY).then(
        () => 'finished',
        (err: { code?: string }) => err.code ?? 'closed',
      );
      await new Promise((r) => setTimeout(r, 2000));
      const exit = await Promise.race([
        served.stop(signal),
        new Promise((r) => setTimeout(() => r('still running after 15 s'), 15_000)),
      ]);
      expect([0, 128 + (signal === 'SIGINT' ? 2 : 15)]).toContain(exit);
      expect(await running).not.toBe('finished');
    },
    240_000,
  );
});
