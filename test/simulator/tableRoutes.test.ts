/**
 * The simulator serves every endpoint behind the catalog's tables: the list path, the get-by-id
 * path and the count path of each table match one of its routes (and spec.test.ts validates a
 * sample of every route against the OpenAPI schemas).
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { ROUTES } from '../../src/simulator/api';

const endpoints = loadCatalog().tables.flatMap((t) =>
  [t.api.path, t.get?.path, t.api.countPath]
    .filter((p): p is string => typeof p === 'string')
    .map((p) => [t.name, p] as const),
);

describe('simulator routes', () => {
  it('cover every table the provider reads (66 or more), list, get and count paths alike', () => {
    expect(new Set(endpoints.map(([t]) => t)).size).toBe(loadCatalog().tables.length);
    expect(loadCatalog().tables.length).toBeGreaterThanOrEqual(66);
  });

  it.each(endpoints)('serve %s at %s', (_table, p) => {
    const concrete = p.replace(/\{[^}]+\}/g, '1');
    expect(ROUTES.some((r) => r.pattern.test(concrete))).toBe(true);
  });
});
