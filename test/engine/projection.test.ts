/** Which columns a statement reads: what staging creates and what include_fields asks for. */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { planSelect, type ApiTablePlan } from '../../src/engine/planSelect';
import { unprojected } from '../../src/engine/projection';
import { parseStatement } from '../../src/sql/parseStatement';
import type { SelectStatement } from '../../src/sql/types';

const catalog = loadCatalog();
const env = { systemTables: ['sys_tables'] };

function tables(sql: string, Pushdown = true): Record<string, ApiTablePlan> {
  const plan = planSelect(
    parseStatement(sql) as SelectStatement,
    catalog,
    { Pushdown, MaxFanOut: 100 },
    [],
    env,
  );
  if (plan.kind !== 'tables') throw new Error('not a table plan');
  return Object.fromEntries(plan.tables.map((t) => [t.table, t as ApiTablePlan]));
}

const fields = (sql: string, table: string) => tables(sql)[table].query.include_fields;
const columns = (sql: string, table: string) => tables(sql)[table].columns;

describe('projection', () => {
  it('asks for and stages only the select list (and the primary key) of a v3 table', () => {
    const p = tables('SELECT Id, Name, Price FROM Products').Products;
    expect(p.query.include_fields).toBe('id,name,price');
    expect(p.fields).toEqual(['id', 'name', 'price']);
    expect(p.columns).toEqual(['Id', 'Name', 'Price']);
    expect(fields('SELECT Name FROM Products', 'Products')).toBe('id,name');
  });

  it('reads every column for SELECT * and t.*, and for a * inside a CTE', () => {
    expect(tables('SELECT * FROM Products').Products).not.toHaveProperty('columns');
    expect(tables('SELECT * FROM Products').Products.query).not.toHaveProperty('include_fields');
    expect(columns('SELECT p.*, b.Name FROM Products p JOIN Brands b ON b.Id = p.BrandId', 'Products')).toBe(
      undefined,
    );
    expect(columns('SELECT p.*, b.Name FROM Products p JOIN Brands b ON b.Id = p.BrandId', 'Brands')).toEqual(
      ['Id', 'Name'],
    );
    expect(columns('WITH c AS (SELECT * FROM Products) SELECT Name FROM c', 'Products')).toBe(undefined);
    expect(columns('SELECT * FROM (SELECT Name FROM Products) d', 'Products')).toEqual(['Id', 'Name']);
  });

  it('counts WHERE, GROUP BY, HAVING, ORDER BY and window references', () => {
    const sql =
      'SELECT BrandId, COUNT(*) FROM Products WHERE IsVisible = 1 GROUP BY BrandId HAVING MAX(Price) > 5 ORDER BY MIN(Sku)';
    expect(fields(sql, 'Products')).toBe('id,sku,price,brand_id,is_visible');
    const win = 'SELECT Id, RANK() OVER (PARTITION BY BrandId ORDER BY DateCreated) AS r FROM Products';
    expect(columns(win, 'Products')).toEqual(['Id', 'BrandId', 'DateCreated']);
  });

  it('gives a qualified column to its table and an unqualified one to every table that has it', () => {
    const sql = 'SELECT p.Name, b.Id FROM Products p JOIN Brands b ON p.BrandId = b.Id';
    expect(columns(sql, 'Products')).toEqual(['Id', 'Name', 'BrandId']);
    expect(columns(sql, 'Brands')).toEqual(['Id']);
    const bare = 'SELECT Name FROM Products p JOIN Brands b ON p.BrandId = b.Id';
    expect(columns(bare, 'Brands')).toEqual(['Id', 'Name']);
    expect(columns(bare, 'Products')).toEqual(['Id', 'Name', 'BrandId']);
  });

  it('follows every alias of a table, and subqueries', () => {
    const sql =
      'SELECT a.Name FROM Products a WHERE a.Id IN (SELECT z.Id FROM Products z WHERE z.Sku LIKE ?) AND EXISTS (SELECT 1 FROM Brands b WHERE b.Id = a.BrandId)';
    expect(columns(sql, 'Products')).toEqual(['Id', 'Name', 'Sku', 'BrandId']);
    expect(columns(sql, 'Brands')).toEqual(['Id']);
  });

  it('treats a qualifier no table answers to (a CTE or derived table) as any table', () => {
    const sql = 'WITH c AS (SELECT Id, Price FROM Products) SELECT c.Price FROM c';
    expect(columns(sql, 'Products')).toEqual(['Id', 'Price']);
    const derived = 'SELECT d.Weight FROM (SELECT * FROM Products) d';
    expect(columns(derived, 'Products')).toBe(undefined);
  });

  it('keeps the parent key of a child table and asks the fan-out parent for its key alone', () => {
    const child = tables('SELECT Description FROM ProductImages').ProductImages;
    expect(child.query.include_fields).toBe('id,product_id,description');
    expect(child.mode).toBe('fanout');
    expect(child.fanOut!.parent.query.include_fields).toBe('id');
    const byKey = tables('SELECT Description FROM ProductImages WHERE ProductId = 3').ProductImages;
    expect(byKey.mode).toBe('children');
    expect(byKey.query.include_fields).toBe('id,product_id,description');
  });

  it('asks an unnested table for its array field and the owner fields it reads', () => {
    expect(fields('SELECT ProductId, Amount FROM ProductBulkPricingRules', 'ProductBulkPricingRules')).toBe(
      'bulk_pricing_rules,id',
    );
    expect(columns('SELECT Amount FROM ProductBulkPricingRules', 'ProductBulkPricingRules')).toEqual([
      'Id',
      'Amount',
    ]);
  });

  it('stages only the referenced columns of a v2 table, which has no field selection', () => {
    const o = tables('SELECT Id, CustomerId FROM Orders').Orders;
    expect(o.columns).toEqual(['Id', 'CustomerId']);
    expect(o.query).not.toHaveProperty('include_fields');
  });

  it('narrows a GET by id and leaves a COUNT(*) request alone', () => {
    const get = tables('SELECT Name FROM Products WHERE Id = 7').Products;
    expect(get.mode).toBe('get');
    expect(get.query.include_fields).toBe('id,name');
    const count = tables('SELECT COUNT(*) FROM Products').Products;
    expect(count.mode).toBe('count');
    expect(count.query).not.toHaveProperty('include_fields');
  });

  it('reads every column with Pushdown=false, and unprojected() widens a narrowed plan', () => {
    const off = tables('SELECT Id, Name FROM Products', false).Products;
    expect(off).not.toHaveProperty('columns');
    expect(off.query).not.toHaveProperty('include_fields');
    const plan = planSelect(
      parseStatement('SELECT Description FROM ProductImages') as SelectStatement,
      catalog,
      { Pushdown: true, MaxFanOut: 100 },
      [],
      env,
    );
    if (plan.kind !== 'tables') throw new Error('not a table plan');
    const wide = unprojected(plan).tables[0] as ApiTablePlan;
    expect(wide).not.toHaveProperty('columns');
    expect(wide.query).not.toHaveProperty('include_fields');
    expect(wide.fanOut!.parent.query).not.toHaveProperty('include_fields');
  });
});
