/** SQL text → parseStatement → planSelect over the real catalog: the requests each query compiles to. */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { systemTables } from '../../src/catalog/systemTables';
import { planSelect, type ApiTablePlan } from '../../src/engine/planSelect';
import { parseStatement } from '../../src/sql/parseStatement';
import type { SelectStatement } from '../../src/sql/types';

const catalog = loadCatalog();
const env = { systemTables: systemTables.map((t) => t.name) };
const options = { Pushdown: true, MaxFanOut: 10000 };

function compile(sql: string, params?: unknown[] | Record<string, unknown>) {
  const stmt = parseStatement(sql) as SelectStatement;
  const plan = planSelect(stmt, catalog, options, params, env);
  if (plan.kind !== 'tables') return plan;
  return plan.tables.map((t) => {
    if (t.source === 'system') return { system: t.table };
    const { table, mode, path, query: sent, pageSize, limit, parentKeys } = t as ApiTablePlan;
    // The fields asked for are projection.test.ts's subject; here, the filters and paging.
    const { include_fields: _fields, ...query } = sent;
    return {
      table,
      mode,
      path,
      query,
      pageSize,
      ...(limit !== undefined ? { limit } : {}),
      ...(parentKeys ? { parentKeys } : {}),
    };
  });
}

const full = (table: string, path: string, pageSize = 250) => ({
  table,
  mode: 'list',
  path,
  query: {},
  pageSize,
});

describe('compiled plans for SQL over the real catalog', () => {
  it.each<[string, unknown]>([
    [
      'SELECT * FROM Products WHERE Id = 7',
      [{ table: 'Products', mode: 'get', path: '/v3/catalog/products/7', query: {}, pageSize: 250 }],
    ],
    [
      'SELECT * FROM Products WHERE Id IN (1, 2, 3)',
      [{ ...full('Products', '/v3/catalog/products'), query: { 'id:in': '1,2,3' } }],
    ],
    ['SELECT Name FROM Products LIMIT 10', [{ ...full('Products', '/v3/catalog/products', 10), limit: 10 }]],
    ['SELECT TOP 3 Name FROM [Products]', [{ ...full('Products', '/v3/catalog/products', 3), limit: 3 }]],
    ['SELECT COUNT(*) FROM Products', [{ ...full('Products', '/v3/catalog/products', 1), mode: 'count' }]],
    ['SELECT COUNT(*) AS n FROM Orders', [{ ...full('Orders', '/v2/orders', 1), mode: 'count' }]],
    [
      'SELECT COUNT(*) FROM Orders WHERE StatusId = 11',
      [{ ...full('Orders', '/v2/orders', 1), mode: 'count', query: { status_id: 11 } }],
    ],
    [
      'SELECT * FROM OrderItems WHERE OrderId = 7',
      [{ ...full('OrderItems', '/v2/orders/{OrderId}/products'), mode: 'children', parentKeys: [7] }],
    ],
    [
      'SELECT * FROM ProductVariants WHERE ProductId IN (1, 2)',
      [
        {
          ...full('ProductVariants', '/v3/catalog/products/{ProductId}/variants'),
          mode: 'children',
          parentKeys: [1, 2],
        },
      ],
    ],
    [
      'SELECT * FROM OrderItems',
      [{ ...full('OrderItems', '/v2/orders/{OrderId}/products'), mode: 'fanout' }],
    ],
    ['SELECT * FROM Orders WHERE Id = 5', [{ ...full('Orders', '/v2/orders/5'), mode: 'get' }]],
    [
      'SELECT * FROM Orders WHERE Id > 5 AND CustomerId = 3',
      [{ ...full('Orders', '/v2/orders'), query: { min_id: 5, customer_id: 3 } }],
    ],
    [
      "SELECT * FROM Customers WHERE Email = 'a@b.c' LIMIT 1",
      [{ ...full('Customers', '/v3/customers'), query: { 'email:in': 'a@b.c' } }],
    ],
    [
      'SELECT Id FROM Products WHERE InventoryLevel >= 10 AND InventoryLevel < 20 LIMIT 4 OFFSET 2',
      [
        {
          ...full('Products', '/v3/catalog/products', 6),
          query: { 'inventory_level:min': 10, 'inventory_level:less': 20 },
          limit: 6,
        },
      ],
    ],
    [
      "SELECT * FROM Products WHERE DateModified >= '2024-01-01T00:00:00Z'",
      [
        {
          ...full('Products', '/v3/catalog/products'),
          query: { 'date_modified:min': '2024-01-01T00:00:00Z' },
        },
      ],
    ],
    [
      "SELECT * FROM Products WHERE DateModified >= '2024-01-01'",
      [
        {
          ...full('Products', '/v3/catalog/products'),
          query: { 'date_modified:min': '2024-01-01T00:00:00Z' },
        },
      ],
    ],
    [
      'SELECT * FROM Products WHERE IsFeatured = true',
      [{ ...full('Products', '/v3/catalog/products'), query: { is_featured: 1 } }],
    ],
    [
      'SELECT * FROM Products WHERE IsVisible = 0',
      [{ ...full('Products', '/v3/catalog/products'), query: { is_visible: false } }],
    ],
    ['SELECT * FROM Products WHERE Id = 7 OR Id = 8', [full('Products', '/v3/catalog/products')]],
    ['SELECT * FROM Products WHERE Id = ?', [{ ...full('Products', '/v3/catalog/products/9'), mode: 'get' }]],
    [
      'SELECT p.Name, b.Name FROM Products p LEFT JOIN Brands b ON b.Id = p.BrandId WHERE p.Id = 1',
      [{ ...full('Products', '/v3/catalog/products/1'), mode: 'get' }, full('Brands', '/v3/catalog/brands')],
    ],
    [
      'SELECT * FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5',
      [
        { ...full('Orders', '/v2/orders/5'), mode: 'get' },
        { ...full('OrderItems', '/v2/orders/{OrderId}/products'), mode: 'children', parentKeys: [5] },
      ],
    ],
    [
      'SELECT * FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id JOIN Brands b ON b.Id = p.BrandId WHERE p.Id = 2 AND p.BrandId = 7',
      [
        { ...full('Products', '/v3/catalog/products/2'), mode: 'get' },
        {
          ...full('ProductVariants', '/v3/catalog/products/{ProductId}/variants'),
          mode: 'children',
          parentKeys: [2],
        },
        { ...full('Brands', '/v3/catalog/brands/7'), mode: 'get' },
      ],
    ],
    [
      'SELECT * FROM Customers c JOIN CustomerAddresses a ON a.CustomerId = c.Id WHERE c.Id = 3',
      [
        { ...full('Customers', '/v3/customers'), query: { 'id:in': 3 } },
        { ...full('CustomerAddresses', '/v3/customers/addresses'), query: { 'customer_id:in': 3 } },
      ],
    ],
    [
      'SELECT p.Name, b.Name FROM Products p JOIN Brands b ON b.Id = p.BrandId WHERE p.Id = 1',
      [{ ...full('Products', '/v3/catalog/products/1'), mode: 'get' }, full('Brands', '/v3/catalog/brands')],
    ],
    ['SELECT TableName FROM sys_tables', [{ system: 'sys_tables' }]],
    ['SELECT * FROM Stores', [{ ...full('Stores', '/v2/store') }]],
  ])('%s', (sql, expected) => {
    expect(compile(sql, [9])).toEqual(expected);
  });

  it('compiles SELECT from a procedure to a procedure call', () => {
    expect(
      compile(
        "SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl = 'http://localhost:1' AND State = ?",
        ['s'],
      ),
    ).toEqual({
      kind: 'procedure',
      procedure: 'GetOAuthAuthorizationURL',
      args: [
        { name: 'CallbackUrl', value: { kind: 'literal', value: 'http://localhost:1' }, position: 46 },
        { name: 'State', value: { kind: 'param', index: 0 }, position: 85 },
      ],
    });
  });
});
