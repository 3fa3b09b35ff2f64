import { parseDateTimeValue } from '../../src/engine/dateTimeText';
import { typeComparisons, type ColumnTypeOf } from '../../src/engine/typeComparisons';
import type { DataType } from '../../src/types';

const types: Record<string, DataType> = {
  datecreated: 'datetime',
  id: 'integer',
  price: 'decimal',
  isvisible: 'boolean',
  name: 'string',
};
const columnType: ColumnTypeOf = (c) => types[c.name.toLowerCase()];
const typed = (text: string, values?: unknown[] | Record<string, unknown>) =>
  typeComparisons(
    text,
    { args: Array.isArray(values) ? values : values ? [values] : [], values },
    columnType,
  );

describe('parseDateTimeValue', () => {
  it.each([
    ['2025-01-31', '2025-01-31T00:00:00Z'],
    ['2025-1-5', '2025-01-05T00:00:00Z'],
    ['2025/01/31', '2025-01-31T00:00:00Z'],
    ['01/31/2025', '2025-01-31T00:00:00Z'],
    ['2/1/2025', '2025-02-01T00:00:00Z'],
    ['2025-01-31T10:20', '2025-01-31T10:20:00Z'],
    ['2025-01-31 10:20:30.999', '2025-01-31T10:20:30Z'],
    ['2025-01-31T10:20:30Z', '2025-01-31T10:20:30Z'],
    ['2025-01-31T10:20:30+02:00', '2025-01-31T08:20:30Z'],
    ['2025-01-31T10:20:30-0500', '2025-01-31T15:20:30Z'],
    ['Fri, 31 Jan 2025 10:20:30 +0000', '2025-01-31T10:20:30Z'],
  ])('reads %s as %s', (text, staged) => {
    expect(parseDateTimeValue(text)).toBe(staged);
  });

  it('reads a JS Date', () => {
    expect(parseDateTimeValue(new Date(Date.UTC(2025, 0, 31, 10)))).toBe('2025-01-31T10:00:00Z');
  });

  it.each(['2025-13-01', '02/30/2025', '31/01/2025', '2025-01-31T25:00', 'yesterday', '', '20250131'])(
    'does not read %j',
    (text) => {
      expect(parseDateTimeValue(text)).toBeUndefined();
    },
  );
});

describe('typeComparisons', () => {
  it('writes literals compared with typed columns in their stored form, on either side', () => {
    expect(typed("SELECT * FROM t WHERE DateCreated >= '01/31/2025' AND '2025/2/1' > DateCreated").text).toBe(
      "SELECT * FROM t WHERE DateCreated >= '2025-01-31T00:00:00Z' AND '2025-02-01T00:00:00Z' > DateCreated",
    );
    expect(typed("SELECT * FROM t WHERE Id = '007' AND IsVisible = 'true' AND Price < '9.5'").text).toBe(
      'SELECT * FROM t WHERE Id = 7 AND IsVisible = 1 AND Price < 9.5',
    );
    expect(typed("SELECT * FROM t WHERE x.DateCreated BETWEEN '2025-1-1' AND '2025-1-2'").text).toBe(
      "SELECT * FROM t WHERE x.DateCreated BETWEEN '2025-01-01T00:00:00Z' AND '2025-01-02T00:00:00Z'",
    );
    expect(typed("SELECT * FROM t WHERE Id NOT IN ('1', '02')").text).toBe(
      'SELECT * FROM t WHERE Id NOT IN (1, 2)',
    );
  });

  it('leaves strings, column pairs and larger expressions alone', () => {
    for (const sql of [
      "SELECT * FROM t WHERE Name = '007'",
      'SELECT * FROM t a JOIN t b ON a.DateCreated = b.DateCreated',
      "SELECT * FROM t WHERE Id + 1 = '5'",
      "SELECT * FROM t WHERE Name || 'x' = 'ax'",
      'SELECT * FROM t WHERE DateCreated IS NULL',
    ]) {
      expect(typed(sql).text).toBe(sql);
    }
  });

  it('reads date expressions as points in time and CAST(x AS DATE) as a date', () => {
    expect(typed('SELECT * FROM t WHERE DateCreated >= CURRENT_DATE').text).toBe(
      'SELECT * FROM t WHERE DateCreated >= bcsql_datetime(CURRENT_DATE)',
    );
    expect(typed("SELECT * FROM t WHERE DateCreated < date('now')").text).toBe(
      "SELECT * FROM t WHERE DateCreated < bcsql_datetime(date('now'), 'DateCreated', 37)",
    );
    expect(typed("SELECT CAST('2025-01-01' AS DATE), CAST(x AS TEXT)").text).toBe(
      "SELECT bcsql_date('2025-01-01'), CAST(x AS TEXT)",
    );
  });

  it('sums decimal columns exactly and leaves other sums to SQLite', () => {
    expect(typed('SELECT SUM(Price), AVG(t.Price), TOTAL(Price), SUM(Id), SUM(Price * 2) FROM t').text).toBe(
      'SELECT bcsql_decimal_sum(Price), bcsql_decimal_avg(t.Price), bcsql_decimal_total(Price), SUM(Id), SUM(Price * 2) FROM t',
    );
  });

  it('converts parameters for the columns they are compared with', () => {
    const r = typed('SELECT * FROM t WHERE DateCreated > ? AND Id = ? AND Name = ?', [
      '2025/1/1',
      '7',
      '007',
    ]);
    expect(r.bound.args).toEqual(['2025-01-01T00:00:00Z', 7, '007']);
    expect(r.bound.values).toEqual(['2025-01-01T00:00:00Z', 7, '007']);
  });

  it('expands arrays bound to IN (?) and keeps planning values by parameter', () => {
    const r = typed('SELECT * FROM t WHERE Id IN (?) AND Name = ?', [['1', 2], 'a']);
    expect(r.text).toBe('SELECT * FROM t WHERE Id IN (?, ?) AND Name = ?');
    expect(r.bound.args).toEqual([1, 2, 'a']);
    expect(r.bound.values).toEqual([[1, 2], 'a']);
    const named = typed('SELECT * FROM t WHERE Id IN (@ids)', { ids: [3, 4] });
    expect(named.text).toBe('SELECT * FROM t WHERE Id IN (@ids__1, @ids__2)');
    expect(named.bound.args).toEqual([{ ids__1: 3, ids__2: 4 }]);
    expect(typed('SELECT * FROM t WHERE Id IN (?)', [[]]).text).toBe('SELECT * FROM t WHERE Id IN ()');
  });

  it('names the column, the value and its position when a value cannot be read', () => {
    const sql = "SELECT * FROM t WHERE DateCreated > 'soon'";
    expect(() => typed(sql)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_VALUE',
        property: 'DateCreated',
        position: 37,
        message: expect.stringMatching(/^'soon' compared with DateCreated at position 37 is not a date/),
      }),
    );
    expect(() => typed('SELECT * FROM t WHERE DateCreated > 5')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_VALUE' }),
    );
    expect(() => typed('SELECT * FROM t WHERE IsVisible = 2')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_VALUE' }),
    );
    expect(() => typed('SELECT * FROM t WHERE Id = @id', { id: 'x' })).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_VALUE',
        message: expect.stringContaining("parameter @id = 'x'"),
      }),
    );
  });

  it('refuses an array anywhere but a whole IN list', () => {
    expect(() => typed('SELECT * FROM t WHERE Id = ?', [[1]])).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAMETER_VALUE', property: '?1' }),
    );
  });
});
