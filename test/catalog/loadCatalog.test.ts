import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  clearCatalogCache,
  filterIsExact,
  filterParams,
  isListParam,
  loadCatalog,
} from '../../src/catalog/loadCatalog';
import { packageRoot } from '../../src/catalog/packageRoot';
import { CatalogError } from '../../src/errors';

const ROOT = packageRoot();

const REQUIRED_TABLES = [
  'Products',
  'ProductVariants',
  'ProductImages',
  'ProductCustomFields',
  'ProductOptions',
  'Categories',
  'CategoryTrees',
  'Brands',
  'Customers',
  'CustomerAddresses',
  'CustomerGroups',
  'Orders',
  'OrderItems',
  'OrderShippingAddresses',
  'OrderShipments',
  'OrderCoupons',
  'Coupons',
  'Currencies',
  'TaxClasses',
  'Stores',
  'Channels',
  'PriceLists',
];

describe('loadCatalog', () => {
  const catalog = loadCatalog();

  it('loads every table the issue names, the three OAuth procedures and the brand image ones', () => {
    expect(catalog.tables.map((t) => t.name)).toEqual(expect.arrayContaining(REQUIRED_TABLES));
    expect(catalog.procedures.map((p) => p.name).sort()).toEqual([
      'CreateBrandImage',
      'DeleteBrandImage',
      'GetOAuthAccessToken',
      'GetOAuthAuthorizationURL',
      'RefreshOAuthAccessToken',
    ]);
  });

  it('gives every table a primary key and columns that each have a type and a description', () => {
    for (const t of catalog.tables) {
      expect(t.columns.length).toBeGreaterThan(0);
      expect(t.primaryKey.length).toBeGreaterThan(0);
      for (const c of t.columns) {
        expect(c.type).toMatch(/^(string|integer|decimal|boolean|datetime|json)$/);
        expect(c.description.length).toBeGreaterThan(3);
      }
    }
  });

  it('finds tables and procedures case-insensitively', () => {
    expect(catalog.findTable('orderitems')?.name).toBe('OrderItems');
    expect(catalog.findTable('PRODUCTS')?.name).toBe('Products');
    expect(catalog.findProcedure('getoauthaccesstoken')?.name).toBe('GetOAuthAccessToken');
    expect(catalog.findTable('Nope')).toBeUndefined();
    expect(catalog.findProcedure('Products')).toBeUndefined();
  });

  it('declares the columns BI users of the commercial drivers expect', () => {
    const names = (t: string) => catalog.findTable(t)!.columns.map((c) => c.name);
    expect(names('Orders')).toEqual(
      expect.arrayContaining([
        'Id',
        'StatusId',
        'Status',
        'CustomerId',
        'DateCreated',
        'DateModified',
        'TotalIncTax',
        'TotalExTax',
        'ItemsTotal',
        'BillingAddressFirstName',
        'BillingAddressEmail',
      ]),
    );
    expect(names('Customers')).toEqual(
      expect.arrayContaining([
        'Id',
        'Email',
        'FirstName',
        'LastName',
        'CustomerGroupId',
        'DateCreated',
        'DateModified',
      ]),
    );
    expect(names('Products')).toEqual(
      expect.arrayContaining(['Id', 'Name', 'Sku', 'Price', 'CustomUrl', 'DateModified']),
    );
  });

  it('gives child tables their parent and a parent-key placeholder in the path', () => {
    const items = catalog.findTable('OrderItems')!;
    expect(items.parent).toEqual({
      table: 'Orders',
      column: 'OrderId',
      parentColumn: 'Id',
      modifiesParent: true,
    });
    expect(items.api.path).toBe('/v2/orders/{OrderId}/products');
    expect(
      catalog.findTable('ProductCustomFields')!.columns.find((c) => c.name === 'ProductId')?.source,
    ).toBe('$parent.Id');
  });

  it('pushes v2 Orders Id = to both min_id and max_id, and dates to the v2 min_/max_ parameters', () => {
    const f = catalog.findTable('Orders')!.filters!;
    expect(filterParams(f.Id!['=']!)).toEqual(['min_id', 'max_id']);
    expect(f.DateModified!['>=']).toBe('min_date_modified');
    expect(f.DateCreated!['<']).toEqual({ param: 'max_date_created', exact: false });
  });

  it('returns the same frozen catalog on every call for the same folder', () => {
    expect(loadCatalog()).toBe(catalog);
    expect(loadCatalog({ dir: ROOT })).toBe(catalog);
    expect(Object.isFrozen(catalog.tables[0].columns[0])).toBe(true);
  });

  it('marks secret procedure parameters writeOnly and gives AuthMode its allowed values and default', () => {
    const p = catalog.findProcedure('GetOAuthAccessToken')!;
    expect(p.parameters.properties.Verifier.writeOnly).toBe(true);
    expect(p.parameters.properties.AuthMode.enum).toEqual(['APP', 'WEB']);
    expect(p.parameters.properties.AuthMode.default).toBe('APP');
    expect(p.parameters.required ?? []).toEqual([]);
    expect(p.result.map((r) => r.name).slice(0, 3)).toEqual([
      'OAuthAccessToken',
      'OAuthRefreshToken',
      'ExpiresIn',
    ]);
    expect(
      catalog.findProcedure('RefreshOAuthAccessToken')!.parameters.properties.OAuthRefreshToken.writeOnly,
    ).toBe(true);
    expect(catalog.procedures.map((x) => x.handler).sort()).toEqual([
      'createBrandImage',
      'deleteBrandImage',
      'getOAuthAccessToken',
      'getOAuthAuthorizationURL',
      'refreshOAuthAccessToken',
    ]);
  });
});

describe('filterParams, filterIsExact and isListParam', () => {
  it('read a mapping as its parameters and its declared exactness, and recognise list parameters', () => {
    expect(filterParams('id:in')).toEqual(['id:in']);
    expect(filterParams({ param: ['min_id', 'max_id'] })).toEqual(['min_id', 'max_id']);
    expect(filterParams({ param: 'name', exact: false })).toEqual(['name']);
    expect(filterIsExact('id:min')).toBe(true);
    expect(filterIsExact({ param: ['min_id', 'max_id'] })).toBe(true);
    expect(filterIsExact({ param: 'id:min', exact: false })).toBe(false);
    expect(isListParam('sku:in')).toBe(true);
    expect(isListParam('id:not_in')).toBe(true);
    expect(isListParam('id:min')).toBe(false);
  });
});

describe('a broken catalog', () => {
  let dir: string;

  function write(rel: string, content: unknown): void {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  function realJson(rel: string): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;
  }
  function load(): CatalogError {
    try {
      loadCatalog({ dir });
    } catch (e) {
      return e as CatalogError;
    }
    throw new Error('loadCatalog did not throw');
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    for (const f of fs.readdirSync(path.join(ROOT, 'schemas', 'tables'))) {
      write(`schemas/tables/${f}`, realJson(`schemas/tables/${f}`));
    }
    for (const f of fs.readdirSync(path.join(ROOT, 'procedures')))
      write(`procedures/${f}`, realJson(`procedures/${f}`));
    clearCatalogCache();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads when copied unchanged (the copy is a fair baseline)', () => {
    expect(loadCatalog({ dir }).tables.length).toBe(loadCatalog().tables.length);
  });

  it('fails with one ERR_CATALOG that lists every problem with its file', () => {
    const products = realJson('schemas/tables/Products.json') as { columns: Record<string, unknown>[] };
    delete products.columns[1].type;
    write('schemas/tables/Products.json', products);

    const brands = realJson('schemas/tables/Brands.json') as { filters: Record<string, unknown> };
    brands.filters.Nmae = { '=': 'name' };
    write('schemas/tables/Brands.json', brands);

    write('schemas/tables/Broken.json', '{ "name": "Broken", ');
    write('schemas/tables/Currencies2.json', {
      ...realJson('schemas/tables/Currencies.json'),
      name: 'CURRENCIES',
    });

    const proc = realJson('procedures/GetOAuthAccessToken.json');
    delete proc.handler;
    write('procedures/GetOAuthAccessToken.json', proc);

    const err = load();
    expect(err).toBeInstanceOf(CatalogError);
    expect(err.code).toBe('ERR_CATALOG');
    const problems = (err as unknown as { problems: string[] }).problems;
    const expected = [
      /Products\.json: \/columns\/1 must have required property 'type'/,
      /Brands\.json: filters names unknown column "Nmae"/,
      /Broken\.json: not valid JSON/,
      /Currencies2\.json: table name CURRENCIES is already used by .*Currencies\.json/,
      /GetOAuthAccessToken\.json: \(top level\) must have required property 'handler'/,
    ];
    for (const re of expected) {
      expect(problems.some((p) => re.test(p))).toBe(true);
      expect(err.message).toMatch(re);
    }
  });

  it('reports keys, parents and placeholders that name nothing', () => {
    const items = realJson('schemas/tables/OrderItems.json') as Record<string, unknown>;
    items.primaryKey = ['ID'];
    items.parent = { table: 'Order', column: 'OrderId', parentColumn: 'Id' };
    write('schemas/tables/OrderItems.json', items);
    const variants = realJson('schemas/tables/ProductVariants.json') as Record<string, unknown>;
    (variants.api as Record<string, unknown>).path = '/v3/catalog/products/{product_id}/variants';
    write('schemas/tables/ProductVariants.json', variants);

    const problems = (load() as unknown as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/OrderItems\.json: primaryKey names unknown column "ID"/),
        expect.stringMatching(/OrderItems\.json: parent\.table names unknown table "Order"/),
        expect.stringMatching(
          /ProductVariants\.json: api\.path placeholder \{product_id\} is not a key column/,
        ),
      ]),
    );
  });

  it('rejects a LIKE mapped to an exact parameter and an IN mapped to a scalar one', () => {
    const cats = realJson('schemas/tables/Categories.json') as {
      filters: Record<string, Record<string, string>>;
    };
    cats.filters.Name.LIKE = 'name';
    cats.filters.Id.IN = 'id';
    write('schemas/tables/Categories.json', cats);
    const problems = (load() as unknown as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/filters\.Name\.LIKE must map to a ":like" parameter/),
        expect.stringMatching(/filters\.Name\.LIKE must be declared \{"param": "name", "exact": false\}/),
        expect.stringMatching(/filters\.Id\.IN must map to a list parameter/),
      ]),
    );
  });

  it('rejects a procedure default outside its own enum and a required parameter that does not exist', () => {
    const proc = realJson('procedures/GetOAuthAccessToken.json') as {
      parameters: { properties: Record<string, Record<string, unknown>>; required?: string[] };
    };
    proc.parameters.properties.AuthMode.default = 'DESKTOP';
    proc.parameters.required = ['Verifer'];
    write('procedures/GetOAuthAccessToken.json', proc);
    const problems = (load() as unknown as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/parameter AuthMode: default "DESKTOP" does not satisfy its own schema/),
        expect.stringMatching(/parameters\.required names unknown parameter "Verifer"/),
      ]),
    );
  });

  it('names a missing folder', () => {
    fs.rmSync(path.join(dir, 'procedures'), { recursive: true });
    expect(load().message).toMatch(/procedures\/: folder not found/);
  });
});
