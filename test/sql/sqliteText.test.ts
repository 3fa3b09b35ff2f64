/**
 * The `text` of a SELECT is what the engine hands to SQLite, so every rewrite is checked against
 * SQLite itself (better-sqlite3, in memory): the text must prepare, and TOP must mean what T-SQL
 * means by it.
 */
import Database from 'better-sqlite3';
import { select } from './helpers';

const COLUMNS = [
  'a', 'b', 'c', 'd', 'e', 'f', 'x', 'y', 'i', 'n', 'Id', 'Name', 'Price', 'ProductId', 'OrderId', 'Path',
  'Key', 'Session', '"Order Id"', '"Date Created"', '"a]b"', '"@x"', 'CallbackUrl', 'State', 'DateModified',
  'Status', 'top', 'j',
]; // prettier-ignore

function database(): Database.Database {
  const db = new Database(':memory:');
  for (const name of ['t', 'u', 'Products', 'Orders', 'OrderItems', 'GetOAuthAuthorizationURL', 'my table']) {
    db.exec(`CREATE TABLE "${name}" (${COLUMNS.join(', ')})`);
  }
  const insert = db.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  const insertU = db.prepare('INSERT INTO u (b) VALUES (?)');
  for (let k = 1; k <= 10; k++) {
    insert.run(k, k % 3);
    insertU.run(k * 10);
  }
  return db;
}

describe('the SQLite text of a SELECT', () => {
  const db = database();
  afterAll(() => db.close());

  const rewrites: [sql: string, text: string][] = [
    ['SELECT TOP 5 Name FROM Products', 'SELECT Name FROM Products LIMIT 5'],
    ['SELECT TOP (5) Name FROM Products ORDER BY Name', 'SELECT Name FROM Products ORDER BY Name LIMIT (5)'],
    ['SELECT DISTINCT TOP 2 a FROM t ORDER BY a DESC', 'SELECT DISTINCT a FROM t ORDER BY a DESC LIMIT 2'],
    ['select top 3 * from t;', 'select * from t LIMIT 3;'],
    ['SELECT TOP 3 * FROM t -- newest first', 'SELECT * FROM t LIMIT 3 -- newest first'],
    ['SELECT TOP 3 *\nFROM t\nWHERE a > 1\n', 'SELECT *\nFROM t\nWHERE a > 1 LIMIT 3\n'],
    [
      'SELECT * FROM (SELECT TOP 3 a FROM t ORDER BY a) x WHERE a IN (SELECT TOP 1 b FROM u)',
      'SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 3) x WHERE a IN (SELECT b FROM u LIMIT 1)',
    ],
    ['SELECT TOP 2 * FROM (SELECT TOP 3 a FROM t) x', 'SELECT * FROM (SELECT a FROM t LIMIT 3) x LIMIT 2'],
    [
      'WITH c AS (SELECT TOP 3 a FROM t) SELECT TOP 1 * FROM c',
      'WITH c AS (SELECT a FROM t LIMIT 3) SELECT * FROM c LIMIT 1',
    ],
    [
      'SELECT TOP 1 a FROM t UNION ALL SELECT TOP 1 b FROM u ORDER BY 1',
      'SELECT * FROM (SELECT a FROM t LIMIT 1) UNION ALL SELECT * FROM (SELECT b FROM u LIMIT 1) ORDER BY 1',
    ],
    ['SELECT TOP (@n) a FROM t WHERE b = ?', 'SELECT a FROM t WHERE b = ? LIMIT (@n)'],
    ['SELECT TOP ? a FROM t', 'SELECT a FROM t LIMIT ?'],
    [
      'SELECT * FROM (SELECT TOP ? a FROM t) x WHERE a = ?',
      'SELECT * FROM (SELECT a FROM t LIMIT ?) x WHERE a = ?',
    ],
    ['SELECT top FROM t', 'SELECT top FROM t'],
    [
      'SELECT a FROM t ORDER BY a OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY',
      'SELECT a FROM t ORDER BY a LIMIT 5, 10',
    ],
    ['SELECT a FROM t ORDER BY a OFFSET ? ROWS', 'SELECT a FROM t ORDER BY a LIMIT ?, -1'],
    ["SELECT a FROM t WHERE Name = N'ü' OR Name = n'x'", "SELECT a FROM t WHERE Name = 'ü' OR Name = 'x'"],
    [
      'SELECT p.Id FROM BigCommerce.Products p JOIN [dbo].[Orders] o ON o.Id = p.Id',
      'SELECT p.Id FROM Products p JOIN [Orders] o ON o.Id = p.Id',
    ],
    ['SELECT BigCommerce.Products.Id FROM BigCommerce.Products', 'SELECT Products.Id FROM Products'],
    ['SELECT Id FROM "BigCommerce"."dbo"."Products"', 'SELECT Id FROM "Products"'],
    ['SELECT [a]]b] FROM t', 'SELECT "a]b" FROM t'],
    [
      `SELECT "a", [b], \`c\` FROM t WHERE x = 'it''s' AND y = ? -- keep`,
      `SELECT "a", [b], \`c\` FROM t WHERE x = 'it''s' AND y = ? -- keep`,
    ],
  ];

  it.each(rewrites)('rewrites %j for SQLite', (sql, text) => {
    expect(select(sql).text).toBe(text);
    expect(() => db.prepare(text)).not.toThrow();
  });

  const rows = (sql: string, ...params: unknown[]): unknown[] =>
    db
      .prepare(select(sql).text)
      .raw()
      .all(...params)
      .map((r) => (r as unknown[])[0]);

  it('keeps T-SQL meaning for TOP with ORDER BY', () => {
    expect(rows('SELECT TOP 3 a FROM t ORDER BY a DESC')).toEqual([10, 9, 8]);
  });

  it('limits each UNION arm that has its own TOP, not the whole union', () => {
    expect(rows('SELECT TOP 1 a FROM t UNION ALL SELECT TOP 2 b FROM u ORDER BY 1')).toHaveLength(3);
  });

  it('limits a nested SELECT by its own TOP', () => {
    expect(rows('SELECT COUNT(*) FROM (SELECT TOP 4 a FROM t) x')).toEqual([4]);
  });

  it('binds a named TOP and positional placeholders after the rewrite', () => {
    expect(rows('SELECT TOP (@n) a FROM t WHERE a > ? ORDER BY a', 5, { n: 2 })).toEqual([6, 7]);
  });

  it('binds OFFSET … FETCH placeholders in their written order', () => {
    expect(rows('SELECT a FROM t ORDER BY a OFFSET ? ROWS FETCH NEXT ? ROWS ONLY', 2, 3)).toEqual([3, 4, 5]);
  });

  const corpus = [
    'SELECT * FROM Products WHERE Id = 7',
    'SELECT * FROM Products WHERE Id IN (1, 2, 3)',
    'SELECT Name FROM Products LIMIT 10',
    'SELECT COUNT(*) FROM Products',
    'SELECT * FROM OrderItems WHERE OrderId = 7',
    'SELECT Id, Name, Price FROM Products WHERE Price > 10 ORDER BY Price DESC LIMIT 5',
    "SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl='x' AND State='y'",
    'SELECT a FROM t WHERE a = ? AND b = @b AND c = :c',
    'SELECT "a" FROM t WHERE "Order Id" = 1 AND [Date Created] = 2 AND `Key` = 3',
    'SELECT [a]]b], [@x] FROM [my table] AS x',
    'SELECT Key, Session FROM t WHERE Key = 1',
    'SELECT a FROM t WHERE a IS NOT NULL AND b IS NULL',
    'SELECT a FROM t WHERE a ISNULL OR b NOTNULL OR c NOT NULL',
    'SELECT a FROM t WHERE a BETWEEN 1 AND 5 AND b NOT BETWEEN ? AND ?',
    "SELECT a FROM t WHERE a LIKE 'x!%' ESCAPE '!'",
    "SELECT a FROM t WHERE a LIKE '%' || ? || '%'",
    "SELECT a FROM t WHERE a NOT LIKE 'x%' AND b GLOB 'x*' AND c NOT GLOB '?'",
    'SELECT a FROM t WHERE a IN (SELECT b FROM u) AND EXISTS (SELECT 1 FROM u WHERE u.b = t.b)',
    'SELECT t.a, u.b FROM t LEFT JOIN u ON t.a = u.b',
    'SELECT t.a, u.b FROM t LEFT OUTER JOIN u ON t.a = u.b',
    'SELECT t.a, u.b FROM t RIGHT JOIN u ON t.a = u.b',
    'SELECT t.a, u.b FROM t FULL OUTER JOIN u ON t.a = u.b',
    'SELECT t.a, u.b FROM t CROSS JOIN u',
    'SELECT t.a FROM t INNER JOIN u USING (b)',
    'SELECT t.a FROM t, u WHERE t.a = u.b',
    'SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1',
    "SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END AS k, CASE a WHEN 1 THEN 'one' END FROM t",
    'SELECT UPPER(Name), LOWER(Name), LENGTH(Name), SUBSTR(Name, 1, 2), IFNULL(a, 0), COALESCE(a, b) FROM t',
    'SELECT ROUND(Price, 2), ABS(a), a % 2, a / 2, a * 2, a - 2, a || b FROM t',
    "SELECT strftime('%Y', DateModified), date('now'), datetime('now', '-1 day') FROM t",
    'SELECT CAST(a AS TEXT), CAST(b AS INTEGER), CAST(c AS REAL), CAST(d AS VARCHAR(10)) FROM t',
    'SELECT a FROM t UNION SELECT b FROM u',
    'SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 3',
    'SELECT a FROM t INTERSECT SELECT b FROM u',
    'SELECT a FROM t EXCEPT SELECT b FROM u',
    'WITH c AS (SELECT a FROM t) SELECT * FROM c',
    'WITH c(a) AS (SELECT a FROM t) SELECT * FROM c JOIN u ON c.a = u.b',
    'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) SELECT n FROM c',
    "SELECT COUNT(DISTINCT a), GROUP_CONCAT(a, ','), TOTAL(a), MIN(a), MAX(a), AVG(a), SUM(a) FROM t",
    'SELECT a FROM t ORDER BY a DESC NULLS LAST, b ASC NULLS FIRST',
    'SELECT a FROM t ORDER BY a COLLATE NOCASE',
    "SELECT a FROM t WHERE a = 'x' COLLATE NOCASE",
    "SELECT a FROM t WHERE a = 'it''s' AND b = N'x' AND c = X'00'",
    'SELECT a FROM t WHERE a = TRUE AND b = FALSE AND c = NULL',
    'SELECT a FROM t WHERE a = -5 AND b = 1.5e3 AND c = 0x1F AND d = .5 AND e = 5.',
    'SELECT a FROM t WHERE a == 1 AND b <> 2 AND c != 3',
    'SELECT * FROM t AS x WHERE x.a = 1',
    'SELECT t.* FROM t',
    'SELECT a AS "Alias", b "Other" FROM t',
    'SELECT DISTINCT a FROM t',
    'SELECT ALL a FROM t',
    'SELECT a FROM BigCommerce.Products',
    'SELECT a FROM t LIMIT ? OFFSET ?',
    'SELECT a FROM t LIMIT 2, 5',
    'SELECT a FROM t LIMIT -1 OFFSET 5',
    'SELECT * FROM (SELECT a FROM t) AS x',
    'SELECT * FROM (SELECT a FROM t)',
    'SELECT (SELECT MAX(b) FROM u) AS m FROM t',
    'SELECT a FROM t WHERE a > (SELECT AVG(b) FROM u)',
    "SELECT IIF(a > 1, 'x', 'y') FROM t",
    "SELECT json_extract(j, '$.x'), j ->> '$.x', j -> '$.x' FROM t",
    'SELECT ROW_NUMBER() OVER (ORDER BY a), SUM(a) OVER (PARTITION BY b) FROM t',
    'SELECT CURRENT_TIMESTAMP, CURRENT_DATE FROM t',
    "SELECT typeof(a), printf('%d', a), replace(Name, 'x', 'y'), instr(Name, 'x'), trim(Name) FROM t",
    'SELECT 1',
    'SELECT 1 + 1 AS two;',
    'SELECT COUNT(*) AS n FROM t',
    'SELECT COUNT(1) FROM t WHERE a > 1',
    'SELECT a /* inline */ FROM t -- trailing',
    'SELECT a\nFROM t\nWHERE a = 1\nORDER BY a',
    'SELECT a FROM t WHERE a IS 1 AND b IS NOT 2 AND a IS TRUE',
    'SELECT a FROM t GO',
    'SELECT a & 1, a | 2, a << 1, a >> 1, ~a FROM t WHERE a & 1 = 1',
    'SELECT a FROM t WHERE a IS NOT DISTINCT FROM b OR a IS DISTINCT FROM NULL',
    "SELECT a AS [Order], b AS \"Group\", 'x' AS 'y' FROM t",
    "SELECT a FROM t WHERE a = 'a\\' AND b LIKE '%\\_%' ESCAPE '\\'",
    'SELECT * FROM t NATURAL LEFT JOIN u',
  ];

  it.each(corpus)('produces text SQLite accepts for %j', (sql) => {
    expect(() => db.prepare(select(sql).text)).not.toThrow();
  });
});
