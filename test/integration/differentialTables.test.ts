/**
 * The differential check (see differential.test.ts) for the tables beyond the first 22: for each,
 * at least one query with a filter the table pushes down and one join with its parent (or the
 * table it refers to), run with Pushdown on and off and directly in SQLite over the seed.
 */
import { createStore } from '../../src/simulator/store';
import { describeDifferential, type Case } from './differentialHarness';

const STORE = { products: 60, customers: 40, orders: 80, seed: 7 };
/** Abandoned carts are only read by token: the tokens the store's cart emails would carry. */
const TOKENS = (createStore({ ...STORE, storeHash: 'x' }).extras.rows('AbandonedCarts') ?? []).map((r) =>
  String(r.parent!.Token),
);

const corpus: Case[] = [
  // orders
  { sql: 'SELECT * FROM OrderStatuses WHERE Id = 11' },
  {
    sql: 'SELECT s.Name, COUNT(o.Id) FROM OrderStatuses s JOIN Orders o ON o.StatusId = s.Id GROUP BY s.Name',
  },
  { sql: 'SELECT * FROM OrderMessages WHERE OrderId IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AND IsFlagged = 0' },
  { sql: "SELECT Id, OrderId FROM OrderMessages WHERE Status = 'read' AND Id >= 20" },
  {
    sql: 'SELECT o.Id, o.CustomerId, m.Subject FROM Orders o JOIN OrderMessages m ON m.OrderId = o.Id WHERE o.Id <= 40 AND m.OrderId <= 40',
  },
  { sql: 'SELECT * FROM OrderTaxes WHERE OrderId = 3' },
  {
    sql: 'SELECT o.Id, ROUND(SUM(t.LineAmount), 2) AS tax FROM Orders o JOIN OrderTaxes t ON t.OrderId = o.Id WHERE o.Id IN (1, 2, 3, 4, 5) GROUP BY o.Id',
  },
  { sql: 'SELECT * FROM Transactions WHERE OrderId IN (1, 2, 3, 4)' },
  {
    sql: "SELECT t.Event, COUNT(*), ROUND(SUM(t.Amount), 2) FROM Orders o JOIN Transactions t ON t.OrderId = o.Id WHERE o.Id <= 30 AND t.Event = 'purchase' GROUP BY t.Event",
  },
  { sql: "SELECT * FROM OrderRefunds WHERE DateCreated >= '2025-01-01T00:00:00Z'" },
  {
    sql: 'SELECT Id, TotalAmount FROM OrderRefunds WHERE OrderId IN (SELECT Id FROM Orders WHERE StatusId = 4)',
  },
  {
    sql: 'SELECT o.Id, o.StatusId, r.TotalAmount, o.RefundedAmount FROM Orders o JOIN OrderRefunds r ON r.OrderId = o.Id ORDER BY o.Id',
  },
  { sql: 'SELECT * FROM GiftCertificates WHERE Id >= 2 AND Id <= 6' },
  { sql: "SELECT Id, Code FROM GiftCertificates WHERE ToEmail = 'gift16@example.com'" },
  {
    sql: 'SELECT g.Id, o.Id AS oid, o.CustomerId FROM GiftCertificates g JOIN Orders o ON o.Id = g.OrderId WHERE g.Id < 8',
  },
  { sql: "SELECT * FROM PaymentMethods WHERE TestMode = 0 AND Code LIKE 'braintree%'" },
  {
    sql: 'SELECT pm.Code, COUNT(o.Id) FROM PaymentMethods pm LEFT JOIN Orders o ON o.PaymentMethod = pm.Name GROUP BY pm.Code',
  },
  { sql: 'SELECT * FROM ShippingConsignments WHERE OrderId = 2' },
  { sql: 'SELECT * FROM ShippingConsignmentQuotes WHERE OrderId IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)' },
  { sql: 'SELECT * FROM ShippingConsignmentQuotes WHERE OrderId = 3 AND ShippingAddressId IN (3, 4)' },
  {
    sql: 'SELECT a.City, q.ProviderCode, q.MethodId FROM OrderShippingAddresses a JOIN ShippingConsignmentQuotes q ON q.ShippingAddressId = a.Id AND q.OrderId = a.OrderId WHERE a.OrderId <= 20',
  },
  { sql: 'SELECT * FROM AbandonedCarts WHERE Token IN (?, ?, ?)', params: TOKENS.slice(0, 3) },
  {
    sql: "SELECT a.Token, a.CartId FROM AbandonedCarts a JOIN Stores s ON 1 = 1 WHERE a.Token = ? AND s.Name <> ''",
    params: [TOKENS[4]],
  },
  {
    sql: 'SELECT c.OrderId, c.City, a.City AS addressCity FROM ShippingConsignments c JOIN OrderShippingAddresses a ON a.OrderId = c.OrderId WHERE c.OrderId IN (1, 2, 3, 4, 5, 6) AND a.OrderId IN (1, 2, 3, 4, 5, 6)',
  },
  { sql: 'SELECT * FROM PickupConsignments WHERE OrderId IN (4, 13, 22, 31, 40)' },
  {
    sql: 'SELECT o.Id, p.LocationName FROM Orders o JOIN PickupConsignments p ON p.OrderId = o.Id WHERE o.Id <= 60',
  },
  { sql: 'SELECT COUNT(*) FROM DownloadConsignments WHERE OrderId <= 80' },
  {
    sql: 'SELECT o.Id, d.RecipientEmail, o.BillingAddressEmail FROM Orders o JOIN DownloadConsignments d ON d.OrderId = o.Id',
  },
  { sql: 'SELECT * FROM EmailConsignments WHERE OrderId IN (5, 16, 27, 38)' },
  {
    sql: 'SELECT e.OrderId, e.RecipientEmail, g.Code FROM EmailConsignments e JOIN GiftCertificates g ON g.ToEmail = e.RecipientEmail ORDER BY e.OrderId',
  },
  {
    sql: "SELECT * FROM OrderItemOptionValues WHERE OrderId IN (1, 2, 3, 4, 5, 6, 7, 8) AND DisplayName = 'Color'",
  },
  {
    sql: 'SELECT i.Id, i.Sku, v.DisplayName, v.DisplayValue FROM OrderItems i JOIN OrderItemOptionValues v ON v.OrderItemId = i.Id WHERE i.OrderId <= 12 AND v.OrderId <= 12',
  },
  { sql: 'SELECT * FROM ShipmentItems WHERE OrderId IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)' },
  {
    sql: 'SELECT s.Id, s.TrackingNumber, SUM(i.Quantity) AS shipped FROM OrderShipments s JOIN ShipmentItems i ON i.ShipmentId = s.Id WHERE s.OrderId <= 20 AND i.OrderId <= 20 GROUP BY s.Id, s.TrackingNumber',
  },
  {
    sql: "SELECT * FROM OrderRefundsItems WHERE OrderId IN (SELECT Id FROM Orders WHERE StatusId = 4) AND ItemType = 'PRODUCT'",
  },
  {
    sql: 'SELECT r.Id, r.TotalAmount, ROUND(SUM(i.RequestedAmount), 2) AS items FROM OrderRefunds r JOIN OrderRefundsItems i ON i.RefundId = r.Id GROUP BY r.Id, r.TotalAmount',
  },
  {
    sql: 'SELECT * FROM OrderRefundsPayments WHERE RefundId IN (SELECT Id FROM OrderRefunds) AND Offline = 0',
  },
  {
    sql: 'SELECT o.Id, o.PaymentMethod, p.ProviderId, p.Amount FROM Orders o JOIN OrderRefundsPayments p ON p.OrderId = o.Id ORDER BY o.Id',
  },
  // products
  { sql: 'SELECT * FROM ProductBulkPricingRules WHERE ProductId IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)' },
  {
    sql: 'SELECT p.Id, p.Price, r.QuantityMin, r.Type, r.Amount FROM Products p JOIN ProductBulkPricingRules r ON r.ProductId = p.Id WHERE p.Price > 20',
  },
  { sql: 'SELECT * FROM ProductVideos WHERE ProductId IN (SELECT Id FROM Products WHERE Id <= 40)' },
  { sql: 'SELECT p.Name, v.Title FROM Products p JOIN ProductVideos v ON v.ProductId = p.Id ORDER BY p.Id' },
  { sql: "SELECT * FROM ProductReviews WHERE ProductId IN (1, 2, 3, 4, 5, 6) AND Status = 'approved'" },
  {
    sql: 'SELECT p.Id, COUNT(r.Id) AS n, AVG(r.Rating) AS avg FROM Products p JOIN ProductReviews r ON r.ProductId = p.Id WHERE p.Id <= 20 AND r.ProductId <= 20 GROUP BY p.Id',
  },
  {
    sql: 'SELECT * FROM ProductRules WHERE ProductId IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)',
  },
  {
    sql: 'SELECT v.Id, v.Sku, r.PriceAdjusterValue FROM ProductRules r JOIN ProductVariants v ON v.ProductId = r.ProductId WHERE r.ProductId <= 30 AND v.ProductId <= 30',
  },
  {
    sql: "SELECT * FROM ProductMetafields WHERE ProductId IN (1, 2, 3, 4, 5, 6, 7, 8) AND Namespace = 'warehouse'",
  },
  { sql: "SELECT Id, Key FROM ProductMetafields WHERE DateCreated >= '2025-01-01T00:00:00Z'" },
  {
    sql: 'SELECT p.Sku, m.Value FROM Products p JOIN ProductMetafields m ON m.ProductId = p.Id WHERE p.Id <= 25 AND m.ProductId <= 25',
  },
  { sql: 'SELECT * FROM PriceListRecords WHERE PriceListId = 2 AND Price > 20' },
  {
    sql: 'SELECT PriceListId, COUNT(*) FROM PriceListRecords WHERE ProductId IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) GROUP BY PriceListId',
  },
  {
    sql: 'SELECT l.Name, COUNT(r.VariantId), ROUND(MIN(r.Price), 2) FROM PriceLists l JOIN PriceListRecords r ON r.PriceListId = l.Id GROUP BY l.Name',
  },
  { sql: 'SELECT * FROM PriceListAssignments WHERE PriceListId IN (1, 2)' },
  {
    sql: 'SELECT a.Id, l.Name, g.Name FROM PriceListAssignments a JOIN PriceLists l ON l.Id = a.PriceListId JOIN CustomerGroups g ON g.Id = a.CustomerGroupId',
  },
  { sql: 'SELECT * FROM InventoryItems WHERE ProductId IN (1, 2, 3) AND LocationId = 2' },
  {
    sql: 'SELECT v.Id, v.InventoryLevel, SUM(i.TotalInventoryOnhand) AS onhand FROM ProductVariants v JOIN InventoryItems i ON i.VariantId = v.Id WHERE v.ProductId <= 10 AND i.ProductId <= 10 GROUP BY v.Id, v.InventoryLevel',
  },
  { sql: 'SELECT * FROM ProductVariantValues WHERE ProductId IN (1, 2, 3, 4, 5, 6)' },
  {
    sql: 'SELECT v.Sku, vv.OptionDisplayName, vv.Label FROM ProductVariants v JOIN ProductVariantValues vv ON vv.VariantId = v.Id WHERE v.ProductId IN (2, 3, 4) AND vv.ProductId IN (2, 3, 4)',
  },
  { sql: 'SELECT * FROM ProductOptionValues WHERE ProductId IN (1, 2, 3, 4, 5, 6, 7, 8)' },
  {
    sql: 'SELECT o.DisplayName, COUNT(v.Id) FROM ProductOptions o JOIN ProductOptionValues v ON v.OptionId = o.Id WHERE o.ProductId IN (1, 2, 3, 4, 5) AND v.ProductId IN (1, 2, 3, 4, 5) GROUP BY o.DisplayName',
  },
  { sql: 'SELECT COUNT(*) FROM ProductOptionValues' },
  { sql: 'SELECT * FROM ChannelListings WHERE ChannelId = 664179 AND ProductId IN (3, 6, 9, 12, 15, 18)' },
  { sql: "SELECT COUNT(*) FROM ChannelListings WHERE State = 'active'" },
  {
    sql: "SELECT ListingId, DateCreated FROM ChannelListings WHERE ChannelId = 664179 AND DateCreated > '2025-05-01T00:00:00Z' AND DateModified <= '2025-11-15T12:00:00Z'",
  },
  {
    sql: 'SELECT c.Name, l.ListingId, p.Sku FROM Channels c JOIN ChannelListings l ON l.ChannelId = c.Id JOIN Products p ON p.Id = l.ProductId ORDER BY l.ListingId',
  },
  { sql: 'SELECT * FROM ProductChannelAssignments WHERE ChannelId = 664179' },
  {
    sql: 'SELECT c.Name, COUNT(a.ProductId) FROM Channels c JOIN ProductChannelAssignments a ON a.ChannelId = c.Id GROUP BY c.Name',
  },
  { sql: 'SELECT * FROM ProductCategoryAssignments WHERE ProductId IN (1, 2, 3, 4, 5)' },
  {
    sql: 'SELECT c.Name, COUNT(*) AS n FROM Categories c JOIN ProductCategoryAssignments a ON a.CategoryId = c.Id WHERE a.ProductId <= 30 GROUP BY c.Name ORDER BY n DESC, c.Name',
  },
  {
    sql: 'SELECT p.Id FROM Products p JOIN ProductCategoryAssignments a ON a.ProductId = p.Id WHERE a.CategoryId IN (SELECT Id FROM Categories WHERE ParentId = 0)',
  },
  // content, shipping, marketing, customers, the rest
  { sql: 'SELECT * FROM Blogposts WHERE IsPublished = 1' },
  {
    sql: 'SELECT b.Title, t.Tag FROM Blogposts b JOIN BlogTags t ON EXISTS (SELECT 1 FROM json_each(t.PostIds) WHERE value = b.Id) ORDER BY b.Id, t.Tag',
  },
  { sql: 'SELECT * FROM BlogTags WHERE json_array_length(PostIds) > 1' },
  { sql: "SELECT * FROM Pages WHERE Name LIKE '%us%'" },
  {
    sql: 'SELECT p.Name, parent.Name AS parentName FROM Pages p JOIN Pages parent ON parent.Id = p.ParentId',
  },
  { sql: 'SELECT * FROM Redirects WHERE Id >= 2 AND Id <= 5' },
  {
    sql: "SELECT r.FromPath, p.Name FROM Redirects r JOIN Pages p ON p.Id = r.ToEntityId WHERE r.ToType = 'page'",
  },
  { sql: 'SELECT * FROM ShippingZones WHERE Id = 2' },
  {
    sql: 'SELECT z.Name, COUNT(c.Id) FROM ShippingZones z JOIN ShippingConsignments c ON c.ShippingZoneId = z.Id WHERE c.OrderId <= 30 GROUP BY z.Name',
  },
  { sql: 'SELECT * FROM ShippingMethods WHERE ZoneId = 1' },
  {
    sql: 'SELECT z.Name, m.Name, m.Enabled FROM ShippingZones z JOIN ShippingMethods m ON m.ZoneId = z.Id ORDER BY m.Id',
  },
  { sql: "SELECT * FROM ShippingZoneLocations WHERE CountryIso2 <> 'US'" },
  {
    sql: 'SELECT z.Id, z.Type, COUNT(l.Id) FROM ShippingZones z JOIN ShippingZoneLocations l ON l.ZoneId = z.Id GROUP BY z.Id, z.Type',
  },
  { sql: "SELECT * FROM Promotions WHERE Status = 'ENABLED'" },
  {
    sql: "SELECT Id, Name FROM Promotions WHERE RedemptionType = 'COUPON' AND json_extract(Codes, '$.code') = 'WELCOME20'",
  },
  {
    sql: "SELECT p.Name, c.Code FROM Promotions p LEFT JOIN Coupons c ON c.Code = json_extract(p.Codes, '$.code')",
  },
  { sql: "SELECT * FROM StoreLogs WHERE Type = 'payment'" },
  { sql: "SELECT Module, COUNT(*) FROM StoreLogs WHERE Module <> 'api' GROUP BY Module" },
  { sql: 'SELECT * FROM Webhooks WHERE IsActive = 1' },
  { sql: "SELECT w.Scope, s.Name FROM Webhooks w JOIN Stores s ON 1 = 1 WHERE w.Scope LIKE 'store/order/%'" },
  { sql: "SELECT * FROM Subscribers WHERE Source = 'storefront'" },
  { sql: "SELECT Id, Email FROM Subscribers WHERE DateCreated >= '2025-01-01T00:00:00Z'" },
  { sql: 'SELECT s.Email, c.Id FROM Subscribers s JOIN Customers c ON c.Email = s.Email WHERE c.Id <= 40' },
  { sql: "SELECT * FROM CustomerAttributes WHERE Type = 'number'" },
  {
    sql: 'SELECT a.Name, COUNT(v.Id) FROM CustomerAttributes a JOIN CustomerAttributeValues v ON v.AttributeId = a.Id GROUP BY a.Name',
  },
  { sql: 'SELECT * FROM CustomerAttributeValues WHERE CustomerId IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)' },
  {
    sql: 'SELECT c.Email, v.AttributeValue FROM Customers c JOIN CustomerAttributeValues v ON v.CustomerId = c.Id WHERE c.Id <= 15 AND v.CustomerId <= 15',
  },
  { sql: 'SELECT * FROM CustomerFormFieldValues WHERE CustomerId = 3' },
  {
    sql: 'SELECT c.Id, f.Name, f.Value FROM Customers c JOIN CustomerFormFieldValues f ON f.CustomerId = c.Id WHERE f.AddressId IS NULL ORDER BY c.Id',
  },
  { sql: 'SELECT * FROM Wishlists WHERE CustomerId IN (SELECT CustomerId FROM Wishlists LIMIT 3)' },
  { sql: 'SELECT c.Email, w.Name FROM Customers c JOIN Wishlists w ON w.CustomerId = c.Id' },
  { sql: 'SELECT * FROM WishlistItems WHERE CustomerId IN (SELECT CustomerId FROM Wishlists)' },
  {
    sql: 'SELECT w.Name, p.Name, i.VariantId FROM Wishlists w JOIN WishlistItems i ON i.WishlistId = w.Id JOIN Products p ON p.Id = i.ProductId ORDER BY i.Id',
  },
];

describeDifferential('differential over the tables beyond the first 22', corpus, STORE, 0);
