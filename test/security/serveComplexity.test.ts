/**
 * Statements too complex for the provider's parser reach a bcsql serve client as SQLSTATE 54001
 * (statement too complex) with the provider's own message, never as an internal error.
 */
import { Client } from 'pg';
import { pgClient, START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

const terms = (n: number, op: string, term: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => term(i)).join(` ${op} `);

const TOO_COMPLEX: Array<[string, string]> = [
  ['8,000 OR terms', `SELECT "Id" FROM "Products" WHERE ${terms(8000, 'OR', (i) => `"Id" = ${i}`)}`],
  [
    '1,000 nested parentheses',
    `SELECT "Id" FROM "Products" WHERE ${'('.repeat(1000)}"Id" = 1${')'.repeat(1000)}`,
  ],
];

describe('statements too complex for the provider, through bcsql serve', () => {
  let t: TestServer;
  let c: Client;
  beforeAll(async () => {
    t = await startTestServer();
    c = await pgClient(t.port);
  }, START_TIMEOUT);
  afterAll(async () => {
    await c?.end();
    await t?.close();
  });

  it.each(TOO_COMPLEX)(
    '%s: answers 54001 with the provider message',
    async (_what, sql) => {
      const direct = await t.conn.query(sql).then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      );
      expect(direct).toMatchObject({ code: 'ERR_STATEMENT_TOO_COMPLEX' });
      const served = await c.query(sql).then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      );
      expect(served).toMatchObject({ code: '54001', message: direct!.message });
      // The session carries on.
      expect((await c.query('SELECT "Id" FROM "Brands" WHERE "Id" = 1')).rows).toEqual([{ Id: 1 }]);
    },
    120_000,
  );

  it('answers 54001 through the extended protocol too', async () => {
    const sql = `${TOO_COMPLEX[0][1]} AND "Id" > $1`;
    await expect(c.query(sql, [0])).rejects.toMatchObject({ code: '54001' });
  }, 120_000);
});
