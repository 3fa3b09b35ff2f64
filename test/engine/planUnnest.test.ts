/** Planning an unnested table: its rows are not the API's records, so no LIMIT or COUNT(*) shortcut. */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { planSelect, type ApiTablePlan } from '../../src/engine/planSelect';
import { parseStatement } from '../../src/sql/parseStatement';
import type { SelectStatement } from '../../src/sql/types';
import { options } from './fixtures';

const catalog = loadCatalog();

function plan(sql: string): ApiTablePlan {
  const p = planSelect(parseStatement(sql) as SelectStatement, catalog, options, undefined, {
    systemTables: [],
  });
  if (p.kind !== 'tables' || p.tables[0].source !== 'api') throw new Error('not an API table');
  return p.tables[0];
}

describe('planning an unnested table', () => {
  it('lists without a limit, since five records may hold any number of rows', () => {
    const p = plan('SELECT * FROM ProductBulkPricingRules LIMIT 5');
    expect(p).toMatchObject({ mode: 'list', path: '/v3/catalog/products' });
    expect(p.limit).toBeUndefined();
  });

  it('counts rows itself rather than asking the API for its total of records', () => {
    expect(plan('SELECT COUNT(*) FROM ProductBulkPricingRules').mode).toBe('list');
  });

  it("still pushes a filter on the listed record's fields", () => {
    const p = plan('SELECT * FROM ProductBulkPricingRules WHERE ProductId IN (3, 4)');
    expect(p.query).toMatchObject({ include: 'bulk_pricing_rules', 'id:in': '3,4' });
  });

  it('keeps the LIMIT shortcut for the tables that are not unnested', () => {
    expect(plan('SELECT * FROM Products LIMIT 5').limit).toBe(5);
  });
});
