/**
 * v2 order endpoints (orders.v2.oas2.yml): orders with the spec's filters (min_id, max_id,
 * min_total, max_total, customer_id, email, status_id, cart_id, payment_method,
 * min/max_date_created, min/max_date_modified, channel_id, external_order_id) plus is_deleted
 * and sort=field:asc|desc; /orders/count with per-status counts; an order and its products,
 * shipping addresses, shipments and coupons; order statuses.
 */
import type { ApiRecord } from '../store';
import { listV2, pageV2 } from './lists';
import {
  byField,
  parseFilters,
  QueryError,
  runList,
  type FieldDef,
  type ListSpec,
  rfcMs,
  aliasOnly,
} from './query';
import { orderStatusOf } from './records/orders';
import { ORDER_STATUSES } from './records/settings';
import { v2Error, v2NotFound, v2One } from './respond';
import { route, SCOPES, type Route, type RouteCall } from './route';

const f = (name: string) => (r: ApiRecord) => r[name];
const id = (r: ApiRecord) => r.id as number;
const eq = (type: FieldDef<ApiRecord>['type'], get: (r: ApiRecord) => unknown): FieldDef<ApiRecord> => ({
  type,
  get,
  ops: ['eq'],
});

const ORDER_SPEC: ListSpec<ApiRecord> = {
  idField: 'id',
  fields: {
    id: aliasOnly('int', f('id')),
    total: aliasOnly('number', (r) => Number(r.total_inc_tax)),
    date_created: aliasOnly('date', rfcMs('date_created')),
    date_modified: aliasOnly('date', rfcMs('date_modified')),
    customer_id: eq('int', f('customer_id')),
    email: eq('string', (r) => (r.billing_address as ApiRecord).email),
    status_id: eq('int', f('status_id')),
    cart_id: eq('string', f('cart_id')),
    payment_method: eq('string', f('payment_method')),
    channel_id: eq('int', f('channel_id')),
    external_order_id: eq('string', f('external_order_id')),
    is_deleted: eq('bool', f('is_deleted')),
  },
  aliases: {
    min_id: ['id', 'min'],
    max_id: ['id', 'max'],
    min_total: ['total', 'min'],
    max_total: ['total', 'max'],
    min_date_created: ['date_created', 'min'],
    max_date_created: ['date_created', 'max'],
    min_date_modified: ['date_modified', 'min'],
    max_date_modified: ['date_modified', 'max'],
  },
};

const SORTABLE = [
  'id',
  'customer_id',
  'date_created',
  'date_modified',
  'status_id',
  'channel_id',
  'external_id',
];

/** `sort=date_created:desc` (direction defaults to asc). Unknown fields keep the default id order. */
function orderSort(raw: string | null) {
  const [field, dir] = (raw ?? '').split(':');
  if (!SORTABLE.includes(field)) return { desc: false, sort: undefined };
  const desc = dir?.toLowerCase() === 'desc';
  if (field === 'id') return { desc, sort: undefined };
  const get = field.startsWith('date_') ? rfcMs(field) : f(field);
  return { desc, sort: byField(get, desc, id) };
}

/** Archived orders are listed only when is_deleted is asked for. */
function source(store: RouteCall['store'], reversed: boolean, query: URLSearchParams) {
  const archived = store.overlay.archivedOrders;
  const all = store.ids('orders');
  const ids = archived.size > 0 && !query.has('is_deleted') ? all.filter((i) => !archived.has(i)) : all;
  return {
    ids: reversed ? [...ids].reverse() : ids,
    build: (oid: number) => store.order(oid)!,
    byId: { date_modified: (oid: number) => store.modifiedMs('orders', oid) },
  };
}

function listOrders({ store, req }: RouteCall) {
  const { desc, sort } = orderSort(req.query.get('sort'));
  return listV2(req.query, source(store, desc && !sort, req.query), ORDER_SPEC, sort);
}

/** {count, statuses: [{id, name, …, count}]} as ordersCount_Full in the spec. */
function countOrders({ store, req }: RouteCall) {
  let filters;
  try {
    filters = parseFilters(req.query, ORDER_SPEC);
  } catch (e) {
    if (e instanceof QueryError) return v2Error(400, e.message);
    throw e;
  }
  const perStatus = new Map<number, number>();
  const tally = (statusId: number) => perStatus.set(statusId, (perStatus.get(statusId) ?? 0) + 1);
  let count = 0;
  if (filters.length === 0) {
    // Statuses have their own seed stream: counting them needs no order built (unless written).
    const { ids } = source(store, false, req.query);
    for (const oid of ids) {
      const written = store.overlay.written('orders', oid)?.status_id;
      tally(typeof written === 'number' ? written : orderStatusOf(store.context, oid));
    }
    count = ids.length;
  } else {
    const all = runList(source(store, false, req.query), filters, {
      page: 1,
      limit: Number.MAX_SAFE_INTEGER,
    });
    for (const o of all.items) tally(o.status_id as number);
    count = all.total;
  }
  return {
    status: 200,
    body: {
      statuses: [...ORDER_STATUSES]
        .sort((a, b) => a.order - b.order)
        .map((s) => ({
          id: s.id,
          name: s.name,
          system_label: s.name,
          custom_label: s.name,
          system_description: s.description,
          count: perStatus.get(s.id) ?? 0,
          sort_order: s.order,
        })),
      count,
    },
  };
}

function orderChildren(kind: 'products' | 'shipping_addresses' | 'shipments' | 'coupons') {
  return ({ store, req, params }: RouteCall) => {
    const records = store.orderChildren(params[0], kind);
    return records ? pageV2(req.query, records) : v2NotFound();
  };
}

function orderChild(kind: 'products' | 'shipping_addresses' | 'shipments') {
  return ({ store, params }: RouteCall) => {
    const found = store.orderChildren(params[0], kind)?.find((r) => r.id === params[1]);
    return found ? v2One(found) : v2NotFound();
  };
}

/** An order status as /v2/order_statuses lists it. */
export function statusRecord(s: (typeof ORDER_STATUSES)[number]) {
  return {
    id: s.id,
    name: s.name,
    system_label: s.name,
    custom_label: s.name,
    system_description: s.description,
  };
}

const O = SCOPES.orders;

export const orderRoutes: Route[] = [
  route('/v2/orders', O, listOrders),
  route('/v2/orders/count', O, countOrders),
  route('/v2/orders/{order_id}', O, ({ store, params }) => {
    const order = store.order(params[0]);
    return order ? v2One(order) : v2NotFound();
  }),
  route('/v2/orders/{order_id}/products', O, orderChildren('products')),
  route('/v2/orders/{order_id}/products/{product_id}', O, orderChild('products')),
  route('/v2/orders/{order_id}/shipping_addresses', O, orderChildren('shipping_addresses')),
  route('/v2/orders/{order_id}/shipping_addresses/{id}', O, orderChild('shipping_addresses')),
  route('/v2/orders/{order_id}/shipments', O, orderChildren('shipments')),
  route('/v2/orders/{order_id}/shipments/count', O, ({ store, params }) => {
    const records = store.orderChildren(params[0], 'shipments');
    return records ? v2One({ count: records.length }) : v2NotFound();
  }),
  route('/v2/orders/{order_id}/shipments/{shipment_id}', O, orderChild('shipments')),
  route('/v2/orders/{order_id}/coupons', O, orderChildren('coupons')),
  route('/v2/order_statuses', O, () => v2One(ORDER_STATUSES.map(statusRecord))),
  route('/v2/order_statuses/{status_id}', O, ({ params }) => {
    const s = ORDER_STATUSES.find((x) => x.id === params[0]);
    return s ? v2One(statusRecord(s)) : v2NotFound();
  }),
];
