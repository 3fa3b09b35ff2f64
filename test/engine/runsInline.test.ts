import { loadCatalog } from '../../src/catalog/loadCatalog';
import { runsInline } from '../../src/engine/runsInline';
import { typedStatement } from '../../src/engine/typedStatement';
import { parseStatement } from '../../src/sql/parseStatement';
import type { SelectStatement } from '../../src/sql/types';

const catalog = loadCatalog();

/** The statement as the engine hands it to SQLite: comparisons typed, aggregates rewritten. */
function asRun(sql: string): SelectStatement {
  const stmt = parseStatement(sql) as SelectStatement;
  return typedStatement(stmt, undefined, catalog, []).stmt;
}

describe('runsInline', () => {
  it.each([
    'SELECT StatusId, COUNT(*), SUM(TotalIncTax) FROM Orders GROUP BY StatusId',
    'SELECT AVG(Price), TOTAL(Price) FROM Products',
    "SELECT CAST(DateCreated AS DATE) AS Day, COUNT(*) FROM Orders WHERE DateCreated >= '2024-01-01' GROUP BY Day",
  ])('runs the rewritten %s on the main thread', (sql) => {
    const run = asRun(sql);
    expect(run.text).toMatch(/bcsql_/);
    expect(runsInline(run)).toBe(true);
  });

  it.each([
    'SELECT o.Id FROM Orders o JOIN Customers c ON c.Id = o.CustomerId',
    "SELECT Id FROM Products WHERE Name LIKE '%a%'",
    'SELECT printf(Name) FROM Products',
  ])('sends %s to the statement worker', (sql) => {
    expect(runsInline(asRun(sql))).toBe(false);
  });
});
