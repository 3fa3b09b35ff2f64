import type { DataType } from '../types';
import type { CompareOp } from '../sql/types';

/**
 * Values are converted by column type when rows are staged, so v2 endpoints need no marking:
 * - `decimal` / `integer`: JSON numbers, or numeric strings (v2 money such as "12.5000",
 *   tax class ids "1") parsed to numbers; "" becomes NULL.
 * - `datetime`: ISO 8601, RFC 2822 (v2: "Tue, 13 Mar 2018 16:18:59 +0000") or Unix-epoch-seconds
 *   strings, normalised to ISO 8601 UTC; "" becomes NULL.
 * - `boolean`: JSON booleans (or 0/1), stored as SQLite 0/1.
 * - `json`: objects and arrays stored as JSON text.
 */
export interface ColumnDef {
  name: string;
  type: DataType;
  /**
   * Dotted path into the API record (`custom_url.url`); `$parent.<Column>` for the parent key of a
   * child table; `$owner.<path>` for a field of the listed record an unnested row comes from.
   */
  source: string;
  description: string;
  /** Default true; primary-key columns are never null. */
  nullable?: boolean;
  /** Default true; false marks a column INSERT and UPDATE may set (the table needs `write`). */
  readOnly?: boolean;
  /** Informational foreign key (sys_keycolumns), e.g. Orders.CustomerId → Customers.Id; never enforced. */
  references?: { table: string; column: string };
}

/** One operator's API parameter(s); see TableDef.filters. */
export type FilterMapping = string | { param: string | string[]; exact?: boolean };

/** One kind of write: the request that carries it and how many rows one request takes. */
export interface WriteOperation {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Path under /stores/{hash}; `{Column}` placeholders take each row's values. */
  path: string;
  /** Rows per request: an array body (`body: 'array'`) or an id list (`idParam`) carries several. */
  batchSize: number;
  /** Default 'object': the body is one row's fields. */
  body?: 'object' | 'array';
  /** Property of the answer holding the written records (`data`); absent for a bare record (v2). */
  records?: string;
  /** DELETE only: the query parameter taking the keys (`id:in`). */
  idParam?: string;
  /** Columns every body carries, changed or not, because the API requires them (read first). */
  carry?: string[];
}

/** How INSERT, UPDATE and DELETE reach the API; the writable columns are those with `readOnly: false`. */
export interface WriteDef {
  /** Columns an INSERT must give. */
  required?: string[];
  insert?: WriteOperation;
  update?: WriteOperation;
  delete?: WriteOperation;
}

export interface TableDef {
  name: string;
  description: string;
  type?: 'TABLE' | 'VIEW';
  api: {
    /** Path under /stores/{hash}, with `{Param}` placeholders for a child table's parent key. */
    path: string;
    /**
     * Property holding the records (`data` for v3); absent for a bare array (v2) or a single
     * object (`/v2/store`: one row). Also used with pagination `none` (`/v3/catalog/trees`).
     */
    records?: string;
    /**
     * v3: page/limit + meta.pagination; v2: page/limit, bare arrays, 204 past the end; cursor: limit
     * and the `after` cursor of meta.pagination.links.next, one page after another; none: one request.
     */
    pagination: 'v3' | 'v2' | 'cursor' | 'none';
    maxPageSize?: number;
    /** v2 count endpoint (`/v2/orders/count`), for COUNT(*) and concurrent v2 paging. */
    countPath?: string;
    /** Fixed query parameters sent with every list request (`include=…`). */
    query?: Record<string, string>;
    /** OAuth scope the endpoint needs, named in 403 errors; absent when any token may call it (webhooks). */
    scope?: string;
    /** The list endpoint, and the get endpoint if any, take `include_fields` (the spec lists it). */
    includeFields?: boolean;
  };
  /**
   * Array property of each listed record whose elements are this table's rows (a refund's
   * `items`): columns read the element, and `$owner.<path>` reads the listed record.
   */
  unnest?: string;
  /** Get-by-id endpoint, for `Id = n`; `{Column}` placeholders name this table's columns (`{Id}`). */
  get?: { path: string };
  /** Child tables: how to reach the parent and which column holds the parent key. */
  parent?: {
    table: string;
    /** Column of this table holding the parent key (`OrderId`). */
    column: string;
    /** Column of the parent table it refers to (`Id`). */
    parentColumn: string;
    /** A change to these rows also changes the parent's modification date (see the meta-schema). */
    modifiesParent?: boolean;
    /**
     * Further keys in api.path besides `column`: this table's column → the parent's column holding
     * it (a quote's `{OrderId}` is its shipping address's OrderId), for a parent that is itself a child.
     */
    pathKeys?: Record<string, string>;
  };
  /**
   * The API has no list for this table, only a GET by key (`/v3/abandoned-carts/{Token}`): a query
   * must give `column` with = or IN, each value being one request; without it, ERR_KEY_REQUIRED.
   */
  lookup?: { column: string };
  primaryKey: string[];
  columns: ColumnDef[];
  /**
   * Column → operator → API query parameter (`{"Id": {"IN": "id:in"}}`). Each mapping may be
   * looser than SQL (SQLite re-applies the whole WHERE) but never stricter. A mapping is:
   * - a parameter name: the API filters exactly as the SQL operator does;
   * - `{param, exact: false}`: looser (a case-insensitive string match, `:min` for `>`), so the
   *   engine keeps the LIMIT and COUNT(*) shortcuts off; `param` may be a list of parameters that
   *   each get the value (`["min_id", "max_id"]` for v2 Orders `Id =`), see `filterParams()`;
   * - a name ending in `:in` / `:not_in` is a list parameter: IN/NOT IN send the values joined
   *   with `,` and `=` sends one value. A value containing `,`, or an empty string, must not be
   *   pushed to a list parameter (the API would split it or read an empty list, and drop rows);
   * - `<>` maps to an exclusion (`date_last_imported:not`) only where the API cannot exclude more
   *   than SQL does (not case-insensitive string matches);
   * - LIKE maps only to a `:like` parameter, which matches a substring case-insensitively: send
   *   the longest run of the pattern without `%`/`_` (skip the pushdown when there is none);
   * - datetime values are sent as complete ISO 8601 UTC timestamps (BigCommerce adds the current
   *   time to a bare date); booleans are sent as `true`/`false`, except the parameters listed in
   *   `numericBooleanParams`, which take `1`/`0`.
   */
  filters?: Record<string, Partial<Record<CompareOp, FilterMapping>>>;
  /** Query parameters that take booleans as `1`/`0` (the spec types them integer [1,0]). */
  numericBooleanParams?: string[];
  /** Absent: the table is read-only. */
  write?: WriteDef;
}

export interface ProcedureResultColumn {
  name: string;
  type: DataType;
  /** A credential (a token): masked for statements run with `maskSecrets`. */
  secret?: boolean;
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
  /** The procedure changes the store: a ReadOnly connection refuses it, as it refuses INSERT/UPDATE/DELETE. */
  writes?: boolean;
}

/** Loaded, validated definitions; lookups are case-insensitive. */
export interface Catalog {
  tables: TableDef[];
  procedures: ProcedureDef[];
  findTable(name: string): TableDef | undefined;
  findProcedure(name: string): ProcedureDef | undefined;
}
