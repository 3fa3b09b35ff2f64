import type { Predicate, TableRef } from '../../src/sql/types';
import { lit, named, param, select, single } from './helpers';

const t = (name: string, alias: string | null = null, schema?: string): TableRef =>
  schema ? { name, alias, schema } : { name, alias };
const p = (column: string, op: Predicate['op'], ...values: Predicate['values']): Predicate => ({
  column,
  op,
  values,
});

describe('parseStatement with SELECT: tables', () => {
  const cases: [sql: string, tables: TableRef[], isSingle: boolean][] = [
    ['SELECT * FROM Products', [t('Products')], true],
    ['select id from products p', [t('products', 'p')], true],
    ['SELECT * FROM [Products] AS [p]', [t('Products', 'p')], true],
    ['SELECT * FROM "Products" "p"', [t('Products', 'p')], true],
    ['SELECT * FROM `Products`', [t('Products')], true],
    ['SELECT * FROM [my table]', [t('my table')], true],
    ['SELECT * FROM BigCommerce.Products', [t('Products', null, 'BigCommerce')], true],
    ['SELECT * FROM [dbo].[Products] x', [t('Products', 'x', 'dbo')], true],
    ['SELECT * FROM BigCommerce.dbo.Products', [t('Products', null, 'BigCommerce.dbo')], true],
    ['SELECT 1', [], false],
    ['SELECT * FROM json_each(?)', [], false],
    ['SELECT * FROM Products p JOIN Orders o ON p.Id = o.Id', [t('Products', 'p'), t('Orders', 'o')], false],
    ['SELECT * FROM Products LEFT OUTER JOIN Orders ON 1 = 1', [t('Products'), t('Orders')], false],
    ['SELECT * FROM Products RIGHT JOIN Orders ON 1 = 1', [t('Products'), t('Orders')], false],
    ['SELECT * FROM Products FULL OUTER JOIN Orders ON 1 = 1', [t('Products'), t('Orders')], false],
    ['SELECT * FROM Products CROSS JOIN Orders', [t('Products'), t('Orders')], false],
    ['SELECT * FROM Products, Orders', [t('Products'), t('Orders')], false],
    ['SELECT * FROM Products a JOIN products b ON a.Id = b.Id', [t('Products', 'a')], false],
    ['SELECT Id FROM Products UNION SELECT Id FROM Orders', [t('Products'), t('Orders')], false],
    ['SELECT Id FROM Products UNION ALL SELECT Id FROM Orders', [t('Products'), t('Orders')], false],
    ['SELECT Id FROM Products INTERSECT SELECT Id FROM Orders', [t('Products'), t('Orders')], false],
    ['SELECT Id FROM Products EXCEPT SELECT Id FROM Orders', [t('Products'), t('Orders')], false],
    ['SELECT * FROM Products WHERE Id IN (SELECT ProductId FROM OrderItems)', [t('Products'), t('OrderItems')], false],
    ['SELECT * FROM Products p WHERE EXISTS (SELECT 1 FROM Orders o WHERE o.Id = p.Id)', [t('Products', 'p'), t('Orders', 'o')], false],
    ['SELECT (SELECT MAX(Id) FROM Orders) AS m FROM Products', [t('Orders'), t('Products')], false],
    ['SELECT * FROM (SELECT * FROM Products) x', [t('Products')], false],
    ['WITH c AS (SELECT * FROM Products) SELECT * FROM c', [t('Products')], false],
    ['WITH C (Id) AS (SELECT Id FROM Products) SELECT * FROM c JOIN Orders ON 1 = 1', [t('Products'), t('Orders')], false],
    ['WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT * FROM n', [], false],
    ['SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl = ? AND State = ?', [t('GetOAuthAuthorizationURL')], true],
  ]; // prettier-ignore

  // Tables come in the order their names first appear in the text.
  it.each(cases)('finds the tables of %s', (sql, tables, isSingle) => {
    const stmt = select(sql);
    expect(stmt.tables).toEqual(tables);
    expect(stmt.single !== null).toBe(isSingle);
    if (stmt.single) expect(stmt.single.table).toEqual(tables[0]);
  });
});

describe('parseStatement with SELECT: WHERE conjuncts', () => {
  const cases: [sql: string, conjuncts: Predicate[], residual: boolean][] = [
    ['SELECT * FROM T', [], false],
    ['SELECT * FROM T WHERE Id = 7', [p('Id', '=', lit(7))], false],
    ["SELECT * FROM T WHERE Name = 'it''s'", [p('Name', '=', lit("it's"))], false],
    ["SELECT * FROM T WHERE Name = N'ü'", [p('Name', '=', lit('ü'))], false],
    ["SELECT * FROM T WHERE Path = 'C:\\'", [p('Path', '=', lit('C:\\'))], false],
    ['SELECT * FROM T WHERE a <> 1 AND b != 2', [p('a', '<>', lit(1)), p('b', '<>', lit(2))], false],
    ['SELECT * FROM T WHERE a < 1 AND b <= 2 AND c > 3 AND d >= 4', [p('a', '<', lit(1)), p('b', '<=', lit(2)), p('c', '>', lit(3)), p('d', '>=', lit(4))], false],
    ['SELECT * FROM T WHERE 1 < a AND 2 <= b AND 3 > c AND 4 >= d AND 5 = e AND 6 <> f', [p('a', '>', lit(1)), p('b', '>=', lit(2)), p('c', '<', lit(3)), p('d', '<=', lit(4)), p('e', '=', lit(5)), p('f', '<>', lit(6))], false],
    ['SELECT * FROM T WHERE a == 1', [p('a', '=', lit(1))], false],
    ['SELECT * FROM T WHERE a = -5 AND b = - 2.5 AND c = +3', [p('a', '=', lit(-5)), p('b', '=', lit(-2.5)), p('c', '=', lit(3))], false],
    ['SELECT * FROM T WHERE a = .5 AND b = 5. AND c = 1e3 AND d = 0x1F', [p('a', '=', lit(0.5)), p('b', '=', lit(5)), p('c', '=', lit(1000)), p('d', '=', lit(31))], false],
    ['SELECT * FROM T WHERE a = TRUE AND b = false AND c = NULL', [p('a', '=', lit(true)), p('b', '=', lit(false)), p('c', '=', lit(null))], false],
    ['SELECT * FROM T WHERE a = ? AND b = @b AND c = :c', [p('a', '=', param(0)), p('b', '=', named('b')), p('c', '=', named('c'))], false],
    ['SELECT * FROM T WHERE ? = a', [p('a', '=', param(0))], false],
    ['SELECT * FROM T WHERE a IN (1, 2, 3)', [p('a', 'IN', lit(1), lit(2), lit(3))], false],
    ["SELECT * FROM T WHERE a IN ('x', ?, @y)", [p('a', 'IN', lit('x'), param(0), named('y'))], false],
    ['SELECT * FROM T WHERE a NOT IN (1)', [p('a', 'NOT IN', lit(1))], false],
    ["SELECT * FROM T WHERE Name LIKE 'ab%'", [p('Name', 'LIKE', lit('ab%'))], false],
    ['SELECT * FROM T WHERE Name LIKE ?', [p('Name', 'LIKE', param(0))], false],
    ['SELECT * FROM T WHERE a BETWEEN 1 AND 5', [p('a', '>=', lit(1)), p('a', '<=', lit(5))], false],
    ['SELECT * FROM T WHERE a BETWEEN ? AND @hi AND b = 1', [p('a', '>=', param(0)), p('a', '<=', named('hi')), p('b', '=', lit(1))], false],
    ['SELECT * FROM T WHERE a IS NULL AND b IS NOT NULL', [p('a', 'IS NULL'), p('b', 'IS NOT NULL')], false],
    ['SELECT * FROM T WHERE a ISNULL AND b NOTNULL AND c NOT NULL', [p('a', 'IS NULL'), p('b', 'IS NOT NULL'), p('c', 'IS NOT NULL')], false],
    ['SELECT * FROM T WHERE (a = 1 AND b = 2) AND (c = 3)', [p('a', '=', lit(1)), p('b', '=', lit(2)), p('c', '=', lit(3))], false],
    ['SELECT * FROM T x WHERE x.a = 1 AND T.b = 2 AND [x].[c] = 3', [p('a', '=', lit(1)), p('b', '=', lit(2)), p('c', '=', lit(3))], false],
    ['SELECT * FROM T WHERE "Order Id" = 1 AND [Date Created] = 2 AND `Key` = 3', [p('Order Id', '=', lit(1)), p('Date Created', '=', lit(2)), p('Key', '=', lit(3))], false],
    ['SELECT * FROM T WHERE [a]]b] = 1 AND [@x] = 2', [p('a]b', '=', lit(1)), p('@x', '=', lit(2))], false],
    ["SELECT * FROM T WHERE Key = 'k' AND Session = 's'", [p('Key', '=', lit('k')), p('Session', '=', lit('s'))], false],
    ['SELECT * FROM T WHERE Цена = 1 AND a$b = 2', [p('Цена', '=', lit(1)), p('a$b', '=', lit(2))], false],
    ['SELECT * FROM T WHERE a IS NOT DISTINCT FROM NULL AND b IS DISTINCT FROM NULL', [p('a', 'IS NULL'), p('b', 'IS NOT NULL')], false],
    // Residual: anything that is not `column op constant` at the top of an AND chain.
    ['SELECT * FROM T WHERE a = 1 OR b = 2', [], true],
    ['SELECT * FROM T WHERE a = 1 AND (b = 2 OR c = 3)', [p('a', '=', lit(1))], true],
    ['SELECT * FROM T WHERE NOT a = 1', [], true],
    ['SELECT * FROM T WHERE NOT (a = 1) AND b = 2', [p('b', '=', lit(2))], true],
    ['SELECT * FROM T WHERE a NOT LIKE \'x\'', [], true],
    ['SELECT * FROM T WHERE a NOT BETWEEN 1 AND 2', [], true],
    ['SELECT * FROM T WHERE lower(a) = \'x\'', [], true],
    ['SELECT * FROM T WHERE a = b', [], true],
    ['SELECT * FROM T WHERE a = 1 + 1', [], true],
    ["SELECT * FROM T WHERE a = 'x' || 'y'", [], true],
    ['SELECT * FROM T WHERE a = -?', [], true],
    ['SELECT * FROM T WHERE 1 = 1', [], true],
    ['SELECT * FROM T WHERE a IS 1', [], true],
    ['SELECT * FROM T WHERE a IS NOT 1', [], true],
    ['SELECT * FROM T WHERE a IS DISTINCT FROM 1', [], true],
    ['SELECT * FROM T WHERE a = ~5 AND b & 1 = 1 AND c | 2 = 3 AND d << 1 = 2', [], true],
    ['SELECT * FROM T WHERE a IN (1, b)', [], true],
    ['SELECT * FROM T WHERE a', [], true],
    ["SELECT * FROM T WHERE a = X'00'", [], true],
    ['SELECT * FROM T WHERE other.a = 1', [], true],
    ["SELECT * FROM T WHERE a LIKE 'x!%' ESCAPE '!' AND b = 1", [p('b', '=', lit(1))], true],
    ["SELECT * FROM T WHERE a LIKE '%' || ? || '%'", [], true],
    ["SELECT * FROM T WHERE a GLOB 'x*' AND b = 1", [p('b', '=', lit(1))], true],
    ["SELECT * FROM T WHERE a NOT GLOB 'x*'", [], true],
    ["SELECT * FROM T WHERE a REGEXP 'x'", [], true],
    ["SELECT * FROM T WHERE a = 'x' COLLATE NOCASE AND b = 1", [p('b', '=', lit(1))], true],
    ["SELECT * FROM T WHERE a COLLATE NOCASE = 'x'", [], true],
    ["SELECT * FROM T WHERE a ->> '$.x' = 1", [], true],
    ['SELECT * FROM T WHERE CASE WHEN a = 1 THEN 1 END = 1', [], true],
    ['SELECT * FROM T WHERE CAST(a AS INTEGER) = 1', [], true],
  ]; // prettier-ignore

  it.each(cases)('reads the conjuncts of %s', (sql, conjuncts, residual) => {
    const s = single(sql);
    expect(s.conjuncts).toEqual(conjuncts);
    expect(s.residual).toBe(residual);
  });

  it('turns the SELECT form of a procedure call into two = conjuncts on the procedure', () => {
    const s = single("SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl='x' AND State='y'");
    expect(s.table).toEqual(t('GetOAuthAuthorizationURL'));
    expect(s.conjuncts).toEqual([p('CallbackUrl', '=', lit('x')), p('State', '=', lit('y'))]);
    expect(s.residual).toBe(false);
  });
});

describe('parseStatement with SELECT: LIMIT, OFFSET and TOP', () => {
  const cases: [sql: string, limit: unknown, offset: unknown][] = [
    ['SELECT * FROM T', null, null],
    ['SELECT * FROM T LIMIT 10', lit(10), null],
    ['SELECT * FROM T LIMIT 10 OFFSET 20', lit(10), lit(20)],
    ['SELECT * FROM T LIMIT 20, 10', lit(10), lit(20)],
    ['SELECT * FROM T LIMIT ? OFFSET ?', param(0), param(1)],
    ['SELECT * FROM T WHERE a = ? LIMIT ?', param(1), null],
    ['SELECT * FROM T LIMIT @n OFFSET :o', named('n'), named('o')],
    ['SELECT * FROM T LIMIT -1 OFFSET 5', null, lit(5)],
    ['SELECT * FROM T LIMIT 5 OFFSET -5', lit(5), null],
    ['SELECT TOP 5 * FROM T', lit(5), null],
    ['SELECT TOP (5) * FROM T', lit(5), null],
    ['SELECT TOP ? * FROM T', param(0), null],
    ['SELECT TOP (@n) * FROM T', named('n'), null],
    ['SELECT DISTINCT TOP 3 a FROM T', lit(3), null],
    ['SELECT TOP (2 + 3) * FROM T', null, null],
    ['SELECT * FROM T ORDER BY a OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY', lit(10), lit(5)],
    ['SELECT * FROM T ORDER BY a OFFSET ? ROWS FETCH FIRST ? ROWS ONLY', param(1), param(0)],
    ['SELECT * FROM T ORDER BY a OFFSET 5 ROWS', null, lit(5)],
  ];

  it.each(cases)('reads the limit and offset of %s', (sql, limit, offset) => {
    const s = single(sql);
    expect(s.limit).toEqual(limit);
    expect(s.offset).toEqual(offset);
  });
});

describe('parseStatement with SELECT: shape flags', () => {
  type Flags = Partial<Record<'orderBy' | 'groupBy' | 'distinct' | 'aggregates' | 'countStar', boolean>>;
  const cases: [sql: string, flags: Flags][] = [
    [
      'SELECT * FROM T',
      { orderBy: false, groupBy: false, distinct: false, aggregates: false, countStar: false },
    ],
    ['SELECT a FROM T ORDER BY a DESC', { orderBy: true }],
    ['SELECT a FROM T ORDER BY a DESC NULLS LAST', { orderBy: true }],
    ['SELECT a FROM T ORDER BY a COLLATE NOCASE', { orderBy: true }],
    ['SELECT a, COUNT(*) FROM T GROUP BY a', { groupBy: true, aggregates: true, countStar: false }],
    ['SELECT a FROM T GROUP BY a HAVING MAX(b) > 1', { groupBy: true, aggregates: true }],
    ['SELECT DISTINCT a FROM T', { distinct: true, aggregates: false }],
    ['SELECT ALL a FROM T', { distinct: false }],
    ['SELECT SUM(a) FROM T', { aggregates: true, countStar: false }],
    ['SELECT avg(a), min(a), max(a) FROM T', { aggregates: true }],
    ['SELECT total(a) FROM T', { aggregates: true }],
    ["SELECT group_concat(a, ',') FROM T", { aggregates: true }],
    ['SELECT a, ROW_NUMBER() OVER (ORDER BY a) FROM T', { aggregates: true }],
    ['SELECT upper(a) FROM T', { aggregates: false }],
    // COUNT(*): exactly one COUNT(*)/COUNT(1) column, nothing that could change its one-row answer.
    ['SELECT COUNT(*) FROM T', { countStar: true, aggregates: true }],
    ['select count(*) from T', { countStar: true }],
    ['SELECT COUNT(1) FROM T', { countStar: true }],
    ['SELECT COUNT(*) AS n FROM T', { countStar: true }],
    ['SELECT COUNT(*) [n] FROM T', { countStar: true }],
    ['SELECT COUNT(*) FROM T WHERE Id > 5', { countStar: true }],
    ['SELECT COUNT(*) FROM T LIMIT 1', { countStar: true }],
    ['SELECT TOP 1 COUNT(*) FROM T', { countStar: true }],
    ['SELECT COUNT(*) FROM T LIMIT 0', { countStar: false }],
    ['SELECT COUNT(*) FROM T LIMIT ?', { countStar: false }],
    ['SELECT COUNT(*) FROM T LIMIT 1 OFFSET 1', { countStar: false }],
    ['SELECT COUNT(*) FROM T GROUP BY a', { countStar: false }],
    ['SELECT COUNT(*) FROM T HAVING COUNT(*) > 1', { countStar: false }],
    ['SELECT DISTINCT COUNT(*) FROM T', { countStar: false }],
    ['SELECT COUNT(*) FROM T ORDER BY 1', { countStar: false }],
    ['SELECT COUNT(a) FROM T', { countStar: false }],
    ['SELECT COUNT(DISTINCT a) FROM T', { countStar: false }],
    ['SELECT COUNT(2) FROM T', { countStar: false }],
    ['SELECT COUNT(*), 1 FROM T', { countStar: false }],
    ['SELECT COUNT(*) + 1 FROM T', { countStar: false }],
    ['SELECT COUNT(*) OVER () FROM T', { countStar: false }],
  ];

  it.each(cases)('reads the shape of %s', (sql, flags) => {
    expect(single(sql)).toMatchObject(flags);
  });
});

describe('parseStatement with SELECT: placeholders', () => {
  it('counts ? placeholders and lists @name placeholders once each, in order', () => {
    const stmt = select('SELECT * FROM T WHERE a = ? AND b = @b AND c IN (?, :c, @b) LIMIT ?');
    expect(stmt.positionalParams).toBe(3);
    expect(stmt.namedParams).toEqual(['b', 'c']);
  });

  it('ignores placeholder look-alikes inside strings, identifiers and comments', () => {
    const stmt = select("SELECT '?', [@x], \"?\" FROM T /* ? @y */ WHERE a = '@z' -- ?");
    expect(stmt.positionalParams).toBe(0);
    expect(stmt.namedParams).toEqual([]);
  });

  it('keeps placeholders as written in the text SQLite runs', () => {
    const sql = 'SELECT * FROM T WHERE a = ? AND b = @b AND c = :c LIMIT ?';
    expect(select(sql).text).toBe(sql);
  });
});
