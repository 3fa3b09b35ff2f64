import { fitQuery } from '../../src/engine/urlBudget';
import { encodeQuery } from '../../src/rest/queryString';

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1)).join(',');

describe('fitQuery', () => {
  it('leaves a query that fits as it is', () => {
    expect(fitQuery({ 'id:in': ids(10), limit: 5 }, new Set(['id:in']), 100)).toEqual({ dropped: [] });
  });

  it('cuts the longest :in list into in-order chunks that each fit with the rest of the query', () => {
    const query = { 'id:in': ids(300), include: 'variants' };
    const fit = fitQuery(query, new Set(['id:in']), 200);
    expect(fit.dropped).toEqual([]);
    expect(fit.split!.param).toBe('id:in');
    expect(fit.split!.chunks.join(',')).toBe(ids(300));
    for (const c of fit.split!.chunks)
      expect(encodeQuery({ ...query, 'id:in': c }).length).toBeLessThanOrEqual(200);
    // Packed full: each chunk would overflow with the next value.
    fit.split!.chunks.slice(0, -1).forEach((c, i) => {
      const next = fit.split!.chunks[i + 1].split(',')[0];
      expect(encodeQuery({ ...query, 'id:in': `${c},${next}` }).length).toBeGreaterThan(200);
    });
  });

  it('drops a value too long to send, and never a parameter it was not allowed to drop', () => {
    const query = { name: 'x'.repeat(500), 'sku:in': 'a,b', include: 'y'.repeat(50) };
    expect(fitQuery(query, new Set(['name', 'sku:in']), 120)).toEqual({ dropped: ['name'] });
    expect(fitQuery({ include: 'y'.repeat(500) }, new Set(), 120)).toEqual({ dropped: [] });
  });

  it('drops a second long list when one split list cannot make room for it', () => {
    const query = { 'id:in': ids(400), 'sku:in': ids(300) };
    const fit = fitQuery(query, new Set(['id:in', 'sku:in']), 600);
    expect(fit.dropped).toEqual(['sku:in']);
    expect(fit.split!.param).toBe('id:in');
  });
});
