/**
 * The differential tests' third way: the simulator's seed records staged directly in SQLite
 * with the stage module's mapping (none of the planning or fetching), and the canonical form
 * results are compared in.
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { bindParameters } from '../../src/engine/bindParameters';
import { createStaging, type Staging } from '../../src/engine/stage';
import type { SimStore } from '../../src/simulator';
import { parseStatement } from '../../src/sql/parseStatement';
import type { SelectStatement } from '../../src/sql/types';
import type { Connection } from '../../src';
import type { QueryParams, Row } from '../../src/types';
import { seedRecords } from './seedRows';
import { simSetup, type SimSetup } from './simConnection';

export interface Case {
  sql: string;
  params?: QueryParams;
  /** LIMIT without ORDER BY may pick any rows: check the count, and that each row is one the query without LIMIT returns. */
  anyRowsOf?: string;
  /**
   * The same question for plain SQLite over the seed, where the provider's reading differs from
   * SQLite's own (dates in other spellings, arrays bound to IN (?)): literals in the staged form.
   */
  direct?: { sql: string; params?: QueryParams };
}

export function buildDirect(store: SimStore): Staging {
  const staging = createStaging({ threshold: Number.MAX_SAFE_INTEGER });
  for (const def of loadCatalog().tables) {
    staging.createTable(def);
    for (const { record, parent } of seedRecords(store, def.name))
      staging.insertRecords(def.name, [record], parent);
  }
  return staging;
}

export function runDirect(staging: Staging, sql: string, params?: QueryParams): Row[] {
  const stmt = parseStatement(sql) as SelectStatement;
  return staging.db.prepare(stmt.text).all(...bindParameters(stmt, params).args) as Row[];
}

/** Values compared across the three ways: booleans as 0/1, floats to 9 significant digits. */
function canon(row: Row): string {
  const out = Object.values(row).map((v) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number' && !Number.isInteger(v)) return Number(v.toPrecision(9));
    return v;
  });
  return JSON.stringify(out);
}

function canonAll(rows: Row[], ordered: boolean): string[] {
  const c = rows.map(canon);
  return ordered ? c : c.sort();
}

/** Runs a case with Pushdown on and off and checks both against SQLite over the seed. */
export async function expectAgreement(
  c: Case,
  pushdownOn: Connection,
  pushdownOff: Connection,
  direct: Staging,
): Promise<void> {
  const on = await pushdownOn.query(c.sql, c.params);
  const off = await pushdownOff.query(c.sql, c.params);
  expect(on.warnings).toEqual([]);
  expect(off.warnings).toEqual([]);
  if (c.anyRowsOf) {
    const all = new Set(canonAll(runDirect(direct, c.anyRowsOf, c.params), false));
    const expected = runDirect(direct, c.sql, c.params);
    for (const r of [on, off]) {
      expect(r.rowCount).toBe(expected.length);
      for (const row of r.rows) expect(all.has(canon(row))).toBe(true);
    }
    return;
  }
  const ordered = /\border\s+by\b/i.test(c.sql);
  const plain = c.direct ?? { sql: c.sql, params: c.params };
  const expected = canonAll(runDirect(direct, plain.sql, plain.params), ordered);
  expect(canonAll(on.rows, ordered)).toEqual(expected);
  expect(canonAll(off.rows, ordered)).toEqual(expected);
}

/**
 * Declares a differential suite: a simulated store of `store`'s size, every case run with Pushdown
 * on and off against SQLite over the seed, and at most `maxEmptyShare` of the cases answering no
 * rows directly (an empty answer agrees with anything, so it proves little). `more` declares
 * further tests inside the same describe, given the two connections once they exist.
 */
export function describeDifferential(
  title: string,
  corpus: Case[],
  store: Parameters<typeof simSetup>[0],
  maxEmptyShare: number,
  more?: (conns: () => { on: Connection; off: Connection }) => void,
): void {
  let s: SimSetup;
  let pushdownOff: Connection;
  let direct: Staging;

  beforeAll(async () => {
    s = await simSetup(store);
    pushdownOff = await s.connectWith({ Pushdown: false });
    direct = buildDirect(s.sim.store);
  }, 60000);

  afterAll(async () => {
    direct?.close();
    await s?.close();
  });

  describe(title, () => {
    it('mostly asks questions whose answer is not empty, so agreement means something', () => {
      const empty = corpus
        .filter(
          (c) =>
            runDirect(direct, c.direct?.sql ?? c.sql, c.direct ? c.direct.params : c.params).length === 0,
        )
        .map((c) => c.sql);
      // Failing, it names the empty cases.
      expect(empty.length <= Math.floor(corpus.length * maxEmptyShare) ? [] : empty).toEqual([]);
    });

    it.each(corpus.map((c) => [c.sql, c] as const))('%s', async (_sql, c) => {
      await expectAgreement(c, s.conn, pushdownOff, direct);
    });

    more?.(() => ({ on: s.conn, off: pushdownOff }));
  });
}
