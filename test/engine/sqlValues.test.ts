import { normaliseDateTime, recordToObject, toSqlValue } from '../../src/engine/sqlValues';
import { tables } from './fixtures';

describe('normaliseDateTime', () => {
  it('turns a v2 RFC 2822 date into ISO 8601 UTC', () => {
    expect(normaliseDateTime('Tue, 13 Mar 2018 16:18:59 +0000')).toBe('2018-03-13T16:18:59Z');
    expect(normaliseDateTime('Tue, 13 Mar 2018 16:18:59 -0500')).toBe('2018-03-13T21:18:59Z');
  });

  it('turns a v3 date with an offset into the same UTC form', () => {
    expect(normaliseDateTime('2018-08-15T14:49:05+00:00')).toBe('2018-08-15T14:49:05Z');
    expect(normaliseDateTime('2018-08-15T14:49:05+02:00')).toBe('2018-08-15T12:49:05Z');
    expect(normaliseDateTime('2018-08-15T14:49:05.123Z')).toBe('2018-08-15T14:49:05Z');
  });

  it('reads a timestamp without an offset as UTC', () => {
    expect(normaliseDateTime('2024-05-01 10:00:00')).toBe('2024-05-01T10:00:00Z');
    expect(normaliseDateTime('2024-05-01')).toBe('2024-05-01T00:00:00Z');
  });

  it('makes empty and zero dates NULL', () => {
    expect(normaliseDateTime('')).toBeNull();
    expect(normaliseDateTime('0000-00-00 00:00:00')).toBeNull();
    expect(normaliseDateTime(null)).toBeNull();
  });

  it('reads epoch seconds, as numbers or digit strings', () => {
    expect(normaliseDateTime(1714557600)).toBe('2024-05-01T10:00:00Z');
    expect(normaliseDateTime('1714557600')).toBe('2024-05-01T10:00:00Z');
  });

  it('keeps text that is not a date as it came', () => {
    expect(normaliseDateTime('soon')).toBe('soon');
  });
});

describe('toSqlValue', () => {
  it('turns decimal strings into numbers and empty strings into NULL', () => {
    expect(toSqlValue('decimal', '12.5000')).toBe(12.5);
    expect(toSqlValue('decimal', '')).toBeNull();
    expect(toSqlValue('integer', '7')).toBe(7);
    expect(toSqlValue('integer', 'x')).toBeNull();
  });

  it('stores booleans as 0/1', () => {
    expect(toSqlValue('boolean', true)).toBe(1);
    expect(toSqlValue('boolean', false)).toBe(0);
    expect(toSqlValue('boolean', 'true')).toBe(1);
    expect(toSqlValue('boolean', 0)).toBe(0);
    expect(toSqlValue('boolean', 'maybe')).toBeNull();
  });

  it('stores objects and arrays as JSON text', () => {
    expect(toSqlValue('json', [{ a: 1 }])).toBe('[{"a":1}]');
    expect(toSqlValue('string', { a: 1 })).toBe('{"a":1}');
    expect(toSqlValue('string', 5)).toBe('5');
  });
});

describe('recordToObject', () => {
  it('reads dotted paths and leaves missing ones NULL', () => {
    const row = recordToObject(tables.products.columns, {
      id: 1,
      name: 'A',
      price: '9.95',
      is_visible: true,
      date_modified: '2024-05-01T10:00:00+00:00',
      custom_url: { url: '/a/' },
      images: [{ id: 3 }],
    });
    expect(row).toEqual({
      Id: 1,
      Name: 'A',
      Sku: null,
      Price: 9.95,
      IsVisible: 1,
      DateModified: '2024-05-01T10:00:00Z',
      CustomUrl: '/a/',
      Images: '[{"id":3}]',
    });
  });

  it('fills $parent columns from the parent row', () => {
    expect(
      recordToObject(tables.orderItems.columns, { id: 5, name: 'x', quantity: 2 }, { id: 9, Id: 7 }),
    ).toEqual({
      Id: 5,
      OrderId: 7,
      Name: 'x',
      Quantity: 2,
    });
  });
});
