/**
 * No expression over a procedure's token columns returns the token through bcsql serve: the
 * provider hands the statement rows whose secret columns already hold the mask.
 */
import fc from 'fast-check';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { isSecretProperty, SECRET_MASK } from '../../src/options/properties';
import { servedClient } from '../server/serverHarness';

const PROC = '"RefreshOAuthAccessToken"';

/** Every form of the token a leak could take. */
function encodings(token: string): string[] {
  const tail = token.slice(-16);
  const forms = [tail, [...tail].reverse().join(''), Buffer.from(token).toString('base64').slice(0, 16)];
  forms.push(Buffer.from(tail).toString('hex'));
  return [...new Set(forms.flatMap((f) => [f, f.toUpperCase(), f.toLowerCase()]))];
}

function leaks(rows: unknown[][], token: string): string[] {
  const forms = encodings(token);
  return rows.flat().flatMap((v) => {
    const text = v === null || v === undefined ? '' : String(v);
    return forms.filter((f) => text.includes(f)).map((f) => `${f} in ${text}`);
  });
}

describe('procedure tokens through bcsql serve', () => {
  const harness = servedClient();

  const rows = async (sql: string): Promise<unknown[][]> =>
    (await harness.c.query({ text: sql, rowMode: 'array' })).rows;

  it.each([
    [`SELECT "OAuthAccessToken" || '!' FROM ${PROC}`, `${SECRET_MASK}!`],
    [`SELECT upper("OAuthAccessToken") FROM ${PROC}`, SECRET_MASK],
    [`SELECT lower("OAuthAccessToken") FROM ${PROC}`, SECRET_MASK],
    [`SELECT substr("OAuthAccessToken", 5) FROM ${PROC}`, SECRET_MASK.slice(4)],
    [`SELECT hex("OAuthAccessToken") FROM ${PROC}`, Buffer.from(SECRET_MASK).toString('hex').toUpperCase()],
    [`SELECT replace("OAuthAccessToken", '-', '_') FROM ${PROC}`, SECRET_MASK],
    [`SELECT "OAuthAccessToken" AS "Innocent" FROM ${PROC}`, SECRET_MASK],
  ])('%s returns the mask transformed, never the token', async (sql, expected) => {
    const got = await rows(sql);
    expect(got).toEqual([[expected]]);
    expect(leaks(got, harness.t.sim.accessToken)).toEqual([]);
  });

  it('refuses CTEs, subqueries and joins over a procedure without showing the token', async () => {
    for (const sql of [
      `WITH x AS (SELECT "OAuthAccessToken" AS v FROM ${PROC}) SELECT upper(v) FROM x`,
      `SELECT r."OAuthAccessToken" || b."Name" FROM ${PROC} r CROSS JOIN "Brands" b`,
      `SELECT * FROM (SELECT "OAuthAccessToken" AS v FROM ${PROC}) s`,
    ]) {
      const err = await harness.c.query(sql).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(encodings(harness.t.sim.accessToken).filter((f) => err!.message.includes(f))).toEqual([]);
    }
  });

  it('masks the token columns of EXEC too', async () => {
    const got = await rows('EXEC RefreshOAuthAccessToken');
    expect(got[0][0]).toBe(SECRET_MASK);
    expect(leaks(got, harness.t.sim.accessToken)).toEqual([]);
  });

  it('still gives the token to a program that asks the library directly', async () => {
    const direct = await harness.t.conn.query(`SELECT "OAuthAccessToken" || '!' AS v FROM ${PROC}`);
    expect(direct.rows).toEqual([{ v: `${harness.t.sim.accessToken}!` }]);
    const masked = await harness.t.conn.query(
      `SELECT "OAuthAccessToken" || '!' AS v FROM ${PROC}`,
      undefined,
      {
        maskSecrets: true,
      },
    );
    expect(masked.rows).toEqual([{ v: `${SECRET_MASK}!` }]);
  });

  it('returns no token in any encoding for random expressions over the result columns', async () => {
    const column = fc.constantFrom('"OAuthAccessToken"', '"OAuthRefreshToken"', '"StoreId"', '"ExpiresIn"');
    const literal = fc.constantFrom("'a'", "'-'", "'sim'", "''", "'token'");
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        column,
        tie('e').map((e) => `upper(${e})`),
        tie('e').map((e) => `lower(${e})`),
        tie('e').map((e) => `hex(${e})`),
        tie('e').map((e) => `trim(${e})`),
        fc.tuple(tie('e'), fc.integer({ min: -5, max: 40 })).map(([e, i]) => `substr(${e}, ${i})`),
        fc.tuple(tie('e'), literal).map(([e, l]) => `(${e} || ${l})`),
        fc.tuple(literal, tie('e')).map(([l, e]) => `(${l} || ${e})`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a} || ${b})`),
        fc.tuple(tie('e'), literal, literal).map(([e, a, b]) => `replace(${e}, ${a}, ${b})`),
        tie('e').map((e) => `coalesce(${e}, 'none')`),
        tie('e').map((e) => `CASE WHEN ${e} IS NULL THEN 'n' ELSE ${e} END`),
      ),
    })).e;
    let served = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(expr, { minLength: 1, maxLength: 3 }), async (exprs) => {
        const got = await rows(`SELECT ${exprs.join(', ')} FROM ${PROC}`);
        served += got.length;
        expect(leaks(got, harness.t.sim.accessToken)).toEqual([]);
      }),
      { numRuns: 60 },
    );
    expect(served).toBe(60); // one row per statement: the property looked at real results
  }, 120_000);

  it('marks every procedure result column named like a secret property as secret', () => {
    const unmarked = loadCatalog()
      .procedures.flatMap((p) => p.result.map((c) => ({ p: p.name, ...c })))
      .filter((c) => isSecretProperty(c.name) && !c.secret)
      .map((c) => `${c.p}.${c.name}`);
    expect(unmarked).toEqual([]);
  });
});
