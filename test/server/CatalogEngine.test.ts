/**
 * The embedded PostgreSQL that answers catalog queries: built from the catalog, cached, and
 * unable to keep anything a client does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { systemTables } from '../../src/catalog/systemTables';
import { CatalogEngine } from '../../src/server/engine/CatalogEngine';
import { readDataRow } from '../../src/server/protocol/engineMessages';
import { START_TIMEOUT } from './serverHarness';

const none = { paramFormats: [], values: [], resultFormats: [] };
let dir: string;
let engine: CatalogEngine;

async function value(sql: string): Promise<string | null> {
  const out = await engine.run(sql, [], none, false);
  return readDataRow(out.rows[0].subarray(5))[0];
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-engine-'));
  fs.writeFileSync(path.join(dir, 'pglite-0.0.1-stale.tar'), 'old');
  engine = await CatalogEngine.start({ catalog: loadCatalog(), systemTables, cacheDir: dir });
}, START_TIMEOUT);

afterAll(async () => {
  await engine?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CatalogEngine', () => {
  it('builds a database named bigcommerce with every table and view of the catalog in schema public', async () => {
    expect(await value('SELECT current_database()')).toBe('bigcommerce');
    const tables = loadCatalog().tables.length + systemTables.length;
    const relations = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v')"; // prettier-ignore
    expect(await value(relations)).toBe(String(tables));
    expect(await value(`SELECT relkind FROM pg_class WHERE relname = 'Stores'`)).toBe('v'); // a view in the catalog
    expect(await value(`SELECT col_description('"Orders"'::regclass, 1)`)).toMatch(/\w/);
  });

  it('caches the built data directory, replacing copies for other versions', () => {
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^pglite-\d+\.\d+\.\d+-[0-9a-f]{16}\.tar$/);
    expect(fs.statSync(path.join(dir, files[0])).size).toBeGreaterThan(1_000_000);
  });

  it(
    'starts again from the cache, and rebuilds a cache file that is damaged',
    async () => {
      const file = path.join(dir, fs.readdirSync(dir)[0]);
      const again = await CatalogEngine.start({ catalog: loadCatalog(), systemTables, cacheDir: dir });
      await again.close();
      fs.writeFileSync(file, 'not a tarball');
      const logged: string[] = [];
      const rebuilt = await CatalogEngine.start({ catalog: loadCatalog(), systemTables, cacheDir: dir, log: (l) => logged.push(l) }); // prettier-ignore
      try {
        expect((await rebuilt.describe('SELECT "Id" FROM "Products"', [])).fields?.[0].typeOid).toBe(20);
      } finally {
        await rebuilt.close();
      }
      expect(fs.statSync(file).size).toBeGreaterThan(1_000_000);
    },
    START_TIMEOUT,
  );

  it('keeps nothing a statement does: writes fail read-only, settings roll back', async () => {
    await expect(engine.run('CREATE TABLE sneaky (a int)', [], none, false)).rejects.toMatchObject({
      sqlState: '25006',
    });
    expect(await value("SELECT set_config('search_path', 'elsewhere', false)")).toBe('elsewhere');
    expect(await value('SELECT current_setting($$search_path$$)')).toBe('public');
  });

  it('types a statement without running it, parameters included', async () => {
    const d = await engine.describe(
      'SELECT "Price", count(*) FROM "Products" WHERE "Id" = $1 GROUP BY 1',
      [],
    );
    expect(d.paramTypes).toEqual([20]);
    expect(d.fields?.map((f) => [f.name, f.typeOid])).toEqual([
      ['Price', 1700],
      ['count', 20],
    ]);
  });
});
