/**
 * More catalog endpoints: a product's reviews (status filter), complex rules and metafields
 * (key, namespace and date filters), as products_catalog.v3.yml lists them; price list records
 * and assignments (price_lists.v3.yml); inventory items by location (inventory.v3.yml).
 */
import type { ApiRecord } from '../store';
import { parentFilter } from './childIds';
import { listV3 } from './lists';
import { dateMs, parseFilters, QueryError, type FieldDef, type ListSpec } from './query';
import { v3Error, v3NotFound } from './respond';
import { priceRecordsOf } from '../writes/priceRecordWrites';
import { route, SCOPES, type Route, type RouteCall } from './route';
import type { ProductExtraKind } from '../storeExtras';

const f = (name: string) => (r: ApiRecord) => r[name];
const date = (name: string): FieldDef<ApiRecord> => ({
  type: 'date',
  get: (r) => dateMs(r[name]),
  ops: ['min', 'max'],
});
const str = (name: string, ops: FieldDef<ApiRecord>['ops']): FieldDef<ApiRecord> => ({
  type: 'string',
  get: f(name),
  ops,
});
const int = (get: (r: ApiRecord) => unknown, ops: FieldDef<ApiRecord>['ops']): FieldDef<ApiRecord> => ({
  type: 'int',
  get,
  ops,
});

const REVIEW_SPEC: ListSpec<ApiRecord> = { fields: { status: str('status', ['eq']) } };

const METAFIELD_SPEC: ListSpec<ApiRecord> = {
  fields: {
    key: str('key', ['eq', 'in']),
    namespace: str('namespace', ['eq', 'in']),
    date_created: date('date_created'),
    date_modified: date('date_modified'),
  },
};

const PRICE_RECORD_SPEC: ListSpec<ApiRecord> = {
  fields: {
    variant_id: int(f('variant_id'), ['in']),
    product_id: int(f('product_id'), ['in']),
    currency: str('currency', ['eq', 'in']),
    sku: str('sku', ['eq', 'in']),
    price: { type: 'number', get: f('price'), ops: ['eq', 'min', 'max'] },
    date_created: { type: 'date', get: (r) => dateMs(r.date_created), ops: ['eq', 'min', 'max'] },
    date_modified: { type: 'date', get: (r) => dateMs(r.date_modified), ops: ['eq'] },
  },
};

const ASSIGNMENT_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: int(f('id'), ['eq', 'in']),
    price_list_id: int(f('price_list_id'), ['eq', 'in']),
    customer_group_id: int(f('customer_group_id'), ['eq', 'in']),
    channel_id: int(f('channel_id'), ['eq', 'in']),
  },
};

const identity = (name: string) => (r: ApiRecord) => (r.identity as ApiRecord)[name];
const INVENTORY_SPEC: ListSpec<ApiRecord> = {
  fields: {
    sku: { type: 'string', get: identity('sku'), ops: ['in'] },
    variant_id: int(identity('variant_id'), ['in']),
    product_id: int(identity('product_id'), ['in']),
    location_id: {
      type: 'int',
      get: f('location_id'),
      ops: ['in'],
      custom: (r, raw) => hasLocation(r, raw, 'location_id'),
    },
    location_code: {
      type: 'string',
      get: f('location_code'),
      ops: ['in'],
      custom: (r, raw) => hasLocation(r, raw, 'location_code'),
    },
  },
};

/** The item has a location whose `field` is one of the comma-separated values. */
function hasLocation(r: ApiRecord, raw: string, field: string): boolean {
  const wanted = raw.split(',').map((s) => s.trim().toLowerCase());
  return (r.locations as ApiRecord[]).some((l) => wanted.includes(String(l[field]).toLowerCase()));
}

function productChildren(kind: ProductExtraKind, spec: ListSpec<ApiRecord>) {
  return ({ store, req, params }: RouteCall) => {
    const records = store.extras.productChildren(kind, params[0]);
    return records ? listV3(req.query, { records }, spec) : v3NotFound('product');
  };
}

function priceRecords({ store, req, params }: RouteCall) {
  const records = priceRecordsOf(store, params[0], parentFilter(req.query, 'product_id:in'));
  return records
    ? listV3(req.query, { records }, PRICE_RECORD_SPEC, { projection: false, links: false })
    : v3NotFound('price list');
}

const ASSIGNMENT_FIELDS = (other: 'channel_id' | 'category_id'): ListSpec<ApiRecord> => ({
  fields: { product_id: int(f('product_id'), ['in']), [other]: int(f(other), ['in']) },
});

function productAssignments(kind: 'channel' | 'category') {
  const spec = ASSIGNMENT_FIELDS(kind === 'channel' ? 'channel_id' : 'category_id');
  return ({ store, req }: RouteCall) =>
    listV3(
      req.query,
      { records: store.extras.assignments(kind, parentFilter(req.query, 'product_id:in')) },
      spec,
      {
        projection: false,
      },
    );
}

/** channels.v3.yml lists date_created and date_modified with `:min`/`:max` and plain equality. */
const LISTING_SPEC: ListSpec<ApiRecord> = {
  fields: {
    date_created: { type: 'date', get: (r) => dateMs(r.date_created), ops: ['eq', 'min', 'max'] },
    date_modified: { type: 'date', get: (r) => dateMs(r.date_modified), ops: ['eq', 'min', 'max'] },
  },
};

/**
 * Cursor paging (channels.v3.yml listings): `after` is the base64 of "id:<last listing id>", and
 * meta.pagination.links.next carries the cursor of the next page while there is one.
 */
function listings({ store, req, params }: RouteCall) {
  if (!store.channels.some((c) => c.id === params[0])) return v3NotFound('channel');
  let all = store.extras.channelListings(params[0], parentFilter(req.query, 'product_id:in'));
  try {
    const filters = parseFilters(req.query, LISTING_SPEC);
    all = all.filter((l) => filters.every((f) => f.test(l)));
  } catch (e) {
    if (e instanceof QueryError) return v3Error(422, e.message);
    throw e;
  }
  const total = all.length;
  const after = req.query.get('after');
  if (after) {
    const last = Number(Buffer.from(after, 'base64').toString('utf8').replace(/^id:/, ''));
    all = all.filter((l) => (l.listing_id as number) > last);
  }
  const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 50) || 50, 1), 250);
  const data = all.slice(0, limit);
  const cursor =
    data.length > 0 ? Buffer.from(`id:${data[data.length - 1].listing_id as number}`).toString('base64') : '';
  const links: Record<string, string> = {
    current: `?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
  };
  if (all.length > data.length) links.next = `?limit=${limit}&after=${encodeURIComponent(cursor)}`;
  return {
    status: 200,
    body: {
      data,
      meta: {
        pagination: {
          count: data.length,
          total,
          total_pages: Math.ceil(total / limit),
          links,
        },
      },
    },
  };
}

const P = SCOPES.products;

export const productExtraRoutes: Route[] = [
  route('/v3/channels/{channel_id}/listings', SCOPES.channelListings, listings),
  route('/v3/catalog/products/channel-assignments', P, productAssignments('channel')),
  route('/v3/catalog/products/category-assignments', P, productAssignments('category')),
  route('/v3/catalog/products/{product_id}/reviews', P, productChildren('reviews', REVIEW_SPEC)),
  route(
    '/v3/catalog/products/{product_id}/complex-rules',
    P,
    productChildren('complex-rules', { fields: {} }),
  ),
  route('/v3/catalog/products/{product_id}/metafields', P, productChildren('metafields', METAFIELD_SPEC)),
  route('/v3/pricelists/assignments', P, ({ store, req }) =>
    listV3(req.query, { records: store.extras.priceListAssignments }, ASSIGNMENT_SPEC, {
      projection: false,
      links: false,
    }),
  ),
  route('/v3/pricelists/{price_list_id}/records', P, priceRecords),
  route('/v3/inventory/items', SCOPES.inventory, ({ store, req }) =>
    listV3(
      req.query,
      { records: store.extras.inventoryItems(parentFilter(req.query, 'product_id:in')) },
      INVENTORY_SPEC,
      { projection: false },
    ),
  ),
];
