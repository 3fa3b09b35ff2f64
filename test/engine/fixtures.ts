/** A small hand-written catalog, statements and a recording RestClient for engine unit tests. */
import type { Catalog, TableDef } from '../../src/catalog/types';
import type { ConnectionOptions } from '../../src/options/types';
import type { ExecutionContext } from '../../src/engine/context';
import { ApiError } from '../../src/errors';
import { nullLogger } from '../../src/log';
import type { ApiResponse, ListResult, ListSpec, RequestOptions, RestClient } from '../../src/rest/types';
import type { Operand, Predicate, SelectStatement, SingleTableSelect } from '../../src/sql/types';

const products: TableDef = {
  name: 'Products',
  description: 'Products.',
  api: {
    path: '/v3/catalog/products',
    records: 'data',
    pagination: 'v3',
    maxPageSize: 250,
    scope: 'store_v2_products_read_only',
  },
  get: { path: '/v3/catalog/products/{Id}' },
  primaryKey: ['Id'],
  columns: [
    { name: 'Id', type: 'integer', source: 'id', description: 'Id.' },
    { name: 'Name', type: 'string', source: 'name', description: 'Name.' },
    { name: 'Sku', type: 'string', source: 'sku', description: 'SKU.' },
    { name: 'Price', type: 'decimal', source: 'price', description: 'Price.' },
    { name: 'IsVisible', type: 'boolean', source: 'is_visible', description: 'Visible.' },
    { name: 'DateModified', type: 'datetime', source: 'date_modified', description: 'Modified.' },
    { name: 'CustomUrl', type: 'string', source: 'custom_url.url', description: 'URL.' },
    { name: 'Images', type: 'json', source: 'images', description: 'Images.' },
  ],
  filters: {
    Id: {
      '=': 'id',
      IN: 'id:in',
      'NOT IN': 'id:not_in',
      '>=': 'id:min',
      '<=': 'id:max',
      '>': 'id:greater',
      '<': 'id:less',
    },
    Name: { '=': { param: 'name', exact: false }, LIKE: { param: 'name:like', exact: false } },
    Sku: { '=': { param: 'sku', exact: false }, IN: { param: 'sku:in', exact: false } },
    Price: { '>=': 'price:min', '<=': 'price:max', '>': { param: 'price:min', exact: false } },
    IsVisible: { '=': 'is_visible' },
    DateModified: {
      '>=': 'date_modified:min',
      '<=': 'date_modified:max',
      '>': { param: 'date_modified:min', exact: false },
    },
  },
};

const orders: TableDef = {
  name: 'Orders',
  description: 'Orders (v2).',
  api: {
    path: '/v2/orders',
    pagination: 'v2',
    maxPageSize: 250,
    countPath: '/v2/orders/count',
    scope: 'store_v2_orders_read_only',
  },
  get: { path: '/v2/orders/{Id}' },
  primaryKey: ['Id'],
  columns: [
    { name: 'Id', type: 'integer', source: 'id', description: 'Id.' },
    { name: 'CustomerId', type: 'integer', source: 'customer_id', description: 'Customer.' },
    { name: 'StatusId', type: 'integer', source: 'status_id', description: 'Status.' },
    { name: 'DateCreated', type: 'datetime', source: 'date_created', description: 'Created.' },
    { name: 'TotalIncTax', type: 'decimal', source: 'total_inc_tax', description: 'Total.' },
    { name: 'IsDeleted', type: 'boolean', source: 'is_deleted', description: 'Deleted.' },
  ],
  filters: {
    Id: { '=': { param: ['min_id', 'max_id'] }, '>=': 'min_id', '<=': 'max_id' },
    StatusId: { '=': 'status_id' },
    CustomerId: { '=': 'customer_id' },
    IsDeleted: { '=': 'is_deleted' },
    DateCreated: { '>=': 'min_date_created', '<=': 'max_date_created' },
  },
  numericBooleanParams: ['is_deleted'],
};

const orderItems: TableDef = {
  name: 'OrderItems',
  description: 'Order line items (v2, per order).',
  api: {
    path: '/v2/orders/{OrderId}/products',
    pagination: 'v2',
    maxPageSize: 250,
    scope: 'store_v2_orders_read_only',
  },
  parent: { table: 'Orders', column: 'OrderId', parentColumn: 'Id' },
  primaryKey: ['Id'],
  columns: [
    { name: 'Id', type: 'integer', source: 'id', description: 'Id.' },
    { name: 'OrderId', type: 'integer', source: '$parent.Id', description: 'Order.' },
    { name: 'Name', type: 'string', source: 'name', description: 'Name.' },
    { name: 'Quantity', type: 'integer', source: 'quantity', description: 'Quantity.' },
  ],
};

const taxClasses: TableDef = {
  name: 'TaxClasses',
  description: 'Tax classes.',
  api: { path: '/v2/tax_classes', pagination: 'none', scope: 'store_v2_information_read_only' },
  primaryKey: ['Id'],
  columns: [
    { name: 'Id', type: 'integer', source: 'id', description: 'Id.' },
    { name: 'Name', type: 'string', source: 'name', description: 'Name.' },
  ],
};

export const tables = { products, orders, orderItems, taxClasses };

export const catalog: Catalog = {
  tables: [products, orders, orderItems, taxClasses],
  procedures: [
    {
      name: 'GetOAuthAuthorizationURL',
      description: 'URL.',
      parameters: {
        type: 'object',
        properties: { CallbackUrl: { type: 'string', description: 'Callback.' } },
      },
      result: [{ name: 'URL', type: 'string', description: 'URL.' }],
      handler: 'getOAuthAuthorizationURL',
    },
  ],
  findTable(name) {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  },
  findProcedure(name) {
    return this.procedures.find((p) => p.name.toLowerCase() === name.toLowerCase());
  },
};

export const options = {
  Pushdown: true,
  MaxFanOut: 100,
  MaxConcurrentRequests: 4,
  StagingRowThreshold: 100000,
};

export const lit = (value: string | number | boolean | null): Operand => ({ kind: 'literal', value });
export const param = (index: number): Operand => ({ kind: 'param', index });
export const named = (name: string): Operand => ({ kind: 'named', name });
export const term = (column: string, op: Predicate['op'], ...values: Operand[]): Predicate => ({
  column,
  op,
  values,
});

/** A single-table SELECT as parseStatement would describe it. */
export function select(
  table: string,
  text: string,
  single: Partial<SingleTableSelect> = {},
): SelectStatement {
  const all = [...(single.conjuncts ?? []).flatMap((c) => c.values), single.limit, single.offset].filter(
    (o): o is Operand => !!o,
  );
  return {
    kind: 'select',
    text,
    tables: [{ name: table, alias: null }],
    single: {
      table: { name: table, alias: null },
      conjuncts: [],
      residual: false,
      limit: null,
      offset: null,
      orderBy: false,
      groupBy: false,
      distinct: false,
      aggregates: false,
      countStar: false,
      ...single,
    },
    positionalParams: all.filter((o) => o.kind === 'param').length,
    namedParams: [...new Set(all.flatMap((o) => (o.kind === 'named' ? [o.name] : [])))],
  };
}

/** A statement over several tables (joins, subqueries, UNION): no single-table facts. */
export function multi(tableNames: string[], text: string): SelectStatement {
  return {
    kind: 'select',
    text,
    tables: tableNames.map((name) => ({ name, alias: null })),
    single: null,
    positionalParams: 0,
    namedParams: [],
  };
}

export interface RecordedCall {
  kind: 'request' | 'list' | 'count';
  path: string;
  query: Record<string, string | number | boolean>;
  limit?: number;
  pageSize?: number;
}

/** Serves records from memory by path, and records what it was asked. */
export class FakeRestClient implements RestClient {
  readonly calls: RecordedCall[] = [];
  requestCount = 0;
  constructor(
    private readonly data: Record<string, Record<string, unknown>[]>,
    private readonly opts: { streamPages?: number; failOn?: RegExp } = {},
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts: RequestOptions & { allow404?: boolean } = {},
  ): Promise<ApiResponse> {
    this.requestCount++;
    this.calls.push({ kind: 'request', path, query: opts.query ?? {} });
    const m = /^(.*)\/(\d+)$/.exec(path);
    const rec = m ? (this.data[m[1]] ?? []).find((r) => String(r.id) === m[2]) : undefined;
    if (!rec) return { status: 404, headers: {}, json: undefined };
    return { status: 200, headers: {}, json: m![1].startsWith('/v3') ? { data: rec } : rec };
  }

  async list(
    spec: ListSpec,
    opts: { signal?: AbortSignal; onRecords?: (r: Record<string, unknown>[]) => void } = {},
  ): Promise<ListResult> {
    this.requestCount++;
    this.calls.push({
      kind: 'list',
      path: spec.path,
      query: spec.query,
      limit: spec.limit,
      pageSize: spec.pageSize,
    });
    if (this.opts.failOn?.test(spec.path)) {
      throw new ApiError('ERR_API', `GET ${spec.path} failed`, { status: 500 });
    }
    const rows = this.data[spec.path];
    if (!rows) {
      throw new ApiError('ERR_API_NOT_FOUND', `GET ${spec.path}: 404`, { status: 404 });
    }
    const records = spec.limit !== undefined ? rows.slice(0, spec.limit) : rows;
    if (this.opts.streamPages && opts.onRecords) {
      for (let i = 0; i < records.length; i += this.opts.streamPages)
        opts.onRecords(records.slice(i, i + this.opts.streamPages));
      return { records: [], warnings: [] };
    }
    return { records: [...records], warnings: [] };
  }

  async count(spec: ListSpec): Promise<number> {
    this.requestCount++;
    this.calls.push({ kind: 'count', path: spec.path, query: spec.query });
    return (this.data[spec.path] ?? []).length;
  }
}

export function context(client: RestClient, over: Partial<ConnectionOptions> = {}): ExecutionContext {
  return {
    options: { ...options, ...over } as unknown as ConnectionOptions,
    catalog,
    logger: nullLogger,
    auth: {
      storeHash: () => 'abc',
      accessToken: async () => 'token',
      renewAfterUnauthorized: async () => false,
    },
    client,
    warnings: [],
    oauthRequests: { count: 0 },
  };
}
