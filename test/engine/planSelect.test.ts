import { planSelect, type ApiTablePlan, type QueryPlan } from '../../src/engine/planSelect';
import { parseStatement } from '../../src/sql/parseStatement';
import type { FilterMapping } from '../../src/catalog/types';
import type { SelectStatement } from '../../src/sql/types';
import { catalog, lit, multi, named, options, param, select, term } from './fixtures';

const env = { systemTables: ['sys_tables', 'sys_tablecolumns'] };

function plan(
  stmt: SelectStatement,
  params?: unknown[] | Record<string, unknown>,
  over: Partial<typeof options> = {},
) {
  return planSelect(stmt, catalog, { ...options, ...over }, params, env);
}

function only(p: QueryPlan): ApiTablePlan {
  if (p.kind !== 'tables' || p.tables.length !== 1 || p.tables[0].source !== 'api')
    throw new Error('not one API table');
  return p.tables[0];
}

describe('planSelect', () => {
  describe('point lookups', () => {
    it('turns Id = n on a table with a get endpoint into one GET by id', () => {
      const p = only(plan(select('Products', '', { conjuncts: [term('Id', '=', lit(7))] })));
      expect(p).toMatchObject({ mode: 'get', path: '/v3/catalog/products/7', table: 'Products' });
    });

    it('takes the id from a ? parameter and from an @name parameter', () => {
      expect(only(plan(select('products', '', { conjuncts: [term('id', '=', param(0))] }), [42])).path).toBe(
        '/v3/catalog/products/42',
      );
      expect(
        only(plan(select('Products', '', { conjuncts: [term('Id', '=', named('pid'))] }), { pid: 9 })).path,
      ).toBe('/v3/catalog/products/9');
    });

    it('accepts a numeric string id, as SQLite compares it with an INTEGER column', () => {
      expect(only(plan(select('Products', '', { conjuncts: [term('Id', '=', lit('12'))] }))).path).toBe(
        '/v3/catalog/products/12',
      );
    });

    it('does not GET a non-numeric or NULL id and lists instead', () => {
      for (const v of ['abc', null, 7.5]) {
        const p = only(plan(select('Products', '', { conjuncts: [term('Id', '=', lit(v))] })));
        expect(p.mode).toBe('list');
        expect(p.query).toEqual({});
      }
    });

    it('uses the v2 get endpoint for Orders', () => {
      expect(only(plan(select('Orders', '', { conjuncts: [term('Id', '=', lit(5))] })))).toMatchObject({
        mode: 'get',
        path: '/v2/orders/5',
      });
    });

    it('keeps a GET when other terms are present, leaving them to SQLite', () => {
      const p = only(
        plan(
          select('Products', '', {
            conjuncts: [term('Price', '>=', lit(10)), term('Id', '=', lit(3))],
            residual: true,
          }),
        ),
      );
      expect(p).toMatchObject({ mode: 'get', path: '/v3/catalog/products/3' });
    });
  });

  describe('filter pushdown', () => {
    it('joins an IN list into one id:in parameter', () => {
      const p = only(plan(select('Products', '', { conjuncts: [term('Id', 'IN', lit(1), lit(2), lit(3))] })));
      expect(p).toMatchObject({ mode: 'list', query: { 'id:in': '1,2,3' }, pushed: ['Id IN → id:in'] });
      expect(p.limit).toBeUndefined();
    });

    it('maps each comparison operator to its parameter', () => {
      const q = only(
        plan(
          select('Products', '', {
            conjuncts: [
              term('Id', '>', lit(5)),
              term('Price', '<=', lit('19.5')),
              term('Sku', '=', lit('ABC')),
            ],
          }),
        ),
      ).query;
      expect(q).toEqual({ 'id:greater': 5, 'price:max': 19.5, sku: 'ABC' });
    });

    it('sends one value to every parameter a mapping names (v2 Id = as min_id and max_id)', () => {
      const p = only(plan(select('Orders', '', { conjuncts: [term('Id', '=', lit('abc'))] })));
      expect(p.query).toEqual({});
      const q = only(
        plan(select('Orders', '', { conjuncts: [term('StatusId', '=', lit(11)), term('Id', '>=', lit(3))] })),
      ).query;
      expect(q).toEqual({ status_id: 11, min_id: 3 });
    });

    it('sends booleans as true/false, or 1/0 for parameters that take numbers', () => {
      expect(
        only(plan(select('Products', '', { conjuncts: [term('IsVisible', '=', lit(true))] }))).query,
      ).toEqual({
        is_visible: true,
      });
      expect(
        only(plan(select('Products', '', { conjuncts: [term('IsVisible', '=', lit(0))] }))).query,
      ).toEqual({
        is_visible: false,
      });
      expect(
        only(plan(select('Orders', '', { conjuncts: [term('IsDeleted', '=', lit(true))] }))).query,
      ).toEqual({
        is_deleted: 1,
      });
    });

    it('does not push a boolean compared with something other than true/false/0/1', () => {
      expect(
        only(plan(select('Products', '', { conjuncts: [term('IsVisible', '=', lit('yes'))] }))).query,
      ).toEqual({});
    });

    it('pushes the literal part of a LIKE pattern to :like', () => {
      const like = (pattern: string) =>
        only(plan(select('Products', '', { conjuncts: [term('Name', 'LIKE', lit(pattern))] }))).query[
          'name:like'
        ];
      expect(like('%shirt%')).toBe('shirt');
      expect(like('shirt%')).toBe('shirt');
      expect(like('%red_shirt')).toBe('shirt');
      expect(like('%')).toBeUndefined();
      expect(like('_')).toBeUndefined();
    });

    it('pushes a datetime written in any accepted form as the staged UTC timestamp', () => {
      const q = (v: string) =>
        only(plan(select('Products', '', { conjuncts: [term('DateModified', '>=', lit(v))] }))).query[
          'date_modified:min'
        ];
      expect(q('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00Z');
      expect(q('2024-05-01')).toBe('2024-05-01T00:00:00Z');
      expect(q('2024-5-1')).toBe('2024-05-01T00:00:00Z');
      expect(q('2024/05/01')).toBe('2024-05-01T00:00:00Z');
      expect(q('05/01/2024')).toBe('2024-05-01T00:00:00Z');
      expect(q('2024-05-01 10:00:00')).toBe('2024-05-01T10:00:00Z');
      expect(q('2024-05-01T10:00:00+02:00')).toBe('2024-05-01T08:00:00Z');
      expect(q('Wed, 01 May 2024 10:00:00 +0000')).toBe('2024-05-01T10:00:00Z');
    });

    it('pushes each element of an array bound to IN (?) as one list parameter', () => {
      const p = only(plan(select('Products', '', { conjuncts: [term('Id', 'IN', param(0))] }), [[3, 4, 5]]));
      expect(p.query).toEqual({ 'id:in': '3,4,5' });
    });

    it('does not push IN values that contain a comma', () => {
      expect(
        only(plan(select('Products', '', { conjuncts: [term('Sku', 'IN', lit('a,b'), lit('c'))] }))).query,
      ).toEqual({});
    });

    it('does not push an empty string, which the API may read as match-nothing', () => {
      expect(only(plan(select('Products', '', { conjuncts: [term('Sku', '=', lit(''))] }))).query).toEqual(
        {},
      );
      expect(
        only(plan(select('Products', '', { conjuncts: [term('Sku', 'IN', lit('a'), lit(''))] }))).query,
      ).toEqual({});
    });

    it('does not push IN with a NULL in the list', () => {
      expect(
        only(plan(select('Products', '', { conjuncts: [term('Id', 'IN', lit(1), lit(null))] }))).query,
      ).toEqual({});
    });

    it('pushes only the first of two terms that map to the same parameter', () => {
      const p = only(
        plan(
          select('Products', '', {
            conjuncts: [term('Price', '>=', lit(5)), term('Price', '>', lit(9))],
            limit: lit(3),
          }),
        ),
      );
      expect(p.query).toEqual({ 'price:min': 5 });
      expect(p.limit).toBeUndefined();
    });

    it('ignores columns and operators the table does not map', () => {
      const p = only(
        plan(
          select('Products', '', {
            conjuncts: [term('CustomUrl', '=', lit('/x')), term('Name', '<>', lit('y'))],
          }),
        ),
      );
      expect(p.query).toEqual({});
    });

    it('pushes nothing when Pushdown is false', () => {
      const p = only(
        plan(select('Products', '', { conjuncts: [term('Id', '=', lit(7))], limit: lit(1) }), undefined, {
          Pushdown: false,
        }),
      );
      expect(p).toMatchObject({ mode: 'list', query: {}, pageSize: 250, pushed: [] });
      expect(p.limit).toBeUndefined();
    });

    it("keeps the table's fixed query parameters", () => {
      const withInclude = {
        ...catalog,
        findTable: (n: string) => {
          const t = catalog.findTable(n);
          return t && { ...t, api: { ...t.api, query: { include: 'variants' } } };
        },
      };
      const p = planSelect(
        select('Products', '', { conjuncts: [term('Sku', '=', lit('X'))] }),
        withInclude,
        options,
        undefined,
        env,
      );
      expect(only(p).query).toEqual({ include: 'variants', sku: 'X' });
    });
  });

  describe('LIMIT', () => {
    it('shrinks the page size and stops after LIMIT rows when nothing is left for SQLite to filter', () => {
      expect(only(plan(select('Products', '', { limit: lit(10) })))).toMatchObject({
        mode: 'list',
        limit: 10,
        pageSize: 10,
      });
    });

    it('adds OFFSET to the rows fetched', () => {
      expect(only(plan(select('Products', '', { limit: lit(10), offset: lit(5) })))).toMatchObject({
        limit: 15,
        pageSize: 15,
      });
    });

    it('reads LIMIT from a parameter', () => {
      expect(only(plan(select('Products', '', { limit: param(0) }), [4])).limit).toBe(4);
    });

    it('keeps the maximum page size for a large LIMIT', () => {
      expect(only(plan(select('Products', '', { limit: lit(1000) })))).toMatchObject({
        limit: 1000,
        pageSize: 250,
      });
    });

    it('applies LIMIT together with exactly pushed filters', () => {
      const p = only(
        plan(select('Products', '', { conjuncts: [term('Id', '>=', lit(100))], limit: lit(5) })),
      );
      expect(p).toMatchObject({ query: { 'id:min': 100 }, limit: 5 });
    });

    it.each([
      ['ORDER BY', { orderBy: true }],
      ['GROUP BY', { groupBy: true }],
      ['DISTINCT', { distinct: true }],
      ['aggregates', { aggregates: true }],
      ['a residual WHERE', { residual: true }],
      ['an unpushed term', { conjuncts: [term('CustomUrl', '=', lit('/x'))] }],
      ['a looser LIKE', { conjuncts: [term('Name', 'LIKE', lit('%a%'))] }],
      ['a string equality the API may match loosely', { conjuncts: [term('Name', '=', lit('a'))] }],
      ['a > mapped to an inclusive :min', { conjuncts: [term('Price', '>', lit(3))] }],
    ])('does not limit the fetch with %s', (_label, facts) => {
      expect(only(plan(select('Products', '', { limit: lit(10), ...facts }))).limit).toBeUndefined();
    });

    it('does not limit with a negative LIMIT (SQLite: no limit)', () => {
      expect(only(plan(select('Products', '', { limit: lit(-1) }))).limit).toBeUndefined();
    });

    it('plans LIMIT 0 as nothing to fetch', () => {
      expect(only(plan(select('Products', '', { limit: lit(0) }))).limit).toBe(0);
    });
  });

  describe('COUNT(*)', () => {
    const count = { countStar: true, aggregates: true };

    it('asks the API for the total with no WHERE (v3)', () => {
      expect(only(plan(select('Products', '', count)))).toMatchObject({
        mode: 'count',
        path: '/v3/catalog/products',
        query: {},
      });
    });

    it('asks the v2 count endpoint for Orders', () => {
      expect(only(plan(select('Orders', '', count)))).toMatchObject({ mode: 'count', path: '/v2/orders' });
    });

    it('counts with exactly pushed filters', () => {
      expect(
        only(plan(select('Products', '', { ...count, conjuncts: [term('Id', 'IN', lit(1), lit(2))] }))),
      ).toMatchObject({
        mode: 'count',
        query: { 'id:in': '1,2' },
      });
    });

    it('lists instead when a filter is looser than SQL or stays in SQLite', () => {
      expect(
        only(plan(select('Products', '', { ...count, conjuncts: [term('Name', '=', lit('a'))] }))).mode,
      ).toBe('list');
      expect(only(plan(select('Products', '', { ...count, residual: true }))).mode).toBe('list');
    });

    it('lists tables without a count (pagination none)', () => {
      expect(only(plan(select('TaxClasses', '', count))).mode).toBe('list');
    });

    it('prefers one GET for COUNT(*) WHERE Id = n', () => {
      expect(
        only(plan(select('Products', '', { ...count, conjuncts: [term('Id', '=', lit(3))] }))).mode,
      ).toBe('get');
    });
  });

  describe('declared exactness', () => {
    const count = { countStar: true, aggregates: true };
    const visible = { conjuncts: [term('IsVisible', '=', lit(true))] };
    /** The fixture catalog with Products' IsVisible = re-declared by `mapping`. */
    function withIsVisible(mapping: FilterMapping) {
      const products = catalog.findTable('Products')!;
      const changed = { ...products, filters: { ...products.filters, IsVisible: { '=': mapping } } };
      return { ...catalog, tables: catalog.tables.map((t) => (t === products ? changed : t)) };
    }
    const planWith = (mapping: FilterMapping, facts: Parameters<typeof select>[2]) =>
      only(planSelect(select('Products', '', facts), withIsVisible(mapping), options, undefined, env));

    it('takes the LIMIT and COUNT(*) shortcuts for a filter declared by its parameter name alone', () => {
      expect(planWith('is_visible', { ...visible, limit: lit(3) })).toMatchObject({
        query: { is_visible: true },
        limit: 3,
      });
      expect(planWith('is_visible', { ...visible, ...count }).mode).toBe('count');
    });

    it('still pushes a filter declared exact: false but keeps LIMIT and COUNT(*) shortcuts off', () => {
      const limited = planWith({ param: 'is_visible', exact: false }, { ...visible, limit: lit(3) });
      expect(limited.query).toEqual({ is_visible: true });
      expect(limited.limit).toBeUndefined();
      const counted = planWith({ param: 'is_visible', exact: false }, { ...visible, ...count });
      expect(counted).toMatchObject({ mode: 'list', query: { is_visible: true } });
    });
  });

  describe('child tables', () => {
    it("lists one parent's children when the parent key is in WHERE", () => {
      expect(
        only(plan(select('OrderItems', '', { conjuncts: [term('OrderId', '=', lit(7))] }))),
      ).toMatchObject({
        mode: 'children',
        path: '/v2/orders/{OrderId}/products',
        parentKeys: [7],
      });
    });

    it('lists each parent of an IN list once', () => {
      expect(
        only(plan(select('OrderItems', '', { conjuncts: [term('OrderId', 'IN', lit(7), lit('8'), lit(7))] })))
          .parentKeys,
      ).toEqual([7, 8]);
    });

    it('fans out over the parent table, bounded by MaxFanOut, without the parent key', () => {
      const p = only(plan(select('OrderItems', '', {})));
      expect(p.mode).toBe('fanout');
      expect(p.fanOut).toMatchObject({
        max: 100,
        parent: { table: 'Orders', path: '/v2/orders', limit: 101, mode: 'list' },
      });
    });

    it('fans out with Pushdown false even when the parent key is in WHERE', () => {
      const p = only(
        plan(select('OrderItems', '', { conjuncts: [term('OrderId', '=', lit(7))] }), undefined, {
          Pushdown: false,
        }),
      );
      expect(p.mode).toBe('fanout');
    });
  });

  describe('several tables', () => {
    it('lists every table of a join in full', () => {
      const p = plan(multi(['Products', 'Orders'], ''));
      expect(p).toEqual({
        kind: 'tables',
        tables: [
          expect.objectContaining({ table: 'Products', mode: 'list', query: {} }),
          expect.objectContaining({ table: 'Orders', mode: 'list', query: {} }),
        ],
      });
    });

    it('stages system tables from the catalog', () => {
      expect(plan(multi(['SYS_TABLES'], ''))).toEqual({
        kind: 'tables',
        tables: [{ source: 'system', table: 'sys_tables' }],
      });
    });
  });

  describe('errors', () => {
    it('names an unknown table with a did-you-mean', () => {
      expect(() => plan(select('Prodcts', ''))).toThrow(
        expect.objectContaining({
          code: 'ERR_UNKNOWN_TABLE',
          message: expect.stringContaining('did you mean "Products"'),
        }),
      );
    });

    it('suggests system tables and procedures too', () => {
      expect(() => plan(select('sys_table', ''))).toThrow(/did you mean "sys_tables"/);
      expect(() => plan(select('GetOAuthAuthorizationUR', ''))).toThrow(
        /did you mean "GetOAuthAuthorizationURL"/,
      );
    });
  });

  describe('procedures', () => {
    it('turns SELECT from a procedure into a call with the = terms as arguments', () => {
      const stmt = select(
        'GetOAuthAuthorizationURL',
        "SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl = 'x'",
        {
          conjuncts: [term('CallbackUrl', '=', lit('x'))],
        },
      );
      expect(plan(stmt)).toEqual({
        kind: 'procedure',
        procedure: 'GetOAuthAuthorizationURL',
        args: [{ name: 'CallbackUrl', value: lit('x'), position: 46 }],
      });
    });

    it('rejects any other WHERE shape on a procedure', () => {
      expect(() => plan(select('GetOAuthAuthorizationURL', '', { residual: true }))).toThrow(
        expect.objectContaining({ code: 'ERR_SQL_SYNTAX' }),
      );
      expect(() =>
        plan(select('GetOAuthAuthorizationURL', '', { conjuncts: [term('CallbackUrl', 'LIKE', lit('x'))] })),
      ).toThrow(expect.objectContaining({ code: 'ERR_SQL_SYNTAX' }));
    });

    it('rejects a procedure joined with a table', () => {
      expect(() => plan(multi(['Products', 'GetOAuthAuthorizationURL'], ''))).toThrow(
        expect.objectContaining({ code: 'ERR_SQL_SYNTAX', message: expect.stringContaining('alone') }),
      );
    });
  });

  describe('joins', () => {
    const joined = (sql: string, over: Partial<typeof options> = {}) => {
      const p = plan(parseStatement(sql) as SelectStatement, undefined, over);
      if (p.kind !== 'tables') throw new Error('not a tables plan');
      return Object.fromEntries(p.tables.map((t) => [t.table, t as ApiTablePlan]));
    };
    const example =
      'SELECT o.Id, i.Id FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 2 AND i.OrderId = 2';

    it("plans each table's own qualified WHERE terms: a GET for the parent and one child list", () => {
      const t = joined(example);
      expect(t.Orders).toMatchObject({ mode: 'get', path: '/v2/orders/2' });
      expect(t.OrderItems).toMatchObject({ mode: 'children', parentKeys: [2] });
    });

    it('pushes filters per table for comma and CROSS JOIN lists, never a LIMIT', () => {
      const t = joined('SELECT 1 FROM Orders o, Products p WHERE o.StatusId = 11 AND p.Name = ? LIMIT 5');
      expect(t.Orders.pushed).toEqual([expect.stringMatching(/^StatusId = /)]);
      expect(t.Orders.limit).toBeUndefined();
      expect(t.Products.mode).toBe('list');
      const c = joined('SELECT 1 FROM Orders o CROSS JOIN Products p WHERE 7 = p.Id');
      expect(c.Products).toMatchObject({ mode: 'get', path: '/v3/catalog/products/7' });
    });

    it('never counts through the API for a join', () => {
      const t = joined(
        'SELECT COUNT(*) FROM Orders o JOIN Products p ON p.Id = o.Id WHERE o.StatusId = 11 AND p.Id IN (1, 2)',
      );
      expect(t.Orders.mode).toBe('list');
      expect(t.Products.mode).toBe('list');
    });

    it('carries a constant across ON and WHERE equalities, both ways for inner joins', () => {
      const fromParent = joined(
        'SELECT 1 FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5',
      );
      expect(fromParent.OrderItems).toMatchObject({ mode: 'children', parentKeys: [5] });
      const fromChild = joined(
        'SELECT 1 FROM Orders o, OrderItems i WHERE o.Id = i.OrderId AND i.OrderId IN (3, 4)',
      );
      expect(fromChild.OrderItems).toMatchObject({ mode: 'children', parentKeys: [3, 4] });
      expect(fromChild.Orders.mode).toBe('list');
      const onTerm = joined('SELECT 1 FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id AND i.OrderId = 2');
      expect(onTerm.Orders).toMatchObject({ mode: 'get', path: '/v2/orders/2' });
      expect(onTerm.OrderItems).toMatchObject({ mode: 'children', parentKeys: [2] });
      const chain = joined(
        'SELECT 1 FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id JOIN Products p ON p.Id = o.CustomerId WHERE o.Id = 2 AND o.CustomerId = 7',
      );
      expect(chain.OrderItems).toMatchObject({ mode: 'children', parentKeys: [2] });
      expect(chain.Products).toMatchObject({ mode: 'get', path: '/v3/catalog/products/7' });
    });

    it('carries into the inner side of a LEFT JOIN but never out of it', () => {
      const into = joined('SELECT 1 FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5');
      expect(into.Orders).toMatchObject({ mode: 'get', path: '/v2/orders/5' });
      expect(into.OrderItems).toMatchObject({ mode: 'children', parentKeys: [5] });
      const outOf = joined(
        'SELECT 1 FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id AND i.OrderId = 5 WHERE o.StatusId = 11',
      );
      expect(outOf.Orders).toMatchObject({ mode: 'list', query: { status_id: 11 } });
      expect(outOf.OrderItems).toMatchObject({ mode: 'children', parentKeys: [5] });
    });

    it('keeps ON terms about the outer side of a LEFT JOIN, and WHERE … IS NULL about its inner side, in SQLite', () => {
      const on = joined('SELECT 1 FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id AND o.Id = 2');
      expect(on.Orders.mode).toBe('list');
      expect(on.OrderItems.parentKeys).toBeUndefined();
      const anti = parseStatement(
        'SELECT 1 FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id WHERE i.Quantity IS NULL AND o.Id = 3',
      ) as SelectStatement;
      const inner = anti.joinPushdown!.find((j) => j.table.name === 'OrderItems')!;
      expect(inner.conjuncts).toEqual([term('OrderId', '=', lit(3))]);
    });

    it('fetches a child joined on its parent key after the parent, per parent row, instead of a fan-out', () => {
      const t = joined('SELECT 1 FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.StatusId = 11');
      expect(t.Orders).toMatchObject({ mode: 'list', query: { status_id: 11 } });
      expect(t.OrderItems).toMatchObject({
        mode: 'dependent',
        dependsOn: { table: 'Orders', column: 'Id', max: options.MaxFanOut },
      });
      expect(t.OrderItems.fanOut).toBeUndefined();
    });

    it('pushes nothing for a RIGHT JOIN, an unqualified column or a self-join', () => {
      const right = joined(example.replace(' JOIN ', ' RIGHT JOIN '));
      expect(right.Orders.mode).toBe('list');
      expect(right.OrderItems.mode).toBe('fanout');
      const bare = joined('SELECT 1 FROM Orders o JOIN Products p ON 1 = 1 WHERE StatusId = 11');
      expect(bare.Orders.pushed).toEqual([]);
      const self = joined('SELECT 1 FROM Orders a JOIN Orders b ON a.Id = b.Id WHERE a.Id = 2 AND b.Id = 2');
      expect(self.Orders.mode).toBe('list');
    });

    it('pushes nothing for a join when Pushdown is off', () => {
      const t = joined(example, { Pushdown: false });
      expect(t.Orders.mode).toBe('list');
      expect(t.OrderItems.mode).toBe('fanout');
    });
  });
});
