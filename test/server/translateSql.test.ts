import { translateSql } from '../../src/server/translateSql';

describe('translateSql', () => {
  it('turns $n placeholders into ? and remembers which value each takes', () => {
    expect(translateSql('SELECT a FROM t WHERE b = $2 AND c = $1 OR d = $2')).toEqual({
      text: 'SELECT a FROM t WHERE b = ? AND c = ? OR d = ?',
      paramOrder: [1, 0, 1],
      paramCount: 2,
    });
  });

  it('rewrites :: casts, nested and on calls, into SQLite casts', () => {
    expect(
      translateSql('SELECT count(*)::int, ($1::int + 1)::text, "Price"::numeric(10,2) FROM t').text,
    ).toBe(
      'SELECT CAST(count(*) AS INTEGER), CAST((CAST(? AS INTEGER) + 1) AS TEXT), CAST("Price" AS REAL) FROM t',
    );
  });

  it('rewrites CAST(x AS date) to date(x) and timestamp literals to the stored ISO form', () => {
    expect(
      translateSql(
        `SELECT CAST("DateCreated" AS date) FROM t WHERE "DateCreated" >= '2024-01-02 03:04:05+00'::timestamptz`,
      ).text,
    ).toBe(
      // prettier-ignore
      `SELECT date("DateCreated") FROM t WHERE "DateCreated" >= '2024-01-02T03:04:05Z'`,
    );
  });

  it("rewrites date_trunc('month', x) into strftime that yields ISO text", () => {
    expect(
      translateSql(`SELECT date_trunc('month', "public"."Orders"."DateCreated") FROM "public"."Orders"`).text,
    ).toBe(`SELECT strftime('%Y-%m-01T00:00:00Z', "public"."Orders"."DateCreated") FROM "public"."Orders"`);
  });

  it('rewrites ILIKE and E-strings, and leaves quoted names alone', () => {
    expect(translateSql(`SELECT "ILIKE" FROM t WHERE n ILIKE E'%it\\'s%'`).text).toBe(
      `SELECT "ILIKE" FROM t WHERE n LIKE '%it''s%'`,
    );
  });

  it('refuses a cast the provider cannot honour, with SQLSTATE 0A000', () => {
    expect(() => translateSql('SELECT x::interval FROM t')).toThrow(
      expect.objectContaining({ sqlState: '0A000', message: expect.stringMatching(/cast to interval/) }),
    );
    expect(() => translateSql("SELECT date_trunc('quarter', d) FROM t")).toThrow(/date_trunc\('quarter'/);
  });
});
