/**
 * `conn.query()` runs statements in SQLite, `bcsql serve` in PostgreSQL over the rows it fetched.
 * Where a statement means the same in both dialects, both must answer the same rows (values
 * compared as numbers, instants or text, since node-postgres hands bigint and numeric over as
 * strings and timestamptz as Date).
 */
import { servedClient } from './serverHarness';

const BOTH: string[] = [
  'SELECT "Id", "Name", "Price" FROM "Products" ORDER BY "Id"',
  'SELECT "Id", "Sku" FROM "Products" WHERE "Id" IN (1, 2, 3) ORDER BY "Id"',
  'SELECT "Id" FROM "Products" ORDER BY "Id" LIMIT 5 OFFSET 10',
  'SELECT "Id" FROM "Products" WHERE "IsVisible" = true ORDER BY "Id"',
  `SELECT "Id", CASE WHEN "Price" > 50 THEN 'high' ELSE 'low' END AS band FROM "Products" ORDER BY "Id"`,
  'SELECT "BrandId", COUNT(*) AS n FROM "Products" WHERE "BrandId" IS NOT NULL GROUP BY "BrandId" ORDER BY "BrandId"',
  'SELECT "StatusId", SUM("TotalIncTax") AS total, COUNT(*) AS n FROM "Orders" GROUP BY "StatusId" ORDER BY "StatusId"',
  `SELECT "Id", "DateCreated" FROM "Orders" WHERE "DateCreated" >= '2025-01-01' ORDER BY "Id"`,
  'SELECT COUNT(DISTINCT "CustomerId") AS n FROM "Orders"',
  'SELECT "CustomerId", COUNT(*) AS n FROM "Orders" GROUP BY "CustomerId" HAVING COUNT(*) > 1 ORDER BY "CustomerId"',
  'SELECT o."Id", c."Email" FROM "Orders" o JOIN "Customers" c ON c."Id" = o."CustomerId" ORDER BY o."Id"',
  'SELECT "Id" FROM "Customers" WHERE "Id" IN (SELECT "CustomerId" FROM "Orders") ORDER BY "Id"',
  'SELECT p."Id", COUNT(v."Id") AS variants FROM "Products" p LEFT JOIN "ProductVariants" v ON v."ProductId" = p."Id" GROUP BY p."Id" ORDER BY p."Id"',
  'SELECT "OrderId", "ProductId", "Quantity" FROM "OrderItems" WHERE "OrderId" IN (1, 2, 3) ORDER BY "OrderId", "Id"',
  'WITH big AS (SELECT "Id" FROM "Orders" WHERE "TotalIncTax" > 100) SELECT COUNT(*) AS n FROM big',
  'SELECT lower("Email") AS e FROM "Customers" ORDER BY "Id"',
];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function canonical(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return Date.parse(v);
  if (typeof v === 'string' && NUMBER.test(v)) return Number(v);
  return v;
}

const harness = servedClient();

describe('conn.query() and bcsql serve agree', () => {
  it.each(BOTH)('%s', async (sql) => {
    const direct = await harness.t.conn.query(sql, [], { rowMode: 'array' });
    const served = await harness.c.query({ text: sql, rowMode: 'array' });
    expect(direct.rows.length).toBeGreaterThan(0);
    expect(served.fields.map((f) => f.name.toLowerCase())).toEqual(
      direct.fields.map((f) => f.name.toLowerCase()),
    );
    expect((served.rows as unknown[][]).map((r) => r.map(canonical))).toEqual(
      (direct.rows as unknown as unknown[][]).map((r) => r.map(canonical)),
    );
  });
});
