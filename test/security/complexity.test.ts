/**
 * Statements deeper or longer than the parser and SQLite can take (8,000 OR or AND terms, 1,000
 * nested parentheses) end with ERR_STATEMENT_TOO_COMPLEX, a BigCommerceSqlError, before any
 * request: never a bare RangeError, a stack trace or a misleading syntax error.
 */
import { BigCommerceSqlError } from '../../src/errors';
import { parseStatement } from '../../src/sql/parseStatement';
import { MAX_CHAIN, MAX_NESTING } from '../../src/sql/complexity';
import { cleanEnv, ensureBuilt, runCli } from '../cli/cliHarness';
import { simSetup, type SimSetup } from '../integration/simConnection';

const terms = (n: number, op: string, term: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => term(i)).join(` ${op} `);

const TOO_COMPLEX: [string, string][] = [
  ['8,000 OR terms', `SELECT Id FROM Products WHERE ${terms(8000, 'OR', (i) => `Id = ${i}`)}`],
  ['8,000 AND terms', `SELECT Id FROM Products WHERE ${terms(8000, 'AND', (i) => `Id <> ${i}`)}`],
  ['1,000 nested parentheses', `SELECT Id FROM Products WHERE ${'('.repeat(1000)}Id = 1${')'.repeat(1000)}`],
  ['5,000 additions', `SELECT ${terms(5000, '+', (i) => String(i))} AS n FROM Products`],
  [
    'an EXPLAIN of 8,000 OR terms',
    `EXPLAIN SELECT Id FROM Brands WHERE ${terms(8000, 'OR', (i) => `Id = ${i}`)}`,
  ],
];

let t: SimSetup;
beforeAll(async () => {
  await ensureBuilt();
  t = await simSetup({ products: 5, customers: 1, orders: 1 });
}, 240_000);
afterAll(() => t.close());

describe('statements too complex to run', () => {
  it.each(TOO_COMPLEX)(
    '%s: query() rejects with ERR_STATEMENT_TOO_COMPLEX and sends nothing',
    async (_, sql) => {
      const before = t.apiRequests().length;
      const err = (await t.conn.query(sql).catch((e: unknown) => e)) as BigCommerceSqlError;
      expect(err).toBeInstanceOf(BigCommerceSqlError);
      expect(err.code).toBe('ERR_STATEMENT_TOO_COMPLEX');
      expect(err.message).toMatch(/more than \d+|nest/);
      expect(err.message).not.toMatch(/\n\s+at /);
      expect(t.apiRequests().length).toBe(before);
    },
  );

  it('stream() rejects the same way', async () => {
    const stream = t.conn.stream(TOO_COMPLEX[0][1]);
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toMatchObject({ code: 'ERR_STATEMENT_TOO_COMPLEX' });
  });

  it('bcsql prints one ERROR line with the code', async () => {
    const r = await runCli([], {
      input: `${TOO_COMPLEX[1][1]};\n`,
      env: cleanEnv({ BIGCOMMERCE_CONNECTION: connString() }),
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^ERROR ERR_STATEMENT_TOO_COMPLEX: .*AND\/OR/m);
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
  });

  it('still runs statements just inside the limits', async () => {
    const ors = `SELECT Id FROM Products WHERE ${terms(MAX_CHAIN - 100, 'OR', (i) => `Id = ${i}`)}`;
    expect((await t.conn.query(ors)).rowCount).toBe(5);
    const nested = `SELECT Id FROM Products WHERE ${'('.repeat(MAX_NESTING - 1)}Id = 1${')'.repeat(MAX_NESTING - 1)}`;
    expect((await t.conn.query(nested)).rowCount).toBe(1);
  });

  it('is refused by parseStatement itself, so every caller (bcsql serve included) gets the code', () => {
    expect(() => parseStatement(TOO_COMPLEX[1][1])).toThrow(
      expect.objectContaining({ code: 'ERR_STATEMENT_TOO_COMPLEX' }),
    );
  });
});

function connString(): string {
  return `AuthScheme=PersonalAccessToken;StoreId=${t.sim.storeHash};OAuthAccessToken=${t.sim.accessToken};ApiBaseURL=${t.sim.apiBaseUrl}`;
}
