/**
 * Pushdown must never change a result. Each query of the corpus runs three ways — through the
 * provider with Pushdown=true, with Pushdown=false, and directly in SQLite over the simulator's
 * own seed records mapped to the same columns (the mapping of the stage module, but none of the
 * planning or fetching) — and all three must agree.
 */
import { describeDifferential, type Case } from './differentialHarness';

const corpus: Case[] = [
  // Products: integer filters
  { sql: 'SELECT * FROM Products WHERE Id = 7' },
  { sql: 'SELECT Id, Name FROM Products WHERE Id IN (1, 2, 3, 250, 9999)' },
  { sql: 'SELECT Id FROM Products WHERE Id NOT IN (1, 2, 3)' },
  { sql: 'SELECT Id, Price FROM Products WHERE Id >= 100 AND Id < 120' },
  { sql: 'SELECT Id FROM Products WHERE Id > 290' },
  { sql: 'SELECT Id FROM Products WHERE Id <= 5' },
  { sql: 'SELECT Id FROM Products WHERE BrandId = 5' },
  { sql: 'SELECT Id FROM Products WHERE InventoryLevel BETWEEN 10 AND 50' },
  { sql: 'SELECT Id FROM Products WHERE InventoryLevel IN (0, 1, 2)' },
  { sql: 'SELECT Id FROM Products WHERE InventoryLevel > 150 AND InventoryLevel <= 300' },
  { sql: "SELECT Id FROM Products WHERE Id = '12'" },
  // strings, LIKE with % and _
  { sql: "SELECT Id, Name FROM Products WHERE Name = 'Snake_Case Mug'" },
  { sql: "SELECT Id, Name FROM Products WHERE Name LIKE '%Mug%'" },
  { sql: "SELECT Id, Name FROM Products WHERE Name LIKE 'Snake_Case%'" },
  { sql: "SELECT Id, Name FROM Products WHERE Name LIKE 'Snake_%'" },
  { sql: "SELECT Id, Name FROM Products WHERE Name LIKE '100%'" },
  { sql: "SELECT Id, Name FROM Products WHERE Name LIKE '%a_e%'" },
  { sql: "SELECT Id FROM Products WHERE Name LIKE '%mug'" },
  { sql: "SELECT Id, Sku FROM Products WHERE Sku = 'POR-000001'" },
  { sql: "SELECT Id FROM Products WHERE Sku IN ('POR-000001', 'HAN-000002', 'nope')" },
  { sql: "SELECT Id FROM Products WHERE Type = 'digital'" },
  { sql: "SELECT Id FROM Products WHERE Condition = 'Used' AND Availability = 'available'" },
  { sql: "SELECT Id FROM Products WHERE Upc = ''" },
  { sql: "SELECT Id FROM Products WHERE Name = 'no such product'" },
  // decimals and booleans
  { sql: 'SELECT Id, Price FROM Products WHERE Price = 36.99' },
  { sql: 'SELECT Id FROM Products WHERE Price > 100 AND Price <= 500' },
  { sql: 'SELECT Id FROM Products WHERE IsVisible = true' },
  { sql: 'SELECT Id FROM Products WHERE IsVisible = 0 AND IsFeatured = 1' },
  { sql: 'SELECT Id FROM Products WHERE IsFeatured = true' },
  { sql: 'SELECT Id FROM Products WHERE IsFreeShipping = 1' },
  // dates and NULLs
  { sql: "SELECT Id, DateModified FROM Products WHERE DateModified >= '2025-06-01T00:00:00Z'" },
  { sql: "SELECT Id FROM Products WHERE DateModified < '2024-06-01T00:00:00Z'" },
  { sql: "SELECT Id FROM Products WHERE DateModified > '2025-01-01'" },
  {
    sql: "SELECT Id FROM Products WHERE DateModified >= '2025-03-01T00:00:00Z' AND DateModified <= '2025-04-01T00:00:00Z'",
  },
  { sql: 'SELECT Id FROM Products WHERE DateLastImported IS NULL' },
  {
    sql: "SELECT Id FROM Products WHERE DateLastImported IS NOT NULL AND DateLastImported <> '2024-04-02T14:40:05Z'",
  },
  { sql: 'SELECT Id, PreorderReleaseDate FROM Products WHERE PreorderReleaseDate IS NOT NULL' },
  // boolean logic the API cannot take
  { sql: 'SELECT Id FROM Products WHERE Id = 7 OR Id = 8' },
  { sql: 'SELECT Id FROM Products WHERE NOT (Id > 5)' },
  { sql: "SELECT Id FROM Products WHERE (Type = 'digital' OR Price < 10) AND IsVisible = 1" },
  // COUNT(*), aggregates, DISTINCT, GROUP BY/HAVING
  { sql: 'SELECT COUNT(*) FROM Products' },
  { sql: 'SELECT COUNT(*) AS n FROM Products WHERE IsVisible = true' },
  { sql: 'SELECT COUNT(*) FROM Products WHERE Id IN (1, 2, 3)' },
  { sql: "SELECT COUNT(*) FROM Products WHERE Name LIKE '%Mug%'" },
  { sql: "SELECT COUNT(*) FROM Products WHERE DateModified >= '2025-01-01T00:00:00Z'" },
  {
    sql: 'SELECT Type, COUNT(*), ROUND(SUM(Price), 2), MIN(Price), MAX(Price), ROUND(AVG(Price), 4) FROM Products GROUP BY Type',
  },
  {
    sql: 'SELECT BrandId, COUNT(*) AS n FROM Products GROUP BY BrandId HAVING COUNT(*) > 8 ORDER BY n DESC, BrandId',
  },
  { sql: 'SELECT DISTINCT Condition FROM Products' },
  {
    sql: "SELECT CASE WHEN Price > 100 THEN 'high' ELSE 'low' END AS band, COUNT(*) FROM Products GROUP BY band",
  },
  // ORDER BY, LIMIT, OFFSET, TOP
  { sql: 'SELECT Id, Name, Price FROM Products WHERE Price > 10 ORDER BY Price DESC, Id LIMIT 5' },
  { sql: 'SELECT Id FROM Products ORDER BY Id LIMIT 10 OFFSET 20' },
  { sql: 'SELECT TOP 5 Id, Name FROM Products ORDER BY Name, Id' },
  { sql: 'SELECT Id, Name FROM Products LIMIT 10', anyRowsOf: 'SELECT Id, Name FROM Products' },
  {
    sql: 'SELECT Name FROM Products WHERE Id >= 50 LIMIT 3',
    anyRowsOf: 'SELECT Name FROM Products WHERE Id >= 50',
  },
  {
    sql: 'SELECT TOP 4 Id FROM Products WHERE IsFeatured = 1',
    anyRowsOf: 'SELECT Id FROM Products WHERE IsFeatured = 1',
  },
  { sql: 'SELECT Id FROM Products LIMIT 0' },
  // parameters, identifiers, JSON, subqueries, UNION
  { sql: 'SELECT Id FROM Products WHERE Id IN (?, ?, ?)', params: [4, 5, 6] },
  { sql: 'SELECT Id FROM Products WHERE Price > @min AND IsVisible = @vis', params: { min: 500, vis: true } },
  {
    sql: 'SELECT Id FROM Products WHERE DateModified >= ? AND Type = ?',
    params: ['2025-06-01T00:00:00Z', 'physical'],
  },
  { sql: 'SELECT [Id], "Name" FROM [Products] WHERE [Id] = 3' },
  { sql: 'select id, name from products where id = 3' },
  { sql: 'SELECT p.Id FROM Products AS p WHERE p.Id < 4' },
  { sql: 'SELECT "Id" FROM "products" WHERE "ISVISIBLE" = 1 AND [id] BETWEEN 10 AND 40' },
  { sql: 'SELECT Id, BrandId FROM Products WHERE BrandId != 5 AND Id < 40' },
  { sql: "SELECT Id FROM Products WHERE Type NOT IN ('digital') AND Id <= 30" },
  { sql: 'SELECT Id, json_array_length(Categories) AS n FROM Products WHERE Id <= 10' },
  { sql: "SELECT COUNT(*) FROM Products WHERE CustomUrl LIKE '%mug%'" },
  { sql: 'SELECT Id FROM Products WHERE Id IN (SELECT ProductId FROM OrderItems WHERE Quantity > 2)' },
  { sql: 'SELECT Id FROM Products WHERE Id < 5 UNION SELECT Id FROM Products WHERE Id > 295' },
  { sql: 'WITH big AS (SELECT Id FROM Orders WHERE TotalIncTax > 2000) SELECT COUNT(*) FROM big' },
  // Orders (v2)
  { sql: 'SELECT * FROM Orders WHERE Id = 12' },
  { sql: 'SELECT Id, StatusId FROM Orders WHERE StatusId = 11' },
  { sql: 'SELECT Id FROM Orders WHERE Id > 140' },
  { sql: 'SELECT Id FROM Orders WHERE Id >= 10 AND Id <= 20' },
  { sql: 'SELECT Id FROM Orders WHERE Id < 4' },
  { sql: 'SELECT Id FROM Orders WHERE CustomerId = 61' },
  { sql: 'SELECT Id FROM Orders WHERE CustomerId = 0' },
  { sql: 'SELECT COUNT(*) FROM Orders' },
  { sql: 'SELECT COUNT(*) FROM Orders WHERE StatusId = 10' },
  {
    sql: 'SELECT StatusId, Status, COUNT(*), ROUND(SUM(TotalIncTax), 2) FROM Orders GROUP BY StatusId, Status ORDER BY StatusId',
  },
  {
    sql: "SELECT Id FROM Orders WHERE DateCreated >= '2025-06-01T00:00:00Z' AND DateCreated < '2025-07-01T00:00:00Z'",
  },
  { sql: "SELECT Id FROM Orders WHERE DateCreated > '2025-12-01T00:00:00Z'" },
  { sql: 'SELECT Id FROM Orders WHERE DateShipped IS NULL AND StatusId = 2' },
  { sql: "SELECT Id FROM Orders WHERE BillingAddressEmail LIKE '%example.com'" },
  { sql: "SELECT Id FROM Orders WHERE PaymentMethod = 'Apple Pay' AND CurrencyCode <> 'USD'" },
  { sql: 'SELECT Id FROM Orders WHERE ChannelId = 1 AND TotalIncTax > 1000' },
  // child tables: parent key in WHERE, fan-out, joins
  { sql: 'SELECT * FROM OrderItems WHERE OrderId = 7' },
  {
    sql: 'SELECT OrderId, COUNT(*), SUM(Quantity) FROM OrderItems WHERE OrderId IN (1, 2, 3, 9999) GROUP BY OrderId',
  },
  { sql: 'SELECT COUNT(*), SUM(Quantity) FROM OrderItems' },
  { sql: 'SELECT * FROM OrderItems WHERE OrderId = ?', params: [3] },
  {
    sql: 'SELECT o.Id, o.StatusId, COUNT(i.Id) AS items FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id GROUP BY o.Id ORDER BY o.Id',
  },
  { sql: 'SELECT ProductId, COUNT(*) FROM ProductVariants WHERE ProductId IN (1, 2, 3) GROUP BY ProductId' },
  { sql: 'SELECT * FROM ProductCustomFields WHERE ProductId = 2' },
  { sql: 'SELECT COUNT(*) FROM ProductCustomFields' },
  { sql: 'SELECT * FROM OrderShippingAddresses WHERE OrderId = 5' },
  { sql: 'SELECT COUNT(*) FROM OrderCoupons' },
  { sql: 'SELECT COUNT(*) FROM OrderShipments' },
  { sql: 'SELECT * FROM ProductImages WHERE ProductId = 1' },
  { sql: 'SELECT * FROM ProductOptions WHERE ProductId IN (1, 2, 3, 4, 5)' },
  // Customers and the rest
  { sql: "SELECT Id, Email FROM Customers WHERE Email = 'fatima.martin1@example.com'" },
  { sql: 'SELECT Id FROM Customers WHERE CustomerGroupId = 2' },
  { sql: "SELECT Id FROM Customers WHERE Company = ''" },
  { sql: "SELECT Id FROM Customers WHERE DateCreated >= '2024-06-01T00:00:00Z' AND Id IN (1, 2, 3, 50, 60)" },
  {
    sql: 'SELECT c.Email, COUNT(*) AS n, ROUND(SUM(o.TotalIncTax), 2) AS total FROM Customers c JOIN Orders o ON o.CustomerId = c.Id GROUP BY c.Email ORDER BY n DESC, c.Email LIMIT 10',
  },
  { sql: 'SELECT c.Id FROM Customers c LEFT JOIN Orders o ON o.CustomerId = c.Id WHERE o.Id IS NULL' },
  { sql: 'SELECT a.City, COUNT(*) FROM CustomerAddresses a WHERE a.CustomerId IN (1, 2, 3) GROUP BY a.City' },
  { sql: 'SELECT p.Id, b.Name FROM Products p JOIN Brands b ON b.Id = p.BrandId WHERE p.Id <= 20' },
  // inner joins with WHERE terms on both sides: each table gets its own qualified terms pushed
  {
    sql: 'SELECT p.Id AS pid, v.Id AS vid, v.Sku FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id = 2 AND v.ProductId = 2',
  },
  {
    sql: 'SELECT p.Id AS pid, v.Id AS vid FROM Products p INNER JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id IN (3, 4) AND v.ProductId IN (3, 4, 5) AND v.Price > 10',
  },
  {
    sql: 'SELECT p.Id AS pid, b.Id AS bid FROM Products p JOIN Brands b ON b.Id = p.BrandId WHERE p.Price > 50 AND b.Id IN (1, 2, 3)',
  },
  {
    sql: 'SELECT o.Id AS oid, i.Id AS iid FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.StatusId = 11 AND i.OrderId <= 10 AND i.Quantity >= 1',
  },
  {
    sql: 'SELECT c.Id AS cid, o.Id AS oid FROM Customers c, Orders o WHERE o.CustomerId = c.Id AND c.Id <= 30 AND o.Id > 20',
  },
  {
    sql: "SELECT p.Id AS pid, b.Name FROM Products p CROSS JOIN Brands b WHERE p.Id = 5 AND b.Name LIKE '%a%'",
  },
  {
    sql: 'SELECT COUNT(*) AS n FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 7 AND i.OrderId = 7 AND (i.Quantity > 1 OR o.StatusId = 11)',
  },
  {
    sql: 'SELECT p.Id AS pid, v.Id AS vid FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE 6 = p.Id AND v.ProductId = ? AND p.IsVisible = 1',
    params: [6],
  },
  {
    sql: 'SELECT g.Name, COUNT(c.Id) FROM CustomerGroups g LEFT JOIN Customers c ON c.CustomerGroupId = g.Id GROUP BY g.Name',
  },
  // joins: constants carried across ON and WHERE equalities, and children fetched per parent key
  {
    sql: 'SELECT o.Id, i.Id AS iid, i.Quantity FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5',
  },
  {
    sql: 'SELECT o.Id, i.Id AS iid FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id IN (3, 4, 140)',
  },
  {
    sql: "SELECT o.Id, i.Id AS iid FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.DateCreated >= '2025/12/01'",
    direct: {
      sql: "SELECT o.Id, i.Id AS iid FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.DateCreated >= '2025-12-01T00:00:00Z'",
    },
  },
  {
    sql: 'SELECT o.Id, COUNT(i.Id) AS n FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 9 GROUP BY o.Id',
  },
  {
    sql: 'SELECT o.Id, i.Id AS iid FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id AND i.Quantity > 1 WHERE o.StatusId = 11',
  },
  {
    sql: 'SELECT o.Id FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id AND i.Quantity > 2 WHERE o.Id <= 20 AND i.Id IS NULL',
  },
  { sql: 'SELECT o.Id, i.Id AS iid FROM Orders o, OrderItems i WHERE i.OrderId = o.Id AND o.Id = 7' },
  { sql: 'SELECT o.Id, i.Name FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id AND o.Id = 6' },
  {
    sql: 'SELECT o.Id, i.Id AS iid, c.Code FROM Orders o JOIN OrderItems i ON o.Id = i.OrderId LEFT JOIN OrderCoupons c ON c.OrderId = o.Id WHERE o.Id IN (5, 6, 7, 8)',
  },
  {
    sql: 'SELECT o.Id, a.City FROM Orders o JOIN OrderShippingAddresses a ON a.OrderId = o.Id WHERE o.StatusId = 11',
  },
  {
    sql: 'SELECT o.Id, s.Id AS sid FROM Orders o LEFT JOIN OrderShipments s ON s.OrderId = o.Id WHERE o.Id BETWEEN 1 AND 12',
  },
  { sql: 'SELECT p.Id, v.Sku FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id = 2' },
  {
    sql: 'SELECT p.Id, im.Id AS img FROM Products p LEFT JOIN ProductImages im ON im.ProductId = p.Id WHERE p.Id IN (1, 2, 3)',
  },
  {
    sql: 'SELECT p.Id, f.Name FROM Products p JOIN ProductCustomFields f ON f.ProductId = p.Id WHERE p.BrandId = 5',
  },
  {
    sql: 'SELECT p.Id, o.Id AS opt FROM Products p JOIN ProductOptions o ON p.Id = o.ProductId WHERE p.Id < 6',
  },
  {
    sql: 'SELECT c.Id, a.City FROM Customers c JOIN CustomerAddresses a ON a.CustomerId = c.Id WHERE c.Id = 3',
  },
  {
    sql: 'SELECT c.Id, COUNT(a.Id) AS n FROM Customers c LEFT JOIN CustomerAddresses a ON a.CustomerId = c.Id WHERE c.Id IN (1, 2, 3, 4) GROUP BY c.Id',
  },
  { sql: 'SELECT o.Id, c.Email FROM Orders o JOIN Customers c ON c.Id = o.CustomerId WHERE o.Id = 5' },
  {
    sql: 'SELECT o.Id, i.Id AS iid FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = ?',
    params: [11],
  },
  {
    sql: 'SELECT o.Id, i.Id AS iid FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id IN (@ids)',
    params: { ids: [2, 4] },
    direct: {
      sql: 'SELECT o.Id, i.Id AS iid FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id IN (2, 4)',
    },
  },
  {
    sql: 'SELECT i.OrderId, SUM(i.Quantity) AS q FROM OrderItems i JOIN Orders o ON o.Id = i.OrderId WHERE o.Id > 140 GROUP BY i.OrderId',
  },
  {
    sql: "SELECT o.Id FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5 AND i.Quantity >= 1 AND o.DateCreated < '12/31/2099'",
    direct: {
      sql: "SELECT o.Id FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5 AND i.Quantity >= 1 AND o.DateCreated < '2099-12-31T00:00:00Z'",
    },
  },
  {
    sql: 'SELECT COUNT(*) AS n FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id JOIN Products p ON p.Id = i.ProductId WHERE o.Id <= 3',
  },
  {
    sql: 'SELECT v.Id, p.Name FROM ProductVariants v JOIN Products p ON p.Id = v.ProductId WHERE p.Id IN (4, 5) ORDER BY v.Id',
  },
  {
    sql: 'SELECT o.Id, COUNT(i.Id) AS n FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id WHERE o.CustomerId = 61 GROUP BY o.Id',
  },
  // typed comparisons: dates in other spellings, numbers and booleans as text, array parameters
  {
    sql: "SELECT Id FROM Orders WHERE DateCreated >= '2025/06/01'",
    direct: { sql: "SELECT Id FROM Orders WHERE DateCreated >= '2025-06-01T00:00:00Z'" },
  },
  {
    sql: "SELECT Id FROM Orders WHERE DateCreated >= '06/01/2025'",
    direct: { sql: "SELECT Id FROM Orders WHERE DateCreated >= '2025-06-01T00:00:00Z'" },
  },
  {
    sql: "SELECT Id FROM Orders WHERE DateCreated >= '2025-6-1' AND DateCreated < '2025-07-01 00:00'",
    direct: {
      sql: "SELECT Id FROM Orders WHERE DateCreated >= '2025-06-01T00:00:00Z' AND DateCreated < '2025-07-01T00:00:00Z'",
    },
  },
  {
    sql: "SELECT Id FROM Orders WHERE DateCreated BETWEEN '2025-06-01' AND '2025-06-30T23:59:59+00:00'",
    direct: {
      sql: "SELECT Id FROM Orders WHERE DateCreated BETWEEN '2025-06-01T00:00:00Z' AND '2025-06-30T23:59:59Z'",
    },
  },
  {
    sql: "SELECT Id FROM Orders WHERE DateCreated >= CAST('2025-06-01' AS DATE)",
    direct: { sql: "SELECT Id FROM Orders WHERE DateCreated >= '2025-06-01T00:00:00Z'" },
  },
  {
    sql: 'SELECT Id FROM Products WHERE DateModified > ?',
    params: ['2025/01/01'],
    direct: { sql: 'SELECT Id FROM Products WHERE DateModified > ?', params: ['2025-01-01T00:00:00Z'] },
  },
  { sql: "SELECT Id FROM Orders WHERE Id = '007'" },
  {
    sql: "SELECT Id FROM Products WHERE IsVisible = 'true'",
    direct: { sql: 'SELECT Id FROM Products WHERE IsVisible = 1' },
  },
  {
    sql: "SELECT Id FROM Products WHERE IsFeatured = 'false' AND Id < 50",
    direct: { sql: 'SELECT Id FROM Products WHERE IsFeatured = 0 AND Id < 50' },
  },
  { sql: 'SELECT Id FROM Products WHERE Id IN (?)', params: [[1, 2, 3]], direct: { sql: 'SELECT Id FROM Products WHERE Id IN (1, 2, 3)' } }, // prettier-ignore
  { sql: 'SELECT Id FROM Products WHERE Id = ANY(?)', params: [[5, 6]], direct: { sql: 'SELECT Id FROM Products WHERE Id IN (5, 6)' } }, // prettier-ignore
  {
    sql: 'SELECT Id FROM Products WHERE Sku IN (@skus)',
    params: { skus: ['POR-000001', 'HAN-000002'] },
    direct: { sql: "SELECT Id FROM Products WHERE Sku IN ('POR-000001', 'HAN-000002')" },
  },
  {
    sql: 'SELECT StatusId, SUM(TotalIncTax) AS s, SUM(SubtotalExTax) AS t FROM Orders GROUP BY StatusId ORDER BY StatusId',
  },
  { sql: 'SELECT * FROM Coupons WHERE Enabled = 1' },
  { sql: "SELECT * FROM Coupons WHERE Code = 'TENOFF'" },
  { sql: 'SELECT * FROM Categories WHERE ParentId = 0' },
  { sql: "SELECT Id, Name FROM Brands WHERE Name LIKE 'A%'" },
  { sql: 'SELECT * FROM Currencies' },
  { sql: 'SELECT * FROM TaxClasses' },
  { sql: 'SELECT * FROM Stores' },
  { sql: 'SELECT * FROM Channels' },
  { sql: 'SELECT * FROM PriceLists WHERE Id = 1' },
  { sql: 'SELECT * FROM CategoryTrees' },
  { sql: 'SELECT * FROM CustomerGroups WHERE IsDefault = 1' },
];

describeDifferential(
  'differential: pushdown on, pushdown off and SQLite over the seed agree',
  corpus,
  { products: 300, customers: 120, orders: 150, seed: 7 },
  0.1,
  (conns) => {
    it('has a corpus of at least 60 queries', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(60);
    });

    it('answers most of the corpus with fewer requests when pushing down', async () => {
      let on = 0;
      let off = 0;
      for (const c of corpus.slice(0, 30)) {
        on += (await conns().on.query(c.sql, c.params)).requestCount;
        off += (await conns().off.query(c.sql, c.params)).requestCount;
      }
      expect(on).toBeLessThan(off);
    });
  },
);
