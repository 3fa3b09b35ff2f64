import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { connectionProperties, describeOptions } from '../../src/options/properties';
import { resolveOptions } from '../../src/options/resolveOptions';
import { packageRoot } from '../../src/catalog/packageRoot';
import {
  findSystemTable,
  systemTables,
  type ConnectionPropertyInfo,
  type SystemTableEnv,
} from '../../src/catalog/systemTables';

const catalog = loadCatalog();
const properties: ConnectionPropertyInfo[] = [
  {
    name: 'AuthScheme',
    value: 'OAuth',
    default: 'OAuth',
    values: ['OAuth', 'PersonalAccessToken'],
    group: 'Authentication',
    description: 'How to authenticate.',
    secret: false,
    type: 'enum',
  },
  // Deliberately unmasked: the system table must mask it itself.
  {
    name: 'OAuthClientSecret',
    value: 'shh-very-secret',
    default: null,
    values: null,
    group: 'OAuth',
    description: 'Client secret.',
    secret: true,
    type: 'string',
  },
  {
    name: 'OAuthAccessToken',
    value: null,
    default: null,
    values: null,
    group: 'Authentication',
    description: 'Token.',
    secret: true,
    type: 'string',
  },
  {
    name: 'Timeout',
    value: 60,
    default: 60,
    values: null,
    group: 'Connection',
    description: 'Seconds.',
    secret: false,
    type: 'integer',
  },
];
const env: SystemTableEnv = {
  catalog,
  properties,
  info: { SqliteVersion: '3.45.0', StoreId: 'abc123', ApiBaseURL: 'http://127.0.0.1:1' },
};

function rows(name: string): Record<string, unknown>[] {
  return findSystemTable(name)!.rows(env);
}

describe('system tables', () => {
  it('are found case-insensitively by name', () => {
    expect(findSystemTable('SYS_TABLES')?.name).toBe('sys_tables');
    expect(findSystemTable('sys_nothing')).toBeUndefined();
    expect(systemTables.map((t) => t.name)).toEqual([
      'sys_catalogs',
      'sys_schemas',
      'sys_tables',
      'sys_tablecolumns',
      'sys_keycolumns',
      'sys_procedures',
      'sys_procedureparameters',
      'sys_connection_props',
      'sys_information',
    ]);
  });

  it('give rows with exactly their declared columns, each column typed and described', () => {
    for (const t of systemTables) {
      const names = t.columns.map((c) => c.name);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      for (const c of t.columns) {
        expect(c.source).toBe(c.name);
        expect(c.description.length).toBeGreaterThan(3);
      }
      const got = t.rows(env);
      expect(got.length).toBeGreaterThan(0);
      for (const r of got) expect(Object.keys(r).sort()).toEqual([...names].sort());
    }
  });

  it.each([
    ['sys_tables', ['TableName', 'TableType', 'Description', 'IsUpdateable']],
    [
      'sys_tablecolumns',
      [
        'TableName',
        'ColumnName',
        'DataTypeName',
        'IsNullable',
        'IsKey',
        'IsReadOnly',
        'Description',
        'Ordinal',
      ],
    ],
    [
      'sys_procedureparameters',
      [
        'ProcedureName',
        'ColumnName',
        'Direction',
        'DataTypeName',
        'IsRequired',
        'Description',
        'Values',
        'Default',
        'Ordinal',
      ],
    ],
    [
      'sys_connection_props',
      ['Name', 'Value', 'Default', 'Values', 'Category', 'Description', 'Sensitivity'],
    ],
  ])('give %s the columns BI tools look for', (name, columns) => {
    expect(findSystemTable(name)!.columns.map((c) => c.name)).toEqual(expect.arrayContaining(columns));
  });

  it('name one catalog and one schema, both BigCommerce', () => {
    expect(rows('sys_catalogs')).toEqual([{ CatalogName: 'BigCommerce' }]);
    expect(rows('sys_schemas')).toEqual([{ CatalogName: 'BigCommerce', SchemaName: 'BigCommerce' }]);
  });

  it('list every table in sys_tables, updateable where its file has a write section, with Stores as a view', () => {
    const t = rows('sys_tables');
    expect(t.map((r) => r.TableName)).toEqual(catalog.tables.map((x) => x.name));
    expect(t.find((r) => r.TableName === 'Products')?.IsUpdateable).toBe(true);
    expect(t.find((r) => r.TableName === 'OrderStatuses')?.IsUpdateable).toBe(false);
    expect(t.filter((r) => r.IsUpdateable).map((r) => r.TableName)).toEqual(
      catalog.tables.filter((x) => x.write).map((x) => x.name),
    );
    expect(t.find((r) => r.TableName === 'Stores')?.TableType).toBe('VIEW');
    expect(t.find((r) => r.TableName === 'Orders')).toMatchObject({
      TableType: 'TABLE',
      ApiPath: '/v2/orders',
    });
    expect(t.find((r) => r.TableName === 'OrderItems')?.ParentTableName).toBe('Orders');
  });

  it("list Products' columns in sys_tablecolumns in ordinal order with SQL types and keys", () => {
    const cols = rows('sys_tablecolumns').filter((r) => r.TableName === 'Products');
    const def = catalog.findTable('Products')!;
    expect(cols.map((r) => r.ColumnName)).toEqual(def.columns.map((c) => c.name));
    expect(cols.map((r) => r.Ordinal)).toEqual(def.columns.map((_, i) => i + 1));
    expect(cols.find((r) => r.ColumnName === 'Id')).toMatchObject({
      DataTypeName: 'int',
      IsKey: true,
      IsNullable: false,
    });
    expect(cols.find((r) => r.ColumnName === 'Price')).toMatchObject({
      DataTypeName: 'decimal',
      IsKey: false,
      IsNullable: true,
      IsReadOnly: false,
    });
    expect(cols.find((r) => r.ColumnName === 'Id')?.IsReadOnly).toBe(true);
    expect(cols.find((r) => r.ColumnName === 'DateModified')?.IsReadOnly).toBe(true);
    expect(cols.find((r) => r.ColumnName === 'DateModified')).toMatchObject({
      DataTypeName: 'datetime',
      DataType: 93,
    });
    expect(cols.find((r) => r.ColumnName === 'CustomUrl')).toMatchObject({ ApiField: 'custom_url.url' });
    expect(cols.find((r) => r.ColumnName === 'BrandId')?.IsForeignKey).toBe(true);
  });

  it('give child tables a foreign key to their parent in sys_keycolumns', () => {
    const keys = rows('sys_keycolumns');
    expect(keys.find((r) => r.TableName === 'OrderItems' && r.ColumnName === 'OrderId')).toMatchObject({
      IsKey: false,
      IsForeignKey: true,
      ReferencedTableName: 'Orders',
      ReferencedColumnName: 'Id',
    });
    expect(keys.find((r) => r.TableName === 'Products' && r.ColumnName === 'Id')).toMatchObject({
      IsKey: true,
      KeySeq: 1,
      IsForeignKey: false,
      PrimaryKeyName: 'PK_Products',
    });
    for (const t of catalog.tables.filter((x) => x.parent)) {
      expect(
        keys.some((r) => r.TableName === t.name && r.ColumnName === t.parent!.column && r.IsForeignKey),
      ).toBe(true);
    }
  });

  it('list the procedures with their descriptions', () => {
    expect(
      rows('sys_procedures')
        .map((r) => r.ProcedureName)
        .sort(),
    ).toEqual(catalog.procedures.map((p) => p.name).sort());
  });

  it("list GetOAuthAccessToken's parameters then its result columns in sys_procedureparameters", () => {
    const params = rows('sys_procedureparameters').filter((r) => r.ProcedureName === 'GetOAuthAccessToken');
    expect(params.find((r) => r.ColumnName === 'Verifier')).toMatchObject({
      Direction: 'Input',
      IsRequired: false,
      IsSecret: true,
      DataTypeName: 'varchar',
    });
    expect(params.find((r) => r.ColumnName === 'AuthMode')).toMatchObject({
      Direction: 'Input',
      Values: 'APP,WEB',
      Default: 'APP',
    });
    expect(params.find((r) => r.ColumnName === 'ExpiresIn')).toMatchObject({
      Direction: 'Output',
      DataTypeName: 'int',
    });
    expect(params.map((r) => r.Ordinal)).toEqual(params.map((_, i) => i + 1));
    const firstOutput = params.findIndex((r) => r.Direction === 'Output');
    expect(params.slice(firstOutput).every((r) => r.Direction === 'Output')).toBe(true);
    expect(params[firstOutput].ColumnName).toBe('OAuthAccessToken');
  });

  it('mask secret connection properties that are set, and mark them SECRET', () => {
    const props = rows('sys_connection_props');
    expect(props.find((r) => r.Name === 'OAuthClientSecret')).toMatchObject({
      Value: '********',
      Sensitivity: 'SECRET',
    });
    expect(props.find((r) => r.Name === 'OAuthAccessToken')).toMatchObject({
      Value: null,
      Sensitivity: 'SECRET',
    });
    expect(props.find((r) => r.Name === 'AuthScheme')).toMatchObject({
      Value: 'OAuth',
      Values: 'OAuth,PersonalAccessToken',
      Category: 'Authentication',
      Sensitivity: 'NONE',
    });
    expect(props.find((r) => r.Name === 'Timeout')).toMatchObject({ Value: '60', Default: '60' });
    expect(JSON.stringify(props)).not.toContain('shh-very-secret');
  });

  it('describe the provider in sys_information', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(rows('sys_information')).toEqual([
      expect.objectContaining({
        Product: 'bigcommerce-sql',
        Version: pkg.version,
        Datasource: 'BigCommerce',
        NodeVersion: process.version,
        SqliteVersion: '3.45.0',
        StoreId: 'abc123',
        TableCount: catalog.tables.length,
        ProcedureCount: 5,
      }),
    ]);
  });

  it('take the property list describeOptions() gives for a real connection, one row per property', () => {
    const options = resolveOptions(
      'AuthScheme=PersonalAccessToken;StoreId=abc123;OAuthAccessToken=tok-xyz-123',
      {},
    );
    const props = findSystemTable('sys_connection_props')!.rows({
      ...env,
      properties: describeOptions(options),
    });
    expect(props).toHaveLength(connectionProperties.length);
    expect(props.find((r) => r.Name === 'OAuthAccessToken')).toMatchObject({
      Value: '********',
      Sensitivity: 'SECRET',
    });
    expect(props.find((r) => r.Name === 'StoreId')?.Value).toBe('abc123');
    expect(JSON.stringify(props)).not.toContain('tok-xyz-123');
  });
});
