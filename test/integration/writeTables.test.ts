/**
 * Every table the provider writes, round-tripped against the simulator (which checks each body
 * against BigCommerce's OpenAPI request schemas): INSERT … RETURNING, UPDATE, then DELETE, each
 * checked with a SELECT through the provider.
 */
import type { Connection } from '../../src';
import { simSetup, type SimSetup } from './simConnection';

let s: SimSetup;
let conn: Connection;
beforeAll(async () => {
  s = await simSetup({ products: 10, customers: 5, orders: 5 });
  conn = s.conn;
}, 60000);
afterAll(() => s?.close());

async function one(sql: string, params?: unknown[]): Promise<Record<string, unknown> | undefined> {
  return (await conn.query(sql, params)).rows[0];
}

describe('round trips', () => {
  it('Categories: create under the root, describe, delete by id:in', async () => {
    const { Id } = (await one("INSERT INTO Categories (Name, ParentId) VALUES ('Tools X', 0) RETURNING Id"))!;
    await conn.query("UPDATE Categories SET Description = 'Hand tools' WHERE Id = ?", [Id]);
    expect(await one('SELECT Name, Description FROM Categories WHERE Id = ?', [Id])).toEqual({
      Name: 'Tools X',
      Description: 'Hand tools',
    });
    expect((await conn.query('DELETE FROM Categories WHERE Id = ?', [Id])).rowCount).toBe(1);
    expect(await one('SELECT Id FROM Categories WHERE Id = ?', [Id])).toBeUndefined();
  });

  it('ProductImages and ProductCustomFields: added to the product the row names', async () => {
    const img = (await one(
      "INSERT INTO ProductImages (ProductId, ImageUrl, Description) VALUES (2, 'https://img.test/x.png', 'front') RETURNING Id",
    ))!;
    await conn.query("UPDATE ProductImages SET Description = 'back' WHERE ProductId = 2 AND Id = ?", [
      img.Id,
    ]);
    expect(
      await one('SELECT Description FROM ProductImages WHERE ProductId = 2 AND Id = ?', [img.Id]),
    ).toEqual({ Description: 'back' });
    const cf = (await one(
      "INSERT INTO ProductCustomFields (ProductId, Name, Value) VALUES (2, 'isbn', '123') RETURNING Id, ProductId",
    ))!;
    expect(cf.ProductId).toBe(2);
    await conn.query(
      "UPDATE ProductCustomFields SET Value = Value || '4' WHERE ProductId = 2 AND Name = 'isbn'",
    );
    expect(await one("SELECT Value FROM ProductCustomFields WHERE ProductId = 2 AND Name = 'isbn'")).toEqual({
      Value: '1234',
    });
    expect(
      (await conn.query("DELETE FROM ProductCustomFields WHERE ProductId = 2 AND Name = 'isbn'")).rowCount,
    ).toBe(1);
    expect(
      (await conn.query('DELETE FROM ProductImages WHERE ProductId = 2 AND Id = ?', [img.Id])).rowCount,
    ).toBe(1);
  });

  it('ProductVariants: prices changed per variant of a product', async () => {
    const before = (await conn.query('SELECT Id, Price FROM ProductVariants WHERE ProductId = 1 ORDER BY Id'))
      .rows;
    const r = await conn.query('UPDATE ProductVariants SET Price = 3.25 WHERE ProductId = 1');
    expect(r.rowCount).toBe(before.length);
    const after = (await conn.query('SELECT Id, Price FROM ProductVariants WHERE ProductId = 1 ORDER BY Id'))
      .rows;
    expect(after).toEqual(before.map((v) => ({ Id: v.Id, Price: 3.25 })));
  });

  it('CustomerAddresses and CustomerGroups', async () => {
    const a = (await one(
      "INSERT INTO CustomerAddresses (CustomerId, FirstName, LastName, Address1, City, CountryCode, StateOrProvince, PostalCode) VALUES (1, 'Ann', 'Lee', '1 Main St', 'Houston', 'US', 'Texas', '77001') RETURNING Id",
    ))!;
    await conn.query("UPDATE CustomerAddresses SET City = 'Austin' WHERE Id = ?", [a.Id]);
    expect(await one('SELECT City FROM CustomerAddresses WHERE Id = ?', [a.Id])).toEqual({ City: 'Austin' });
    expect((await conn.query('DELETE FROM CustomerAddresses WHERE Id = ?', [a.Id])).rowCount).toBe(1);
    const g = (await one("INSERT INTO CustomerGroups (Name) VALUES ('Wholesale X') RETURNING Id"))!;
    await conn.query("UPDATE CustomerGroups SET Name = 'Wholesale Y' WHERE Id = ?", [g.Id]);
    expect(await one('SELECT Name FROM CustomerGroups WHERE Id = ?', [g.Id])).toEqual({
      Name: 'Wholesale Y',
    });
    expect((await conn.query('DELETE FROM CustomerGroups WHERE Id = ?', [g.Id])).rowCount).toBe(1);
  });

  it('Orders: created with LinkedProducts, status and notes updated, DELETE archives', async () => {
    const items = JSON.stringify([{ product_id: 1, quantity: 2 }]);
    const o = (await one(
      "INSERT INTO Orders (LinkedProducts, BillingAddressFirstName, BillingAddressLastName, BillingAddressStreet1, BillingAddressCity, BillingAddressState, BillingAddressZip, BillingAddressCountry, BillingAddressEmail) VALUES (?, 'Ann', 'Lee', '1 Main St', 'Houston', 'Texas', '77001', 'United States', 'ann@test.example') RETURNING Id",
      [items],
    ))!;
    expect(
      (await conn.query('SELECT ProductId, Quantity FROM OrderItems WHERE OrderId = ?', [o.Id])).rows,
    ).toEqual([{ ProductId: 1, Quantity: 2 }]);
    await conn.query("UPDATE Orders SET StatusId = 2, StaffNotes = 'packed' WHERE Id = ?", [o.Id]);
    expect(await one('SELECT StatusId, StaffNotes FROM Orders WHERE Id = ?', [o.Id])).toEqual({
      StatusId: 2,
      StaffNotes: 'packed',
    });
    expect((await conn.query('DELETE FROM Orders WHERE Id = ?', [o.Id])).rowCount).toBe(1);
    expect(await one('SELECT IsDeleted FROM Orders WHERE Id = ?', [o.Id])).toEqual({ IsDeleted: true });
  });

  it('OrderShipments: shipped to an address of the order', async () => {
    const addr = (await one('SELECT Id FROM OrderShippingAddresses WHERE OrderId = 3'))!;
    const sh = (await one(
      "INSERT INTO OrderShipments (OrderId, OrderAddressId, TrackingNumber, Items) VALUES (3, ?, 'TRK1', '[]') RETURNING Id, TrackingNumber",
      [addr.Id],
    ))!;
    expect(sh.TrackingNumber).toBe('TRK1');
    await conn.query("UPDATE OrderShipments SET TrackingNumber = 'TRK2' WHERE OrderId = 3 AND Id = ?", [
      sh.Id,
    ]);
    expect(
      await one('SELECT TrackingNumber FROM OrderShipments WHERE OrderId = 3 AND Id = ?', [sh.Id]),
    ).toEqual({ TrackingNumber: 'TRK2' });
    expect(
      (await conn.query('DELETE FROM OrderShipments WHERE OrderId = 3 AND Id = ?', [sh.Id])).rowCount,
    ).toBe(1);
  });

  it('Coupons: v2 money sent as the strings v2 takes', async () => {
    const c = (await one(
      "INSERT INTO Coupons (Name, Type, Amount, Code, AppliesToEntity, AppliesToIds) VALUES ('Ten off', 'per_item_discount', 10, 'WRITE-TEST-10', 'categories', '[0]') RETURNING Id, Amount",
    ))!;
    expect(c.Amount).toBe(10);
    const u = await conn.query('UPDATE Coupons SET Amount = Amount + 2.5 WHERE Id = ? RETURNING Amount', [
      c.Id,
    ]);
    expect(u.rows).toEqual([{ Amount: 12.5 }]);
    expect((await conn.query('DELETE FROM Coupons WHERE Id = ?', [c.Id])).rowCount).toBe(1);
    expect(await one('SELECT Id FROM Coupons WHERE Id = ?', [c.Id])).toBeUndefined();
  });

  it('PriceLists and PriceListRecords (records upserted in one batch PUT)', async () => {
    const pl = (await one("INSERT INTO PriceLists (Name) VALUES ('Trade') RETURNING Id"))!;
    await conn.query('UPDATE PriceLists SET Active = TRUE WHERE Id = ?', [pl.Id]);
    expect(await one('SELECT Name, Active FROM PriceLists WHERE Id = ?', [pl.Id])).toEqual({
      Name: 'Trade',
      Active: true,
    });
    s.sim.resetRequests();
    const r = await conn.query(
      "INSERT INTO PriceListRecords (PriceListId, VariantId, Currency, Price) VALUES (?, 1, 'USD', 9.5), (?, 2, 'USD', 8)",
      [pl.Id, pl.Id],
    );
    expect(r.rowCount).toBe(2);
    expect(s.apiRequests().filter((q) => q.method === 'PUT')).toHaveLength(1);
    await conn.query('UPDATE PriceListRecords SET Price = Price + 1 WHERE PriceListId = ?', [pl.Id]);
    const rows = (
      await conn.query(
        'SELECT VariantId, Price FROM PriceListRecords WHERE PriceListId = ? ORDER BY VariantId',
        [pl.Id],
      )
    ).rows;
    expect(rows).toEqual([
      { VariantId: 1, Price: 10.5 },
      { VariantId: 2, Price: 9 },
    ]);
    s.sim.resetRequests();
    const d = await conn.query('DELETE FROM PriceListRecords WHERE PriceListId = ? AND VariantId = 1', [
      pl.Id,
    ]);
    expect(d.rowCount).toBe(1);
    expect(s.apiRequests().filter((q) => q.method === 'DELETE')).toHaveLength(1);
    const left = await conn.query('SELECT VariantId FROM PriceListRecords WHERE PriceListId = ?', [pl.Id]);
    expect(left.rows).toEqual([{ VariantId: 2 }]);
    expect((await conn.query('DELETE FROM PriceLists WHERE Id = ?', [pl.Id])).rowCount).toBe(1);
  });
});
