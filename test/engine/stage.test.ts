import * as fs from 'node:fs';
import {
  createStaging,
  normaliseDateTime,
  recordToObject,
  toSqlValue,
  type StageTable,
} from '../../src/engine/stage';
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

describe('createStaging', () => {
  const products: StageTable = tables.products;

  it('creates tables with the declared types BOOLEAN, DATETIME, REAL, INTEGER and TEXT', () => {
    const s = createStaging({ threshold: 1000 });
    s.createTable(products);
    const info = s.db.prepare('PRAGMA table_info(Products)').all() as { name: string; type: string }[];
    expect(Object.fromEntries(info.map((c) => [c.name, c.type]))).toEqual({
      Id: 'INTEGER',
      Name: 'TEXT',
      Sku: 'TEXT',
      Price: 'REAL',
      IsVisible: 'BOOLEAN',
      DateModified: 'DATETIME',
      CustomUrl: 'TEXT',
      Images: 'TEXT',
    });
    s.close();
  });

  it('lets SQLite find the table however the user spells it', () => {
    const s = createStaging({ threshold: 1000 });
    s.createTable(products);
    s.insertRecords('Products', [{ id: 1, name: 'A' }]);
    for (const sql of ['SELECT * FROM products', 'SELECT * FROM [Products]', 'SELECT * FROM "PRODUCTS"']) {
      expect(s.db.prepare(sql).all()).toHaveLength(1);
    }
    s.close();
  });

  it('orders staged datetimes in time by comparing their text', () => {
    const s = createStaging({ threshold: 1000 });
    s.createTable(products);
    s.insertRecords('Products', [
      { id: 1, date_modified: 'Tue, 13 Mar 2018 23:00:00 -0500' },
      { id: 2, date_modified: '2018-03-14T03:00:00+00:00' },
    ]);
    const ids = s.db.prepare('SELECT Id FROM Products ORDER BY DateModified').pluck().all();
    expect(ids).toEqual([2, 1]);
    s.close();
  });

  it('moves to a temporary file above the row threshold and deletes it on close', () => {
    const s = createStaging({ threshold: 50 });
    s.createTable(products);
    s.insertRecords(
      'Products',
      Array.from({ length: 30 }, (_, i) => ({ id: i + 1 })),
    );
    expect(s.onDisk).toBe(false);
    s.insertRecords(
      'Products',
      Array.from({ length: 30 }, (_, i) => ({ id: i + 31 })),
    );
    expect(s.onDisk).toBe(true);
    const file = s.db.name;
    expect(fs.existsSync(file)).toBe(true);
    expect(s.db.prepare('SELECT COUNT(*) FROM Products').pluck().get()).toBe(60);
    expect(s.rowCount).toBe(60);
    s.close();
    expect(fs.existsSync(file)).toBe(false);
  });

  it("knows each staged column's type for the result", () => {
    const s = createStaging({ threshold: 10 });
    s.createTable(products);
    expect(s.columnType('products', 'isvisible')).toBe('boolean');
    expect(s.columnType('Products', 'Nope')).toBeUndefined();
    s.close();
  });
});

describe('pooled staging', () => {
  const brands: StageTable = { name: 'Brands', columns: [{ name: 'Id', type: 'integer', source: 'id' }] };

  it('reuses an emptied database for the next statement over the same tables', () => {
    const a = createStaging({ threshold: 1000, tables: [brands] });
    a.insertRecords('Brands', [{ id: 1 }, { id: 2 }]);
    const first = a.prepare('SELECT COUNT(*) AS n FROM Brands');
    expect(first.statement.get()).toEqual({ n: 2 });
    const db = a.db;
    a.close();
    const b = createStaging({ threshold: 1000, tables: [brands] });
    expect(b.db).toBe(db);
    expect(b.prepare('SELECT COUNT(*) AS n FROM Brands')).toBe(first);
    expect(first.statement.get()).toEqual({ n: 0 });
    b.close();
  });

  it('gives a statement only the tables it references', () => {
    const a = createStaging({ threshold: 1000, tables: [brands, tables.products] });
    a.close();
    const b = createStaging({ threshold: 1000, tables: [brands] });
    expect(() => b.prepare('SELECT * FROM Products')).toThrow(/no such table/);
    b.close();
  });

  it('does not mix two definitions of a table with the same name', () => {
    const other: StageTable = { name: 'Brands', columns: [{ name: 'Name', type: 'string', source: 'name' }] };
    createStaging({ threshold: 1000, tables: [brands] }).close();
    const b = createStaging({ threshold: 1000, tables: [other] });
    expect(b.columnType('Brands', 'Name')).toBe('string');
    expect(() => b.prepare('SELECT Id FROM Brands')).toThrow(/no such column/);
    b.close();
  });

  it('does not pool a database that moved to disk', () => {
    const a = createStaging({ threshold: 2, tables: [brands] });
    a.insertRecords('Brands', [{ id: 1 }, { id: 2 }, { id: 3 }]);
    const db = a.db;
    a.close();
    expect(db.open).toBe(false);
  });
});
