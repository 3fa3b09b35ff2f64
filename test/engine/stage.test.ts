import * as fs from 'node:fs';
import { createStaging, type StageTable } from '../../src/engine/stage';
import { tables } from './fixtures';

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

  it('stages one row per element of an unnested array, reading $owner.… from the listed record', () => {
    const s = createStaging({ threshold: 1000 });
    s.createTable({
      name: 'RefundItems',
      unnest: 'items',
      columns: [
        { name: 'RefundId', type: 'integer', source: '$owner.id' },
        { name: 'OrderId', type: 'integer', source: '$owner.order.id' },
        { name: 'ItemId', type: 'integer', source: 'item_id' },
      ],
    });
    s.insertRecords('RefundItems', [
      { id: 1, order: { id: 7 }, items: [{ item_id: 10 }, { item_id: 11 }] },
      { id: 2, order: { id: 8 }, items: [] },
      { id: 3, order: { id: 9 } },
      { id: 4, order: { id: 9 }, items: [{ item_id: 12 }, null] },
    ]);
    expect(s.db.prepare('SELECT * FROM RefundItems ORDER BY ItemId').raw().all()).toEqual([
      [1, 7, 10],
      [1, 7, 11],
      [4, 9, 12],
    ]);
    expect(s.rowCount).toBe(3);
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
