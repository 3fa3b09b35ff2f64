/**
 * Who may connect: loopback without a password by default; any other address only with a
 * password, checked with SCRAM-SHA-256 (or MD5 when chosen) by real clients.
 */
import { Client } from 'pg';
import { connect } from '../../src/connection/Connection';
import { startServer } from '../../src/server/PgServer';
import { fields, query, RawClient, startupPacket } from './rawClient';
import { run, START_TIMEOUT, startTestServer, type TestServer, CACHE_DIR } from './serverHarness';

function pgClient(port: number, password?: string, host = '127.0.0.1'): Client {
  return new Client({ host, port, user: 'someone', database: 'bigcommerce', password });
}

describe('binding beyond loopback', () => {
  it('refuses to start on 0.0.0.0 without a password, before listening', async () => {
    const conn = await connect(
      'AuthScheme=OAuth;StoreId=abc;OAuthAccessToken=t;ApiBaseURL=http://127.0.0.1:9',
    );
    try {
      await expect(
        startServer({ connection: conn, host: '0.0.0.0', port: 0, cacheDir: CACHE_DIR }),
      ).rejects.toMatchObject({
        code: 'ERR_SERVE_PASSWORD_REQUIRED',
        message: expect.stringMatching(
          /refusing to listen on 0\.0\.0\.0 without a password.*BCSQL_SERVE_PASSWORD/,
        ),
      });
    } finally {
      await conn.close();
    }
  });

  describe('with a password (SCRAM-SHA-256)', () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer({ host: '0.0.0.0', password: 'correct horse' });
    }, START_TIMEOUT);
    afterAll(async () => {
      await t?.close();
    });

    it('listens on every interface', () => {
      expect(t.server.host).toBe('0.0.0.0');
    });

    it('lets node-postgres in with the right password', async () => {
      const c = pgClient(t.port, 'correct horse');
      await c.connect();
      try {
        expect((await c.query('SELECT "Id" FROM "Brands" WHERE "Id" = $1', [1])).rows).toEqual([{ Id: '1' }]);
      } finally {
        await c.end();
      }
    });

    it('rejects a wrong password with SQLSTATE 28P01', async () => {
      const c = pgClient(t.port, 'wrong horse');
      await expect(c.connect()).rejects.toMatchObject({
        code: '28P01',
        message: 'password authentication failed for user "someone"',
      });
    });

    it('asks for SCRAM-SHA-256 and serves nothing to a client that answers with a query instead', async () => {
      const raw = await RawClient.connect(t.port);
      raw.write(startupPacket({ user: 'sneaky', database: 'bigcommerce' }));
      const [request] = await raw.until('R');
      expect(request.body.readInt32BE(0)).toBe(10); // AuthenticationSASL
      expect(request.body.toString('utf8', 4)).toBe('SCRAM-SHA-256\0\0');
      raw.write(query('SELECT * FROM "Customers"'));
      const out = await raw.until('E');
      expect(out.map((m) => m.type)).toEqual(['E']);
      expect(fields(out[0].body)).toMatchObject({ S: 'FATAL', C: '08P01' });
      expect(await raw.waitClosed()).toBe(true);
    });

    it('lets psql (libpq) in with PGPASSWORD and refuses it without', async () => {
      const args = ['-X', '-At', '-h', '127.0.0.1', '-p', String(t.port), '-U', 'bi', '-d', 'bigcommerce', '-c', 'SELECT 41 + 1']; // prettier-ignore
      const ok = await run('psql', args, '', { PGPASSWORD: 'correct horse' });
      expect(ok.stdout.trim()).toBe('42');
      const bad = await run('psql', [...args, '-w'], '', { PGPASSWORD: 'nope' });
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/password authentication failed for user "bi"/);
    });
  });

  describe('with a password (MD5)', () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer({ password: 's3cret', authMethod: 'md5' });
    }, START_TIMEOUT);
    afterAll(async () => {
      await t?.close();
    });

    it('lets a client in with the right password and refuses a wrong one', async () => {
      const good = pgClient(t.port, 's3cret');
      await good.connect();
      expect((await good.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await good.end();
      await expect(pgClient(t.port, 'S3cret').connect()).rejects.toMatchObject({ code: '28P01' });
    });
  });
});
