/**
 * Statements as BI tools and drivers generate them (Metabase, Grafana, Superset, pandas and
 * SQLAlchemy, psql), for the differential test against a real PostgreSQL holding the same rows.
 * `unordered`: no ORDER BY fixes the order, so rows are compared as sorted sets.
 */
export interface CorpusEntry {
  tool: string;
  sql: string;
  params?: unknown[];
  unordered?: boolean;
}

const metabase: CorpusEntry[] = [
  {
    tool: 'metabase',
    sql: `SELECT date_trunc('day', "public"."Orders"."DateCreated") AS "DateCreated", count(*) AS "count" FROM "public"."Orders" GROUP BY date_trunc('day', "public"."Orders"."DateCreated") ORDER BY date_trunc('day', "public"."Orders"."DateCreated") ASC`,
  },
  {
    tool: 'metabase',
    sql: `SELECT (date_trunc('week', ("public"."Orders"."DateCreated" + INTERVAL '1 day')) - INTERVAL '1 day') AS "DateCreated", sum("public"."Orders"."TotalIncTax") AS "sum" FROM "public"."Orders" GROUP BY 1 ORDER BY 1 ASC`,
  },
  {
    tool: 'metabase',
    sql: `SELECT date_trunc('month', "public"."Orders"."DateCreated") AS "DateCreated", count(*) AS "count", avg("public"."Orders"."TotalIncTax") AS "avg" FROM "public"."Orders" GROUP BY 1 ORDER BY 1 ASC`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "public"."Products"."Id" AS "Id", "public"."Products"."Name" AS "Name", "public"."Products"."Price" AS "Price" FROM "public"."Products" ORDER BY "public"."Products"."Price" DESC, "public"."Products"."Id" ASC LIMIT 10`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "public"."Products"."BrandId" AS "BrandId", count(*) AS "count" FROM "public"."Products" GROUP BY "public"."Products"."BrandId" ORDER BY "count" DESC, "public"."Products"."BrandId" ASC NULLS FIRST LIMIT 5`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "public"."Orders"."Status" AS "Status", count(*) AS "count" FROM "public"."Orders" WHERE "public"."Orders"."DateCreated" >= timestamp with time zone '2024-06-01 00:00:00.000Z' GROUP BY "public"."Orders"."Status" ORDER BY "public"."Orders"."Status" ASC`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "source"."Name" AS "Name", "source"."Total" AS "Total" FROM (SELECT "public"."Customers"."FirstName" || ' ' || "public"."Customers"."LastName" AS "Name", sum("public"."Orders"."TotalIncTax") AS "Total" FROM "public"."Orders" LEFT JOIN "public"."Customers" ON "public"."Orders"."CustomerId" = "public"."Customers"."Id" GROUP BY 1) AS "source" ORDER BY "source"."Total" DESC, "source"."Name" ASC LIMIT 5`,
  },
  {
    tool: 'metabase',
    sql: `SELECT extract(year from "public"."Orders"."DateCreated") AS "year", extract(quarter from "public"."Orders"."DateCreated") AS "quarter", count(*) AS "count" FROM "public"."Orders" GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    tool: 'metabase',
    sql: `SELECT count(distinct "public"."Orders"."CustomerId") AS "count" FROM "public"."Orders"`,
  },
  {
    tool: 'metabase',
    sql: `SELECT CAST(extract(dow from "public"."Orders"."DateCreated") AS integer) + 1 AS "DateCreated", count(*) AS "count" FROM "public"."Orders" GROUP BY 1 ORDER BY 1`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "public"."Products"."Id" AS "Id" FROM "public"."Products" WHERE ("public"."Products"."Name" ILIKE '%kettle%' OR "public"."Products"."Name" ILIKE '%candle%') ORDER BY 1`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "public"."Products"."Id" AS "Id", "public"."Products"."Sku" AS "Sku" FROM "public"."Products" WHERE "public"."Products"."Id" BETWEEN 5 AND 9 ORDER BY 1 LIMIT 2000`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "public"."Orders"."Id" FROM "public"."Orders" WHERE "public"."Orders"."DateCreated" >= CAST((CAST(now() AS timestamp) + (INTERVAL '-5000 day')) AS date) ORDER BY 1`,
  },
  {
    tool: 'metabase',
    sql: `SELECT floor(("public"."Products"."Price" - 0) / 100) * 100 AS "Price", count(*) AS "count" FROM "public"."Products" GROUP BY 1 ORDER BY 1`,
  },
  {
    tool: 'metabase',
    sql: `SELECT "public"."Categories"."Name", "public"."Categories"."ParentId" FROM "public"."Categories" WHERE "public"."Categories"."ParentId" IS NULL OR "public"."Categories"."ParentId" = 0 ORDER BY 1`,
  },
  {
    tool: 'metabase',
    sql: `SELECT min("public"."Orders"."DateCreated") AS "min", max("public"."Orders"."DateCreated") AS "max" FROM "public"."Orders"`,
  },
];

const grafana: CorpusEntry[] = [
  {
    tool: 'grafana',
    sql: `SELECT floor(extract(epoch from "DateCreated")/86400)*86400 AS "time", count(*) AS "orders" FROM "Orders" WHERE "DateCreated" BETWEEN '2024-01-01T00:00:00Z' AND '2026-01-01T00:00:00Z' GROUP BY 1 ORDER BY 1`,
  },
  {
    tool: 'grafana',
    sql: `SELECT extract(epoch from date_trunc('month', "DateCreated")) AS "time", sum("TotalIncTax") AS "revenue" FROM "Orders" GROUP BY 1 ORDER BY 1`,
  },
  {
    tool: 'grafana',
    sql: `SELECT "DateCreated" AS "time", "TotalIncTax" AS value FROM "Orders" WHERE "DateCreated" >= to_timestamp(1704067200) AND "DateCreated" <= to_timestamp(1767225600) ORDER BY 1, 2`,
  },
  {
    tool: 'grafana',
    sql: `SELECT to_timestamp(floor(extract(epoch from "DateCreated")/604800)*604800) AS "time", "Status" AS metric, count(*) FROM "Orders" GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    tool: 'grafana',
    sql: `SELECT 1 AS "value", max("DateCreated") AS "time" FROM "Orders" WHERE "DateCreated" < '2100-01-01'`,
  },
  {
    tool: 'grafana',
    sql: `SELECT "Status" AS __text, "StatusId" AS __value FROM "Orders" GROUP BY 1, 2 ORDER BY 2`,
  },
  {
    tool: 'grafana',
    sql: `SELECT "DateCreated" AS "time", avg("TotalIncTax") OVER (ORDER BY "DateCreated", "Id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving FROM "Orders" ORDER BY "DateCreated", "Id"`,
  },
  {
    tool: 'grafana',
    sql: `SELECT now() >= max("DateCreated") AS ok, current_date > DATE '2020-01-01' AS later FROM "Orders"`,
  },
  {
    tool: 'grafana',
    sql: `SELECT "Id" FROM "Orders" WHERE "DateCreated" > now() - INTERVAL '100 years' AND "Id" = ANY($1) ORDER BY 1`,
    params: [[1, 2, 3, 999]],
  },
  {
    tool: 'grafana',
    sql: `SELECT date_part('hour', "DateCreated") AS h, count(*) FROM "Orders" GROUP BY 1 ORDER BY 1`,
  },
];

const superset: CorpusEntry[] = [
  {
    tool: 'superset',
    sql: `SELECT "Status" AS "Status", sum("TotalIncTax") AS "SUM(TotalIncTax)" FROM "public"."Orders" GROUP BY "Status" ORDER BY "SUM(TotalIncTax)" DESC LIMIT 10000`,
  },
  {
    tool: 'superset',
    sql: `SELECT DATE_TRUNC('year', "DateCreated") AS __timestamp, COUNT(*) AS count FROM "public"."Orders" GROUP BY DATE_TRUNC('year', "DateCreated") ORDER BY count DESC, 1 LIMIT 100`,
  },
  {
    tool: 'superset',
    sql: `SELECT "BrandId" AS "BrandId", percentile_cont(0.5) WITHIN GROUP (ORDER BY "Price") AS "median" FROM "public"."Products" GROUP BY "BrandId" ORDER BY "BrandId" NULLS LAST`,
  },
  {
    tool: 'superset',
    sql: `SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY "TotalIncTax") AS p90, percentile_cont(ARRAY[0.25, 0.75]) WITHIN GROUP (ORDER BY "TotalIncTax") AS quartiles FROM "public"."Orders"`,
  },
  { tool: 'superset', sql: `SELECT "Name" FROM "public"."Brands" LIMIT 0` },
  {
    tool: 'superset',
    sql: `WITH ranked AS (SELECT "Id", "BrandId", "Price", row_number() OVER (PARTITION BY "BrandId" ORDER BY "Price" DESC, "Id") AS rn FROM "Products") SELECT "BrandId", "Id", "Price" FROM ranked WHERE rn <= 2 ORDER BY "BrandId" NULLS FIRST, rn`,
  },
  {
    tool: 'superset',
    sql: `SELECT "Id", "Price", rank() OVER (ORDER BY "Price" DESC) AS r, dense_rank() OVER (ORDER BY "Price" DESC) AS d, ntile(4) OVER (ORDER BY "Price" DESC, "Id") AS q FROM "Products" ORDER BY r, "Id"`,
  },
  {
    tool: 'superset',
    sql: `SELECT "Id", "TotalIncTax", sum("TotalIncTax") OVER (ORDER BY "Id") AS running, lag("TotalIncTax") OVER (ORDER BY "Id") AS prev, lead("Id", 2) OVER (ORDER BY "Id") AS next2 FROM "Orders" ORDER BY "Id"`,
  },
  {
    tool: 'superset',
    sql: `SELECT "Id", first_value("Name") OVER w AS first, last_value("Name") OVER w AS last FROM "Products" WINDOW w AS (PARTITION BY "BrandId" ORDER BY "Id" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY "Id"`,
  },
  {
    tool: 'superset',
    sql: `SELECT CASE WHEN "Price" < 50 THEN 'cheap' WHEN "Price" < 200 THEN 'mid' ELSE 'premium' END AS band, count(*) AS n, round(avg("Price")::numeric, 2) AS avg_price FROM "Products" GROUP BY 1 ORDER BY 1`,
  },
  {
    tool: 'superset',
    sql: `SELECT stddev_samp("Price") IS NOT NULL AS has_sd, round(stddev_pop("Price")::numeric, 6) AS sd, round(variance("Price")::numeric, 4) AS var FROM "Products"`,
  },
  {
    tool: 'superset',
    sql: `SELECT "Status", count(*) FILTER (WHERE "TotalIncTax" > 100) AS big, count(*) AS all_orders FROM "Orders" GROUP BY "Status" HAVING count(*) > 0 ORDER BY 1`,
  },
];

const pandas: CorpusEntry[] = [
  {
    tool: 'sqlalchemy',
    sql: `SELECT "Products"."Id", "Products"."Name" FROM "Products" WHERE "Products"."Id" = ANY($1) ORDER BY "Products"."Id"`,
    params: [[4, 2, 8]],
  },
  {
    tool: 'sqlalchemy',
    sql: `SELECT "Products"."Id", "Products"."Name" FROM "Products" ORDER BY "Products"."Id" LIMIT $1::INTEGER OFFSET $2::INTEGER`,
    params: [5, 3],
  },
  {
    tool: 'sqlalchemy',
    sql: `SELECT "Products"."Id" FROM "Products" WHERE "Products"."Price" > $1::NUMERIC AND "Products"."IsVisible" = $2 ORDER BY "Products"."Id"`,
    params: ['100', true],
  },
  {
    tool: 'sqlalchemy',
    sql: `SELECT count(*) AS count_1 FROM (SELECT "Orders"."Id" AS "Orders_Id" FROM "Orders" WHERE "Orders"."TotalIncTax" >= $1::NUMERIC) AS anon_1`,
    params: ['50'],
  },
  {
    tool: 'sqlalchemy',
    sql: `SELECT "Customers"."Email", count("Orders"."Id") AS count_1 FROM "Customers" LEFT OUTER JOIN "Orders" ON "Customers"."Id" = "Orders"."CustomerId" GROUP BY "Customers"."Email" ORDER BY count_1 DESC, "Customers"."Email" LIMIT $1::INTEGER`,
    params: [5],
  },
  {
    tool: 'sqlalchemy',
    sql: `SELECT "Products"."Id" FROM "Products" WHERE "Products"."Name" IN ($1, $2) ORDER BY 1`,
    params: ['Sleek Slate Kettle', 'Cozy Glass Candle'],
  },
  {
    tool: 'sqlalchemy',
    sql: `SELECT "Products"."Id", lower("Products"."Name") AS lower_1, upper(substring("Products"."Sku" from 1 for 3)) AS p FROM "Products" WHERE "Products"."Id" <= $1 ORDER BY 1`,
    params: [5],
  },
  { tool: 'pandas', sql: `SELECT * FROM "Brands" ORDER BY "Id"` },
  {
    tool: 'pandas',
    sql: `SELECT "Id", "DateCreated", "TotalIncTax", "OrderIsDigital" FROM "Orders" WHERE "DateCreated" >= $1 ORDER BY "Id"`,
    params: ['2025-01-01T00:00:00Z'],
  },
  {
    tool: 'pandas',
    sql: `SELECT "Id", "Categories", jsonb_array_length("Categories") AS n FROM "Products" ORDER BY "Id" LIMIT 5`,
  },
  {
    tool: 'pandas',
    sql: `SELECT p."Id", c.value::bigint AS category FROM "Products" p, jsonb_array_elements_text(p."Categories") c ORDER BY 1, 2 LIMIT 20`,
  },
  {
    tool: 'pandas',
    sql: `SELECT "Id", to_char("DateCreated", 'YYYY-MM-DD HH24:MI') AS created, to_char("TotalIncTax", 'FM999990.00') AS total FROM "Orders" ORDER BY "Id" LIMIT 10`,
  },
  {
    tool: 'pandas',
    sql: `SELECT "Id", greatest("Price", "CostPrice", 40) AS g, least("Price", "CostPrice") AS l FROM "Products" ORDER BY "Id" LIMIT 10`,
  },
  {
    tool: 'pandas',
    sql: `SELECT "Id", coalesce(nullif("Upc", ''), 'none') AS upc, "OptionSetId" IS NULL AS no_set FROM "Products" ORDER BY "Id" LIMIT 10`,
  },
  {
    tool: 'pandas',
    sql: `SELECT p."Id", p."Name", v."Sku", v."Price" FROM "Products" p JOIN "ProductVariants" v ON v."ProductId" = p."Id" WHERE p."Id" = $1 ORDER BY v."Id"`,
    params: [2],
  },
  {
    tool: 'pandas',
    sql: `SELECT p."Id", count(v."Id") AS variants FROM "Products" p LEFT JOIN "ProductVariants" v ON v."ProductId" = p."Id" WHERE p."Id" <= 6 GROUP BY p."Id" ORDER BY p."Id"`,
  },
  {
    tool: 'pandas',
    sql: `SELECT o."Id", o."TotalIncTax", c."Email" FROM "Orders" o JOIN "Customers" c ON c."Id" = o."CustomerId" ORDER BY o."Id"`,
  },
  { tool: 'pandas', sql: `SELECT "Id" FROM "Products" WHERE "Id" = $1`, params: [7] },
];

const functions: CorpusEntry[] = [
  { tool: 'sql', sql: `SELECT count(*) FROM "Products"` },
  {
    tool: 'sql',
    sql: `SELECT count(*), sum("InventoryLevel"), avg("Price"), min("Price"), max("Name") FROM "Products"`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", "Price" * 1.2 AS gross, "Price"::int AS whole, "Price"::text AS t, "Price"::float8 AS f FROM "Products" ORDER BY "Id" LIMIT 5`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", "DateCreated"::date AS d, "DateCreated" + INTERVAL '1 month' AS later, "DateCreated" - DATE '2024-01-01' AS since FROM "Orders" ORDER BY "Id" LIMIT 5`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", age(TIMESTAMPTZ '2026-01-01 00:00:00+00', "DateCreated") AS age FROM "Orders" ORDER BY "Id" LIMIT 5`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", length("Name") AS len, position('a' in "Name") AS pos, replace("Name", ' ', '_') AS r, split_part("Sku", '-', 2) AS part FROM "Products" ORDER BY "Id" LIMIT 8`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", left("Name", 4) AS l, right("Sku", 3) AS r, initcap(lower("Name")) AS i, trim(both ' ' from '  ' || "Type" || '  ') AS t, concat_ws('/', "Type", "Condition") AS c FROM "Products" ORDER BY "Id" LIMIT 6`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", regexp_replace("Name", '[aeiou]', '', 'g') AS consonants, "Name" ~* 'kettle' AS k FROM "Products" ORDER BY "Id" LIMIT 6`,
  },
  { tool: 'sql', sql: `SELECT string_agg("Name", ', ' ORDER BY "Name") AS names FROM "Brands"` },
  { tool: 'sql', sql: `SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "Products" WHERE "BrandId" = 9` },
  {
    tool: 'sql',
    sql: `SELECT "Id", round("Price" / 3, 3) AS third, "Price" % 7 AS m, abs("Price" - 100) AS d, ceil("Price") AS c, trunc("Price") AS t FROM "Products" ORDER BY "Id" LIMIT 6`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", "InventoryLevel" / 7 AS int_div, "InventoryLevel"::numeric / 7 AS num_div FROM "Products" ORDER BY "Id" LIMIT 5`,
  },
  {
    tool: 'sql',
    sql: `SELECT sum("Price") / count(*) AS mean, round(avg("Price")::numeric, 2) AS avg2 FROM "Products"`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", "DateModified" > "DateCreated" AS changed, extract(epoch from "DateModified" - "DateCreated") AS secs FROM "Products" ORDER BY "Id" LIMIT 5`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", "Categories" -> 0 AS first, "Categories" ->> 0 AS first_text, "Categories" @> '[11]'::jsonb AS has11 FROM "Products" ORDER BY "Id" LIMIT 6`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", "Name" FROM "Products" WHERE "Name" LIKE 'C%' OR "Name" LIKE '%Tote%' ORDER BY "Name"`,
  },
  { tool: 'sql', sql: `SELECT DISTINCT "Type" FROM "Products" ORDER BY 1` },
  {
    tool: 'sql',
    sql: `SELECT DISTINCT ON ("BrandId") "BrandId", "Id", "Price" FROM "Products" ORDER BY "BrandId", "Price" DESC, "Id"`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id" FROM "Products" WHERE "Id" IN (SELECT "ProductId" FROM "ProductVariants" WHERE "Price" > 100) ORDER BY 1`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id" FROM "Customers" c WHERE NOT EXISTS (SELECT 1 FROM "Orders" o WHERE o."CustomerId" = c."Id") ORDER BY 1`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id" FROM "Products" WHERE "Id" < 5 UNION SELECT "Id" FROM "Products" WHERE "Id" > 37 ORDER BY 1`,
  },
  { tool: 'sql', sql: `SELECT "BrandId" FROM "Products" INTERSECT SELECT "Id" FROM "Brands" ORDER BY 1` },
  {
    tool: 'sql',
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i, (SELECT count(*) FROM "Products" WHERE "Id" <= i) AS c FROM n ORDER BY i`,
  },
  {
    tool: 'sql',
    sql: `SELECT g::date AS day, count(o."Id") AS orders FROM generate_series(TIMESTAMPTZ '2025-01-01', TIMESTAMPTZ '2025-01-10', INTERVAL '1 day') g LEFT JOIN "Orders" o ON date_trunc('day', o."DateCreated") = g GROUP BY 1 ORDER BY 1`,
  },
  {
    tool: 'sql',
    sql: `SELECT "Id", CASE "Type" WHEN 'physical' THEN 1 ELSE 0 END AS phys, NULLIF("InventoryLevel", 0) IS NULL AS empty FROM "Products" ORDER BY "Id" LIMIT 8`,
  },
  {
    tool: 'sql',
    sql: `SELECT "OptionSetId", count(*) FROM "Products" GROUP BY "OptionSetId" ORDER BY 1 NULLS FIRST`,
  },
  {
    tool: 'sql',
    sql: `SELECT count("OptionSetId") AS non_null, count(*) AS total, sum(CASE WHEN "OptionSetId" IS NULL THEN 1 END) AS nulls FROM "Products"`,
  },
  { tool: 'sql', sql: `SELECT "Id", "Name" FROM "Products" ORDER BY "Name" DESC LIMIT 5` },
  { tool: 'sql', sql: `SELECT "Name" FROM "Brands" WHERE "Id" = 1`, unordered: true },
  { tool: 'sql', sql: `SELECT "Status", "StatusId" FROM "Orders" GROUP BY 1, 2`, unordered: true },
  {
    tool: 'sql',
    sql: `SELECT o."Id", (SELECT count(*) FROM "Customers") AS customers FROM "Orders" o ORDER BY 1 LIMIT 3`,
  },
];

const catalogJoins: CorpusEntry[] = [
  {
    tool: 'psql',
    sql: `SELECT c.column_name, c.data_type, count(p."Id") AS n FROM information_schema.columns c CROSS JOIN "Brands" p WHERE c.table_name = 'Brands' AND c.column_name IN ('Id', 'Name') GROUP BY 1, 2 ORDER BY 1`,
  },
  {
    tool: 'psql',
    sql: `SELECT t.typname, count(*) FROM "Products" p JOIN pg_type t ON t.oid = pg_typeof(p."Price") GROUP BY 1`,
  },
  {
    tool: 'psql',
    sql: `SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'Orders' AND a.attnum > 0 AND a.attname IN ('Id', 'TotalIncTax', 'DateCreated') ORDER BY a.attnum`,
  },
  {
    tool: 'psql',
    sql: `SELECT "Id" FROM "Brands" WHERE 'Brands' IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public') ORDER BY 1`,
  },
];

const errors: CorpusEntry[] = [
  { tool: 'error', sql: `SELECT "Price" / 0 FROM "Products"` },
  { tool: 'error', sql: `SELECT "InventoryLevel" / 0 FROM "Products"` },
  { tool: 'error', sql: `SELECT * FROM "Products" WHERE "Id" = 'abc'` },
  { tool: 'error', sql: `SELECT "NoSuchColumn" FROM "Products"` },
  { tool: 'error', sql: `SELECT "Id" FROM "NoSuchTable"` },
  { tool: 'error', sql: `SELECT no_such_function("Id") FROM "Products"` },
  { tool: 'error', sql: `SELECT "Id" FROM "Products" WHERE "Name" > 5` },
  { tool: 'error', sql: `SELECT "Id", count(*) FROM "Products"` },
  { tool: 'error', sql: `SELECT "DateCreated" + 1 FROM "Orders"` },
  { tool: 'error', sql: `SELECT 'x'::int FROM "Brands"` },
  { tool: 'error', sql: `SELECT "Id" FROM "Products" p JOIN "ProductVariants" v ON v."ProductId" = p."Id"` },
  { tool: 'error', sql: `SELECT "Id" FROM "Products" WHERE "Id" = $1`, params: ['seven'] },
];

export const CORPUS: CorpusEntry[] = [...metabase, ...grafana, ...superset, ...pandas, ...functions, ...catalogJoins, ...errors]; // prettier-ignore
