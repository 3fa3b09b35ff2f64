/**
 * System tables (sys_tables, sys_tablecolumns, …): the catalog described as rows, so BI tools
 * and users discover tables, columns, keys, procedures and connection properties with the same
 * SQL they use for data. Column sets follow the commercial drivers' system tables where BI tools
 * read them (DataTypeName, IsNullable, Ordinal …). Rows are computed from the catalog on demand.
 */
import { SECRET_MASK } from '../options/properties';
import type { DataType } from '../types';
import { packageVersion } from './packageRoot';
import type { Catalog, ColumnDef, ProcedureDef, TableDef } from './types';

export const CATALOG_NAME = 'BigCommerce';
export const SCHEMA_NAME = 'BigCommerce';

/** One connection property as sys_connection_props shows it (describeOptions() in src/connection/properties.ts). */
export interface ConnectionPropertyInfo {
  name: string;
  /** Resolved value; null when unset. Secrets should arrive masked and are masked again here. */
  value: unknown;
  default?: unknown;
  values?: readonly string[] | string | null;
  group?: string;
  description?: string;
  secret?: boolean;
  type?: string;
}

export interface SystemTableEnv {
  catalog: Catalog;
  properties: readonly ConnectionPropertyInfo[];
  /** Facts only the caller knows for sys_information: SqliteVersion, ApiBaseURL, StoreId, … */
  info: Record<string, unknown>;
}

export interface SystemTable {
  name: string;
  description: string;
  /** `source` is the row key, which is the column name. */
  columns: ColumnDef[];
  rows(env: SystemTableEnv): Record<string, unknown>[];
}

type Row = Record<string, unknown>;

function col(name: string, type: DataType, description: string): ColumnDef {
  return { name, type, source: name, description };
}

const where = [
  col('CatalogName', 'string', `Catalog name (always ${CATALOG_NAME}).`),
  col('SchemaName', 'string', `Schema name (always ${SCHEMA_NAME}).`),
];
const here = { CatalogName: CATALOG_NAME, SchemaName: SCHEMA_NAME };

/** SQL type names and JDBC/ODBC type codes BI tools expect, per provider type. */
const SQL_TYPES: Record<
  DataType,
  { name: string; code: number; size: number; precision: number | null; scale: number | null }
> = {
  string: { name: 'varchar', code: 12, size: 2000, precision: null, scale: null },
  json: { name: 'varchar', code: 12, size: 2000, precision: null, scale: null },
  integer: { name: 'int', code: 4, size: 10, precision: 10, scale: 0 },
  decimal: { name: 'decimal', code: 3, size: 18, precision: 18, scale: 4 },
  boolean: { name: 'bool', code: 16, size: 1, precision: null, scale: null },
  datetime: { name: 'datetime', code: 93, size: 26, precision: null, scale: null },
};

/** JSON Schema parameter types → provider types. */
const PARAM_TYPES: Record<string, DataType> = {
  string: 'string',
  integer: 'integer',
  number: 'decimal',
  boolean: 'boolean',
};

function isNullable(t: TableDef, c: ColumnDef): boolean {
  return !t.primaryKey.includes(c.name) && c.nullable !== false;
}

/** The table and column a column refers to: its parent key, or an informational `references`. */
function foreignKey(t: TableDef, c: ColumnDef): { table: string; column: string } | undefined {
  if (t.parent && t.parent.column === c.name) return { table: t.parent.table, column: t.parent.parentColumn };
  return c.references;
}

function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : String(v);
}

const sysCatalogs: SystemTable = {
  name: 'sys_catalogs',
  description: 'The catalogs the provider exposes (one).',
  columns: [col('CatalogName', 'string', 'Catalog name.')],
  rows: () => [{ CatalogName: CATALOG_NAME }],
};

const sysSchemas: SystemTable = {
  name: 'sys_schemas',
  description: 'The schemas the provider exposes (one).',
  columns: where,
  rows: () => [{ ...here }],
};

const sysTables: SystemTable = {
  name: 'sys_tables',
  description: 'Every table and view, with its description.',
  columns: [
    ...where,
    col('TableName', 'string', 'Table name.'),
    col('TableType', 'string', 'TABLE or VIEW.'),
    col('Description', 'string', 'What the table holds and which API it reads.'),
    col('IsUpdateable', 'boolean', 'True when INSERT, UPDATE or DELETE can change its rows.'),
    col('ApiPath', 'string', 'BigCommerce list endpoint the rows come from (under /stores/{hash}).'),
    col('ParentTableName', 'string', 'For a child table, the table it is read through; NULL otherwise.'),
  ],
  rows: ({ catalog }) =>
    catalog.tables.map((t) => ({
      ...here,
      TableName: t.name,
      TableType: t.type ?? 'TABLE',
      Description: t.description,
      IsUpdateable: t.write !== undefined,
      ApiPath: t.api.path,
      ParentTableName: t.parent?.table ?? null,
    })),
};

const sysTableColumns: SystemTable = {
  name: 'sys_tablecolumns',
  description: 'Every column of every table, in table order then column order.',
  columns: [
    ...where,
    col('TableName', 'string', 'Table name.'),
    col('ColumnName', 'string', 'Column name.'),
    col('DataTypeName', 'string', 'SQL type name: varchar, int, decimal, bool or datetime.'),
    col('DataType', 'integer', 'JDBC/ODBC type code of DataTypeName (12, 4, 3, 16, 93).'),
    col(
      'ProviderType',
      'string',
      'Provider type: string, integer, decimal, boolean, datetime or json (JSON text).',
    ),
    col('Length', 'integer', 'Column size: maximum characters or digits.'),
    col('NumericPrecision', 'integer', 'Digits of a numeric column; NULL otherwise.'),
    col('NumericScale', 'integer', 'Digits after the decimal point of a numeric column; NULL otherwise.'),
    col('IsNullable', 'boolean', 'True when the column may be NULL.'),
    col('IsKey', 'boolean', 'True when the column is part of the primary key.'),
    col('IsForeignKey', 'boolean', 'True when the column refers to another table (see sys_keycolumns).'),
    col('IsReadOnly', 'boolean', 'True when INSERT and UPDATE cannot set the column.'),
    col('IsAutoIncrement', 'boolean', 'Always false.'),
    col('Description', 'string', 'What the column holds.'),
    col('Ordinal', 'integer', 'Position of the column in its table, from 1.'),
    col(
      'ApiField',
      'string',
      'Field of the API record the column comes from ($parent.<Column> for a parent key).',
    ),
  ],
  rows: ({ catalog }) =>
    catalog.tables.flatMap((t) =>
      t.columns.map((c, i) => {
        const sql = SQL_TYPES[c.type];
        return {
          ...here,
          TableName: t.name,
          ColumnName: c.name,
          DataTypeName: sql.name,
          DataType: sql.code,
          ProviderType: c.type,
          Length: sql.size,
          NumericPrecision: sql.precision,
          NumericScale: sql.scale,
          IsNullable: isNullable(t, c),
          IsKey: t.primaryKey.includes(c.name),
          IsForeignKey: foreignKey(t, c) !== undefined,
          IsReadOnly: c.readOnly ?? true,
          IsAutoIncrement: false,
          Description: c.description,
          Ordinal: i + 1,
          ApiField: c.source,
        };
      }),
    ),
};

const sysKeyColumns: SystemTable = {
  name: 'sys_keycolumns',
  description:
    'Primary-key and foreign-key columns. Foreign keys (child tables to their parent, ids to the tables they name) are informational.',
  columns: [
    ...where,
    col('TableName', 'string', 'Table name.'),
    col('ColumnName', 'string', 'Column name.'),
    col('KeySeq', 'integer', 'Position in the primary key, from 1; NULL when not a key column.'),
    col('IsKey', 'boolean', 'True when the column is part of the primary key.'),
    col('IsForeignKey', 'boolean', 'True when the column refers to another table.'),
    col('PrimaryKeyName', 'string', 'Name of the primary key (PK_<Table>); NULL when not a key column.'),
    col(
      'ForeignKeyName',
      'string',
      'Name of the foreign key (FK_<Table>_<Column>); NULL when not a foreign key.',
    ),
    col('ReferencedCatalogName', 'string', 'Catalog of the referenced table.'),
    col('ReferencedSchemaName', 'string', 'Schema of the referenced table.'),
    col('ReferencedTableName', 'string', 'Referenced table; NULL when not a foreign key.'),
    col('ReferencedColumnName', 'string', 'Referenced column; NULL when not a foreign key.'),
  ],
  rows: ({ catalog }) => {
    const out: Row[] = [];
    for (const t of catalog.tables) {
      for (const c of t.columns) {
        const seq = t.primaryKey.indexOf(c.name);
        const fk = foreignKey(t, c);
        if (seq < 0 && !fk) continue;
        out.push({
          ...here,
          TableName: t.name,
          ColumnName: c.name,
          KeySeq: seq < 0 ? null : seq + 1,
          IsKey: seq >= 0,
          IsForeignKey: fk !== undefined,
          PrimaryKeyName: seq < 0 ? null : `PK_${t.name}`,
          ForeignKeyName: fk ? `FK_${t.name}_${c.name}` : null,
          ReferencedCatalogName: fk ? CATALOG_NAME : null,
          ReferencedSchemaName: fk ? SCHEMA_NAME : null,
          ReferencedTableName: fk?.table ?? null,
          ReferencedColumnName: fk?.column ?? null,
        });
      }
    }
    return out;
  },
};

const sysProcedures: SystemTable = {
  name: 'sys_procedures',
  description: 'Every stored procedure, with what it does.',
  columns: [
    ...where,
    col('ProcedureName', 'string', 'Procedure name, as used in EXEC.'),
    col('Description', 'string', 'What the procedure does.'),
    col('ProcedureType', 'string', 'Always STOREDPROCEDURE.'),
  ],
  rows: ({ catalog }) =>
    catalog.procedures.map((p) => ({
      ...here,
      ProcedureName: p.name,
      Description: p.description,
      ProcedureType: 'STOREDPROCEDURE',
    })),
};

function procedureParameterRows(p: ProcedureDef): Row[] {
  const required = new Set(p.parameters.required ?? []);
  const rows: Row[] = [];
  for (const [name, schema] of Object.entries(p.parameters.properties)) {
    const type = PARAM_TYPES[String(schema.type)] ?? 'string';
    const values = Array.isArray(schema.enum) ? schema.enum.map(String).join(',') : null;
    rows.push({
      ColumnName: name,
      Direction: 'Input',
      type,
      IsRequired: required.has(name),
      IsSecret: schema.writeOnly === true,
      Description: schema.description,
      Values: values,
      Default: textOf(schema.default),
    });
  }
  for (const r of p.result) {
    rows.push({
      ColumnName: r.name,
      Direction: 'Output',
      type: r.type,
      IsRequired: false,
      IsSecret: false,
      Description: r.description,
      Values: null,
      Default: null,
    });
  }
  return rows.map(({ type, ...rest }, i) => {
    const sql = SQL_TYPES[type as DataType];
    return {
      ...here,
      ProcedureName: p.name,
      ...rest,
      DataTypeName: sql.name,
      DataType: sql.code,
      Ordinal: i + 1,
    };
  });
}

const sysProcedureParameters: SystemTable = {
  name: 'sys_procedureparameters',
  description: 'Input parameters and output (result) columns of every stored procedure.',
  columns: [
    ...where,
    col('ProcedureName', 'string', 'Procedure name.'),
    col('ColumnName', 'string', 'Parameter or result-column name.'),
    col('Direction', 'string', 'Input for a parameter, Output for a result column.'),
    col('DataTypeName', 'string', 'SQL type name: varchar, int, decimal, bool or datetime.'),
    col('DataType', 'integer', 'JDBC/ODBC type code of DataTypeName.'),
    col('IsRequired', 'boolean', 'True when the parameter must be given.'),
    col(
      'IsSecret',
      'boolean',
      'True for secret parameters (verifier, refresh token), which are never echoed.',
    ),
    col('Description', 'string', 'What the parameter or column means.'),
    col('Values', 'string', 'Allowed values, comma-separated; NULL when any value is accepted.'),
    col('Default', 'string', 'Value used when the parameter is not given; NULL when none.'),
    col('Ordinal', 'integer', 'Position, from 1: parameters first, then result columns.'),
  ],
  rows: ({ catalog }) => catalog.procedures.flatMap(procedureParameterRows),
};

const sysConnectionProps: SystemTable = {
  name: 'sys_connection_props',
  description:
    "Every connection property with this connection's value (secrets masked), default and allowed values.",
  columns: [
    col('Name', 'string', 'Property name, as written in a connection string.'),
    col(
      'Value',
      'string',
      `Value in effect for this connection; secrets show ${SECRET_MASK}; NULL when unset.`,
    ),
    col('Default', 'string', 'Default value; NULL when there is none.'),
    col('Values', 'string', 'Allowed values, comma-separated; NULL when any value is accepted.'),
    col('Type', 'string', 'Value type: string, integer, boolean or enum.'),
    col('Category', 'string', 'Group the property belongs to (Authentication, OAuth, Connection, …).'),
    col('Description', 'string', 'What the property does.'),
    col('Sensitivity', 'string', 'SECRET for secret properties, NONE otherwise.'),
    col('IsSessionProperty', 'boolean', 'Always false: properties are fixed when the connection opens.'),
    col('Ordinal', 'integer', 'Position in the property catalogue, from 1.'),
  ],
  rows: ({ properties }) =>
    properties.map((p, i) => {
      const value = textOf(p.value);
      return {
        Name: p.name,
        // Masked here too, so a caller that forgot to mask cannot leak a secret through SQL.
        Value: p.secret && value !== null && value !== '' ? SECRET_MASK : value,
        Default: textOf(p.default),
        Values: Array.isArray(p.values) ? p.values.join(',') : textOf(p.values),
        Type: p.type ?? null,
        Category: p.group ?? null,
        Description: p.description ?? null,
        Sensitivity: p.secret ? 'SECRET' : 'NONE',
        IsSessionProperty: false,
        Ordinal: i + 1,
      };
    }),
};

const INFO_FROM_CALLER = ['SqliteVersion', 'ApiBaseURL', 'StoreId'] as const;

const sysInformation: SystemTable = {
  name: 'sys_information',
  description: 'The provider, its version and the data source it connects to (one row).',
  columns: [
    col('Product', 'string', 'Provider name.'),
    col('Version', 'string', 'Provider version.'),
    col('Datasource', 'string', 'Data source the provider reads (BigCommerce).'),
    col('NodeVersion', 'string', 'Node.js version running the provider.'),
    col('Platform', 'string', 'Operating system and CPU architecture.'),
    col('SqliteVersion', 'string', 'SQLite version that runs the SQL.'),
    col('ApiBaseURL', 'string', 'BigCommerce API server this connection uses.'),
    col('StoreId', 'string', 'Store hash this connection reads; NULL when not set.'),
    col('TableCount', 'integer', 'Number of tables and views.'),
    col('ProcedureCount', 'integer', 'Number of stored procedures.'),
  ],
  rows: ({ catalog, info }) => {
    const row: Row = {
      Product: 'bigcommerce-sql',
      Version: packageVersion(),
      Datasource: 'BigCommerce',
      NodeVersion: process.version,
      Platform: `${process.platform}-${process.arch}`,
      TableCount: catalog.tables.length,
      ProcedureCount: catalog.procedures.length,
    };
    for (const k of INFO_FROM_CALLER) row[k] = textOf(info[k]);
    return [row];
  },
};

export const systemTables: SystemTable[] = [
  sysCatalogs,
  sysSchemas,
  sysTables,
  sysTableColumns,
  sysKeyColumns,
  sysProcedures,
  sysProcedureParameters,
  sysConnectionProps,
  sysInformation,
];

const byLowerName = new Map(systemTables.map((t) => [t.name.toLowerCase(), t]));

/** Case-insensitive lookup (`SYS_TABLES`, `sys_tables`). */
export function findSystemTable(name: string): SystemTable | undefined {
  return byLowerName.get(name.toLowerCase());
}
