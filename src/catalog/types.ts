import type { DataType } from '../types';
import type { CompareOp } from '../sql/types';

export interface ColumnDef {
  name: string;
  type: DataType;
  /** Dotted path into the API record (`custom_url.url`); `$parent.<Column>` for the parent key of a child table. */
  source: string;
  description: string;
  nullable?: boolean;
  readOnly?: boolean;
}

export interface TableDef {
  name: string;
  description: string;
  type?: 'TABLE' | 'VIEW';
  api: {
    /** Path under /stores/{hash}, with `{Param}` placeholders for a child table's parent key. */
    path: string;
    /** Property holding the records (`data` for v3); absent for a bare array (v2) or a single object. */
    records?: string;
    pagination: 'v3' | 'v2' | 'none';
    maxPageSize?: number;
    /** v2 count endpoint (`/v2/orders/count`), for COUNT(*) and concurrent v2 paging. */
    countPath?: string;
    /** Fixed query parameters sent with every list request (`include=…`). */
    query?: Record<string, string>;
    /** OAuth scope the endpoint needs, named in 403 errors. */
    scope: string;
  };
  /** Get-by-id endpoint, for `Id = n`. */
  get?: { path: string };
  /** Child tables: how to reach the parent and which column holds the parent key. */
  parent?: {
    table: string;
    /** Column of this table holding the parent key (`OrderId`). */
    column: string;
    /** Column of the parent table it refers to (`Id`). */
    parentColumn: string;
  };
  primaryKey: string[];
  columns: ColumnDef[];
  /** Column → operator → API query parameter (`{"Id": {"IN": "id:in"}}`). */
  filters?: Record<string, Partial<Record<CompareOp, string>>>;
}

export interface ProcedureResultColumn {
  name: string;
  type: DataType;
  description: string;
}

export interface ProcedureDef {
  name: string;
  description: string;
  /** JSON Schema of an object whose properties are the parameters; secrets carry `writeOnly: true`. */
  parameters: {
    type: 'object';
    properties: Record<string, Record<string, unknown> & { description: string }>;
    required?: string[];
    additionalProperties?: boolean;
  };
  result: ProcedureResultColumn[];
  /** Key in src/procedures/registry.ts. */
  handler: string;
}

/** Loaded, validated definitions; lookups are case-insensitive. */
export interface Catalog {
  tables: TableDef[];
  procedures: ProcedureDef[];
  findTable(name: string): TableDef | undefined;
  findProcedure(name: string): ProcedureDef | undefined;
}
