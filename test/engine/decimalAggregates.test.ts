import Database from 'better-sqlite3';
import { registerDecimalAggregates } from '../../src/engine/decimalAggregates';

function db(values: (number | null)[]) {
  const d = new Database(':memory:');
  registerDecimalAggregates(d);
  d.exec('CREATE TABLE t (i INTEGER, v REAL)');
  const insert = d.prepare('INSERT INTO t VALUES (?, ?)');
  values.forEach((v, i) => insert.run(i, v));
  return d;
}
const one = (d: Database.Database, sql: string) => d.prepare(sql).pluck().get();

describe('decimal aggregates', () => {
  it('sums money exactly where a float sum drifts', () => {
    const values = [0.1, 0.2, 1234.56, 4958.66];
    const d = db(values);
    expect(one(d, 'SELECT SUM(v) FROM t')).not.toBe(6193.52);
    expect(one(d, 'SELECT bcsql_decimal_sum(v) FROM t')).toBe(6193.52);
  });

  it('keeps the finest scale of the values and sums negatives', () => {
    expect(one(db([1.5, -0.25, 2, 0.125]), 'SELECT bcsql_decimal_sum(v) FROM t')).toBe(3.375);
  });

  it('answers NULL for SUM and AVG of no values and 0 for TOTAL, skipping NULLs', () => {
    const d = db([null, null]);
    expect(one(d, 'SELECT bcsql_decimal_sum(v) FROM t')).toBeNull();
    expect(one(d, 'SELECT bcsql_decimal_avg(v) FROM t')).toBeNull();
    expect(one(d, 'SELECT bcsql_decimal_total(v) FROM t')).toBe(0);
    expect(one(db([1.1, null, 2.2]), 'SELECT bcsql_decimal_sum(v) FROM t')).toBe(3.3);
  });

  it('averages to at least four decimals, rounding half away from zero', () => {
    expect(one(db([1, 2]), 'SELECT bcsql_decimal_avg(v) FROM t')).toBe(1.5);
    expect(one(db([10, 10, 10.01]), 'SELECT bcsql_decimal_avg(v) FROM t')).toBe(10.0033);
    expect(one(db([0.1, 0.2, 0.3]), 'SELECT bcsql_decimal_avg(v) FROM t')).toBe(0.2);
  });

  it('stays exact past the safe-integer range of scaled units', () => {
    expect(one(db([9e12 + 0.01, 9e12 + 0.02]), 'SELECT bcsql_decimal_sum(v) FROM t')).toBe(18000000000000.03);
  });

  it('works as a window function, taking values out of a sliding frame', () => {
    const d = db([0.1, 0.2, 0.3, 0.4]);
    const rows = d
      .prepare(
        'SELECT bcsql_decimal_sum(v) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t',
      )
      .pluck()
      .all();
    expect(rows).toEqual([0.1, 0.3, 0.5, 0.7]);
  });
});
