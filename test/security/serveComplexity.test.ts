/**
 * Statements too complex for the provider's parser (54001 from conn.query()) are run by
 * PostgreSQL on bcsql serve, which fetches the table whole (an OR is never pushed down) and
 * answers as PostgreSQL does, never with an internal error; the session carries on.
 */
import { servedClient } from '../server/serverHarness';

const terms = (n: number, op: string, term: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => term(i)).join(` ${op} `);

/** Each statement, and a plain one PostgreSQL answers with the same rows. */
const TOO_COMPLEX: Array<[string, string, string]> = [
  [
    '8,000 OR terms',
    `SELECT "Id" FROM "Products" WHERE ${terms(8000, 'OR', (i) => `"Id" = ${i}`)} ORDER BY 1`,
    'SELECT "Id" FROM "Products" WHERE "Id" < 8000 ORDER BY 1',
  ],
  [
    '1,000 nested parentheses',
    `SELECT "Id" FROM "Products" WHERE ${'('.repeat(1000)}"Id" = 1${')'.repeat(1000)}`,
    'SELECT "Id" FROM "Products" WHERE "Id" = 1',
  ],
];

describe('statements too complex for the provider, through bcsql serve', () => {
  const harness = servedClient();

  it.each(TOO_COMPLEX)(
    '%s: is answered by PostgreSQL with the rows of the plain statement',
    async (_what, sql, plain) => {
      const direct = await harness.t.conn.query(sql).then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      );
      expect(direct).toMatchObject({ code: 'ERR_STATEMENT_TOO_COMPLEX' });
      const served = await harness.c.query(sql);
      expect(served.rows.length).toBeGreaterThan(0);
      expect(served.rows).toEqual((await harness.c.query(plain)).rows);
      // The session carries on.
      expect((await harness.c.query('SELECT "Id" FROM "Brands" WHERE "Id" = 1')).rows).toEqual([{ Id: '1' }]);
    },
    120_000,
  );

  it('answers through the extended protocol too', async () => {
    const sql = `SELECT "Id" FROM "Products" WHERE (${terms(8000, 'OR', (i) => `"Id" = ${i}`)}) AND "Id" > $1 ORDER BY 1`; // prettier-ignore
    expect((await harness.c.query(sql, [38])).rows).toEqual([{ Id: '39' }, { Id: '40' }]);
  }, 120_000);
});
