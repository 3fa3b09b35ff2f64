/**
 * Every table is checked against BigCommerce's published OpenAPI specs, so a typo in a column
 * source or a filter parameter cannot ship: columns must name fields the list endpoint returns,
 * filters must name query parameters it accepts, and get/count paths must exist.
 */
import { filterParams, loadCatalog } from '../../src/catalog/loadCatalog';
import type { TableDef } from '../../src/catalog/types';
import { findEndpoint, sourceSchema, typeOf } from './openapi';

const catalog = loadCatalog();
const tables = catalog.tables.map((t) => [t.name, t] as [string, TableDef]);

describe.each(tables)('table %s', (_name, table) => {
  const ep = findEndpoint(table.api.path);

  it('reads a list endpoint the OpenAPI specs define', () => {
    expect(ep).toBeDefined();
  });

  it("takes every column's source from a field of the endpoint's records", () => {
    const missing = table.columns
      .filter((c) => !c.source.startsWith('$parent.'))
      .filter((c) => sourceSchema(ep!, table, c.source) === undefined)
      .map((c) => `${c.name} ← ${c.source}`);
    expect(missing).toEqual([]);
  });

  it('gives json columns to objects and arrays, boolean columns to booleans, and scalars to the rest', () => {
    const mismatched = table.columns
      .filter((c) => !c.source.startsWith('$parent.'))
      .map((c) => ({ c, specType: typeOf(ep!.doc, sourceSchema(ep!, table, c.source)) }))
      .filter(({ c, specType }) => {
        const structured = specType === 'array' || specType === 'object';
        if (c.type === 'json') return !structured;
        if (c.type === 'boolean') return specType !== 'boolean';
        return structured;
      })
      .map(({ c, specType }) => `${c.name}: ${c.type} vs spec ${specType}`);
    expect(mismatched).toEqual([]);
  });

  it('maps filters only to query parameters the endpoint lists', () => {
    const unknown: string[] = [];
    for (const [column, ops] of Object.entries(table.filters ?? {})) {
      for (const [op, mapping] of Object.entries(ops ?? {})) {
        for (const param of filterParams(mapping ?? '')) {
          if (!ep!.params.has(param)) unknown.push(`${column} ${op} → ${param}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('sends 1/0 only to boolean parameters the spec types as integers', () => {
    for (const p of table.numericBooleanParams ?? []) {
      expect(typeOf(ep!.doc, ep!.params.get(p)?.schema)).toBe('integer');
    }
  });

  it('asks for include_fields exactly where the list and get endpoints document it', () => {
    expect(!!table.api.includeFields).toBe(ep!.params.has('include_fields'));
    if (table.api.includeFields && table.get) {
      expect(findEndpoint(table.get.path)?.params.has('include_fields')).toBe(true);
    }
  });

  it('uses get-by-id and count endpoints the specs define', () => {
    if (table.get) expect(findEndpoint(table.get.path)).toBeDefined();
    if (table.api.countPath) expect(findEndpoint(table.api.countPath)).toBeDefined();
  });
});
