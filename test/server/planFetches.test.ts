/**
 * What bcsql serve asks the provider for before PostgreSQL runs a statement: the columns the
 * statement can see, filters that hold for every row that matters, join keys and LIMITs, and
 * nothing that could drop a row PostgreSQL would keep.
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { systemTables } from '../../src/catalog/systemTables';
import { planFetches, type FetchPlan } from '../../src/server/exec/planFetches';
import { storeShapes } from '../../src/server/exec/storeShapes';
import { codeTokens } from '../../src/server/pgLexer';

const shapes = storeShapes(loadCatalog(), systemTables);

function plan(sql: string, params: unknown[] = []): Record<string, Partial<FetchPlan> & { where: string[] }> {
  const plans = planFetches(codeTokens(sql), shapes, (n) => params[n - 1]);
  return Object.fromEntries(
    plans.map((p) => [
      p.table.name,
      {
        columns: p.columns,
        where: p.filters.map((f) => `${f.sql} ${JSON.stringify(f.values)}`),
        joinKey: p.joinKey,
        limit: p.limit,
      },
    ]),
  );
}

describe('planFetches', () => {
  it('fetches only the columns a statement names, plus the key', () => {
    expect(plan('SELECT "Name", "Price" FROM "Products"').Products.columns).toEqual(['Id', 'Name', 'Price']);
  });

  it('fetches every column after *, t.*, a whole-row reference or in a NATURAL join', () => {
    const all = shapes.get('Products')!.columns.length;
    expect(plan('SELECT * FROM "Products"').Products.columns).toHaveLength(all);
    expect(plan('SELECT p.* FROM "Products" p').Products.columns).toHaveLength(all);
    expect(plan('SELECT row_to_json(p) FROM "Products" p').Products.columns).toHaveLength(all);
    expect(plan('SELECT count(*) FROM "Products"').Products.columns).toEqual(['Id']);
    expect(plan('SELECT count(*) FROM "Products" NATURAL JOIN "Brands"').Products.columns).toHaveLength(all);
  });

  it('passes on = ANY($1) with an array, IN lists, BETWEEN and comparisons', () => {
    expect(plan('SELECT "Id" FROM "Products" WHERE "Id" = ANY($1)', [[3, 1]]).Products.where).toEqual([
      '"Id" IN (?, ?) [3,1]',
    ]);
    expect(
      plan(
        `SELECT 1 FROM "Orders" WHERE "StatusId" IN (1, $1) AND "DateCreated" BETWEEN DATE '2025-01-01' AND $2`,
        ['2', '2025-02-01 10:00:00.5+00'],
      ).Orders.where,
    ).toEqual([
      '"StatusId" IN (?, ?) [1,2]',
      '"DateCreated" >= ? AND "DateCreated" <= ? ["2025-01-01T00:00:00Z","2025-02-01T10:00:01Z"]',
    ]);
  });

  it('passes nothing from a WHERE with a top-level OR, NOT, a function or a cast column', () => {
    expect(plan('SELECT 1 FROM "Products" WHERE "Id" = 1 OR "Id" = 2').Products.where).toEqual([]);
    expect(plan('SELECT 1 FROM "Products" WHERE NOT "Id" = 1').Products.where).toEqual([]);
    expect(plan(`SELECT 1 FROM "Products" WHERE lower("Name") = 'x'`).Products.where).toEqual([]);
    expect(plan(`SELECT 1 FROM "Products" WHERE "Id"::text = '1'`).Products.where).toEqual([]);
  });

  it('keeps text comparisons other than equality, and unconvertible values, for PostgreSQL alone', () => {
    expect(plan(`SELECT 1 FROM "Products" WHERE "Name" > 'M' AND "Id" = 'abc'`).Products.where).toEqual([]);
    expect(plan(`SELECT 1 FROM "Products" WHERE "Name" = 'Kettle'`).Products.where).toEqual([
      `"Name" = ? ["Kettle"]`,
    ]);
  });

  it('widens datetime bounds to whole seconds and drops the time of day of a date cast', () => {
    expect(
      plan(`SELECT 1 FROM "Orders" WHERE "DateCreated" < '2025-01-01T10:00:00.250Z'`).Orders.where,
    ).toEqual(['"DateCreated" <= ? ["2025-01-01T10:00:01Z"]']);
    expect(
      plan(`SELECT 1 FROM "Orders" WHERE "DateCreated" >= '2025-01-01 10:30'::date`).Orders.where,
    ).toEqual(['"DateCreated" >= ? ["2025-01-01T00:00:00Z"]']);
  });

  it('narrows a joined table by the keys of the table before it, and passes WHERE terms to their own table', () => {
    const p = plan(
      'SELECT p."Id", v."Id" FROM "Products" p JOIN "ProductVariants" v ON v."ProductId" = p."Id" WHERE p."Id" = $1',
      [2],
    );
    expect(p.Products.where).toEqual(['"Id" = ? [2]']);
    expect(p.ProductVariants.joinKey).toEqual({ column: 'ProductId', table: 'Products', otherColumn: 'Id' });
    expect(p.ProductVariants.where).toEqual([]);
  });

  it('uses no ON condition of a RIGHT or FULL join, and no WHERE for a table read twice', () => {
    const right = plan('SELECT 1 FROM "Products" p RIGHT JOIN "ProductVariants" v ON v."ProductId" = p."Id" AND p."Id" = 3'); // prettier-ignore
    expect(right.Products.where).toEqual([]);
    expect(right.ProductVariants.joinKey).toBeUndefined();
    const twice = plan('SELECT 1 FROM "Products" a, "Products" b WHERE a."Id" = 1 AND b."Id" = 2');
    expect(twice.Products.where).toEqual([]);
  });

  it('passes a LIMIT (plus OFFSET) only for a plain scan of one table', () => {
    expect(plan('SELECT "Id" FROM "Products" LIMIT $1::INTEGER OFFSET 2', [3]).Products.limit).toBe(5);
    expect(plan('SELECT "Id" FROM "Products" WHERE "Id" > 4 LIMIT 3').Products.limit).toBe(3);
    expect(plan('SELECT "Id" FROM "Products" ORDER BY "Id" LIMIT 3').Products.limit).toBeUndefined();
    expect(plan('SELECT count(*) FROM "Products" LIMIT 3').Products.limit).toBeUndefined();
    expect(
      plan(`SELECT "Id" FROM "Products" WHERE lower("Name") = 'x' LIMIT 3`).Products.limit,
    ).toBeUndefined();
    expect(plan('SELECT "Id" FROM "Products" p, jsonb_array_elements(p."Categories") c LIMIT 3').Products.limit).toBeUndefined(); // prettier-ignore
  });

  it('reads EXTRACT(… FROM …) and subqueries without mistaking them for FROM lists', () => {
    const p = plan('SELECT extract(epoch from "DateCreated") FROM "Orders" WHERE "Id" IN (SELECT "OrderId" FROM "OrderItems" WHERE "ProductId" = 4)'); // prettier-ignore
    expect(p.Orders.where).toEqual([]);
    expect(p.OrderItems.where).toEqual(['"ProductId" = ? [4]']);
  });

  it('treats names as PostgreSQL resolves them: unquoted names fold to lower case', () => {
    expect(plan('SELECT 1 FROM Products')).toEqual({});
    expect(Object.keys(plan('SELECT 1 FROM public."Products"'))).toEqual(['Products']);
  });
});
